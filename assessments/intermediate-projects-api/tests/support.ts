// Helpers shared by the Taskboard contract tests: accounts, fixtures and page walking.
import type { ContractResponse, TestContext } from "../../../runner/prober/contract";

export interface Session {
  userId: string;
  email: string;
  password: string;
  token: string;
  auth: Record<string, string>;
}

export interface Project {
  id: string;
  ownerId: string;
  name: string;
  description: string | null;
  status: "active" | "archived";
  createdAt: string;
  updatedAt: string;
}

export interface Task {
  id: string;
  projectId: string;
  title: string;
  description: string | null;
  status: "todo" | "in_progress" | "done";
  priority: "low" | "medium" | "high";
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/**
 * A setup step needs the operation to succeed; its exact status, headers and media type are
 * judged by the tests about that operation (and its conformance item), not by every test that
 * needed an account or a project. The helpers below send their requests as setup.
 */
export function assertSetupSucceeded(ctx: TestContext, response: ContractResponse, operation: string): void {
  ctx.assert.ok(response.status >= 200 && response.status < 300, `setup failed: ${operation} answered ${response.status}`);
}

const SETUP = { setup: true } as const;

/**
 * A create whose exact status is not the test's point (idempotency, uniqueness, archiving): any
 * success will do; projects-create, tasks-create and auth-register judge the 201.
 */
export function expectSuccess(ctx: TestContext, response: ContractResponse, what: string): void {
  ctx.assert.ok(response.status >= 200 && response.status < 300, `${what}: expected a success, got ${response.status}`);
}

export async function register(ctx: TestContext, label = "user"): Promise<{ id: string; email: string; password: string }> {
  const email = `${ctx.unique(label)}@example.com`;
  const password = `pw-${ctx.unique("secret")}`;
  const response = await ctx.http.post("/users", { email, password, name: `Test ${label}` }, SETUP);
  assertSetupSucceeded(ctx, response, "POST /users");
  return { id: response.json<{ id: string }>().id, email, password };
}

export async function login(ctx: TestContext, email: string, password: string): Promise<string> {
  const response = await ctx.http.post("/auth/login", { email, password }, SETUP);
  assertSetupSucceeded(ctx, response, "POST /auth/login");
  const token = response.json<{ accessToken: string }>().accessToken;
  ctx.assert.ok(typeof token === "string" && token.length > 0, "login must return an accessToken");
  return token;
}

export async function signUp(ctx: TestContext, label = "user"): Promise<Session> {
  const account = await register(ctx, label);
  const token = await login(ctx, account.email, account.password);
  return { userId: account.id, email: account.email, password: account.password, token, auth: { authorization: `Bearer ${token}` } };
}

export async function createProject(
  ctx: TestContext,
  session: Session,
  fields: Record<string, unknown> = {},
): Promise<{ project: Project; etag: string }> {
  const response = await ctx.http.post("/projects", { name: ctx.unique("Project"), ...fields }, { headers: session.auth, ...SETUP });
  assertSetupSucceeded(ctx, response, "POST /projects");
  const project = response.json<Project>();
  return { project, etag: response.headers.etag ?? (await currentEtag(ctx, session, `/projects/${project.id}`)) };
}

/** The ETag a GET returns, for a setup step whose create answer lacked one. */
async function currentEtag(ctx: TestContext, session: Session, path: string): Promise<string> {
  const response = await ctx.http.get(path, { headers: session.auth, ...SETUP });
  assertSetupSucceeded(ctx, response, `GET ${path.replace(/\/[0-9a-f-]{36}/g, "/{id}")}`);
  return ctx.assert.header(response, "etag");
}

export async function createTask(
  ctx: TestContext,
  session: Session,
  projectId: string,
  fields: Record<string, unknown> = {},
): Promise<{ task: Task; etag: string }> {
  const response = await ctx.http.post(`/projects/${projectId}/tasks`, { title: ctx.unique("Task"), ...fields }, { headers: session.auth, ...SETUP });
  assertSetupSucceeded(ctx, response, "POST /projects/{projectId}/tasks");
  const task = response.json<Task>();
  return { task, etag: response.headers.etag ?? (await currentEtag(ctx, session, `/projects/${projectId}/tasks/${task.id}`)) };
}

/** Creates tasks one after the other, so creation order is well defined. */
export async function createTasks(
  ctx: TestContext,
  session: Session,
  projectId: string,
  fieldsList: Record<string, unknown>[],
): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const fields of fieldsList) tasks.push((await createTask(ctx, session, projectId, fields)).task);
  return tasks;
}

export async function getPage<T>(
  ctx: TestContext,
  session: Session,
  path: string,
  query: Record<string, string | number | undefined>,
): Promise<Page<T>> {
  const response = await ctx.http.get(path, { headers: session.auth, query });
  ctx.assert.status(response, 200);
  return response.json<Page<T>>();
}

/** Follows nextCursor to the end; returns the pages. Fails on an endless or empty-paged walk. */
export async function walkPages<T>(
  ctx: TestContext,
  session: Session,
  path: string,
  query: Record<string, string | number | undefined>,
  maxPages = 30,
): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await getPage<T>(ctx, session, path, { ...query, cursor });
    pages.push(page);
    if (page.nextCursor === null) return pages;
    ctx.assert.ok(page.items.length > 0, "a page with a nextCursor must not be empty");
    ctx.assert.ok(pages.length < maxPages, `pagination did not end after ${maxPages} pages`);
    cursor = page.nextCursor;
  }
}

export function ids(items: { id: string }[]): string[] {
  return items.map((item) => item.id);
}

/**
 * Asserts an RFC 9457 problem response with the given status and returns its body. The media type
 * (application/problem+json) is one rule, checked by errors-are-problem-json and charged once per
 * operation, not by every error test.
 */
export function expectProblem(ctx: TestContext, response: ContractResponse, status: number): Problem {
  ctx.assert.status(response, status);
  const problem = response.json<Problem>();
  ctx.assert.equal(problem.status, status, "problem status member");
  return problem;
}

/** Asserts a 400 problem whose `errors` name the given field. */
export function expectFieldError(ctx: TestContext, response: ContractResponse, field: string): void {
  const problem = expectProblem(ctx, response, 400);
  const fields = (problem.errors ?? []).map((error) => error.field);
  ctx.assert.ok(fields.includes(field), `expected errors[] to name "${field}", got ${JSON.stringify(fields)}`);
}

export const NONEXISTENT_ID = "00000000-0000-4000-8000-000000000000";
