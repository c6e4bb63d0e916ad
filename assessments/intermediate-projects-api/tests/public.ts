// The public contract tests of the Taskboard API: the candidate runs exactly these with check.mjs.
import { defineTests, type TestContext } from "../../../runner/prober/contract";
import {
  NONEXISTENT_ID,
  createProject,
  createTasks,
  expectFieldError,
  expectProblem,
  expectSuccess,
  getPage,
  ids,
  register,
  signUp,
  walkPages,
  type Project,
  type Task,
} from "./support";

export const tests = defineTests([
  {
    id: "health",
    title: "GET /health answers 200 with status ok",
    competency: "api-design",
    points: 1,
    visibility: "public",
    async run(ctx: TestContext) {
      const response = await ctx.http.get("/health");
      ctx.assert.status(response, 200);
      ctx.assert.equal(response.json<{ status: string }>().status, "ok", "status");
    },
  },
  // ── Authentication and authorisation ────────────────────────────────────────────────────────
  {
    id: "auth-register",
    title: "POST /users creates an account and returns it without the password",
    competency: "auth",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const email = `${ctx.unique("Reg")}@Example.com`;
      const response = await ctx.http.post("/users", { email, password: "correct-horse-1", name: "Ada" });
      ctx.assert.status(response, 201);
      const user = response.json<Record<string, unknown>>();
      ctx.assert.equal(user.email, email.toLowerCase(), "email is stored lower-cased");
      ctx.assert.equal(user.name, "Ada", "name");
      ctx.assert.ok(typeof user.id === "string" && user.id.length > 0, "id must be a non-empty string");
      ctx.assert.ok(!response.text.includes("correct-horse-1"), "the response must not contain the password");
    },
  },
  {
    id: "auth-login",
    title: "POST /auth/login returns a Bearer token that GET /me accepts",
    competency: "auth",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const account = await register(ctx, "login");
      const response = await ctx.http.post("/auth/login", { email: account.email, password: account.password });
      ctx.assert.status(response, 200);
      const token = response.json<{ accessToken: string; tokenType: string; expiresIn: number }>();
      ctx.assert.equal(token.tokenType, "Bearer", "tokenType");
      ctx.assert.ok(token.expiresIn > 0, "expiresIn must be positive");
      const me = await ctx.http.get("/me", { headers: { authorization: `Bearer ${token.accessToken}` } });
      ctx.assert.status(me, 200);
      ctx.assert.equal(me.json<{ id: string }>().id, account.id, "GET /me returns the user who logged in");
    },
  },
  {
    id: "auth-login-wrong-password",
    title: "A wrong password is answered with 401",
    competency: "auth",
    points: 1,
    visibility: "public",
    async run(ctx: TestContext) {
      const account = await register(ctx, "wrongpw");
      const response = await ctx.http.post("/auth/login", { email: account.email, password: `${account.password}x` });
      expectProblem(ctx, response, 401);
    },
  },
  {
    id: "auth-no-token",
    title: "Protected endpoints answer 401 with WWW-Authenticate when no token is sent",
    competency: "auth",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      for (const path of ["/projects", "/me"]) {
        const response = await ctx.http.get(path);
        expectProblem(ctx, response, 401);
        ctx.assert.header(response, "www-authenticate", /^Bearer/i);
      }
    },
  },
  {
    id: "auth-other-users-project",
    title: "Reading another user's project is 403, not 401 or 404",
    competency: "auth",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const alice = await signUp(ctx, "alice");
      const bob = await signUp(ctx, "bob");
      const { project } = await createProject(ctx, alice);
      expectProblem(ctx, await ctx.http.get(`/projects/${project.id}`, { headers: bob.auth }), 403);
    },
  },
  // ── Projects: CRUD, validation, relations ───────────────────────────────────────────────────
  {
    id: "projects-create",
    title: "POST /projects is 201 with Location and ETag; the Location serves the same project",
    competency: "api-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "creator");
      const name = ctx.unique("Launch");
      const response = await ctx.http.post("/projects", { name, description: "Ship it" }, { headers: session.auth });
      ctx.assert.status(response, 201);
      const project = response.json<Project>();
      ctx.assert.equal(
        { name: project.name, description: project.description, status: project.status, ownerId: project.ownerId },
        { name, description: "Ship it", status: "active", ownerId: session.userId },
        "created project",
      );
      const location = ctx.assert.header(response, "location");
      const etag = ctx.assert.header(response, "etag", /^"[^"]*"$/);
      const fetched = await ctx.http.get(new URL(location, ctx.baseUrl).pathname, { headers: session.auth });
      ctx.assert.status(fetched, 200);
      ctx.assert.equal(fetched.json<Project>(), project, "GET Location body");
      ctx.assert.equal(ctx.assert.header(fetched, "etag"), etag, "ETag of GET Location");
    },
  },
  {
    id: "projects-validation",
    title: "A project without a name is 400 with a field-level error",
    competency: "api-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "validation");
      expectFieldError(ctx, await ctx.http.post("/projects", { description: "no name" }, { headers: session.auth }), "name");
      expectFieldError(ctx, await ctx.http.post("/projects", { name: "   " }, { headers: session.auth }), "name");
    },
  },
  {
    id: "projects-not-found",
    title: "An unknown project id is 404",
    competency: "api-design",
    points: 1,
    visibility: "public",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "notfound");
      expectProblem(ctx, await ctx.http.get(`/projects/${NONEXISTENT_ID}`, { headers: session.auth }), 404);
    },
  },
  {
    id: "tasks-create",
    title: "POST /projects/{id}/tasks creates a task in that project with the documented defaults",
    competency: "database-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "tasks");
      const { project } = await createProject(ctx, session);
      const response = await ctx.http.post(`/projects/${project.id}/tasks`, { title: "Write the brief" }, { headers: session.auth });
      ctx.assert.status(response, 201);
      const task = response.json<Task>();
      ctx.assert.equal(
        { projectId: task.projectId, title: task.title, status: task.status, priority: task.priority, dueDate: task.dueDate, description: task.description },
        { projectId: project.id, title: "Write the brief", status: "todo", priority: "medium", dueDate: null, description: null },
        "created task",
      );
      const location = ctx.assert.header(response, "location");
      const fetched = await ctx.http.get(new URL(location, ctx.baseUrl).pathname, { headers: session.auth });
      ctx.assert.status(fetched, 200);
      ctx.assert.equal(fetched.json<Task>().id, task.id, "GET Location returns the task");
    },
  },
  // ── Optimistic concurrency ──────────────────────────────────────────────────────────────────
  {
    id: "etag-update",
    title: "PATCH with the current ETag in If-Match is 200 with a new ETag",
    competency: "api-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "etag");
      const { project } = await createProject(ctx, session);
      const read = await ctx.http.get(`/projects/${project.id}`, { headers: session.auth });
      const etag = ctx.assert.header(read, "etag");
      const updated = await ctx.http.patch(`/projects/${project.id}`, { description: "Updated" }, { headers: { ...session.auth, "if-match": etag } });
      ctx.assert.status(updated, 200);
      ctx.assert.equal(updated.json<Project>().description, "Updated", "description after PATCH");
      const newTag = ctx.assert.header(updated, "etag");
      ctx.assert.ok(newTag !== etag, "the ETag must change when the project changes");
      const reread = await ctx.http.get(`/projects/${project.id}`, { headers: session.auth });
      ctx.assert.equal(ctx.assert.header(reread, "etag"), newTag, "GET returns the new ETag");
    },
  },
  {
    id: "etag-required",
    title: "PATCH without If-Match is 428 and changes nothing",
    competency: "api-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "etagreq");
      const { project } = await createProject(ctx, session);
      expectProblem(ctx, await ctx.http.patch(`/projects/${project.id}`, { description: "Blind" }, { headers: session.auth }), 428);
      const read = await ctx.http.get(`/projects/${project.id}`, { headers: session.auth });
      ctx.assert.equal(read.json<Project>().description, null, "description after the refused PATCH");
    },
  },
  // ── Idempotency keys ────────────────────────────────────────────────────────────────────────
  {
    id: "idempotency-replay",
    title: "Repeating POST /projects with the same Idempotency-Key and body replays the first result",
    competency: "system-design",
    points: 3,
    visibility: "public",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "idem");
      const headers = { ...session.auth, "idempotency-key": ctx.unique("key") };
      const body = { name: ctx.unique("Once"), description: "only once" };
      const first = await ctx.http.post("/projects", body, { headers });
      expectSuccess(ctx, first, "the first request");
      const second = await ctx.http.post("/projects", body, { headers });
      ctx.assert.equal(second.status, first.status, "the replayed status");
      ctx.assert.equal(second.json<Project>(), first.json<Project>(), "the replayed body");
      ctx.assert.header(second, "idempotent-replayed", "true");
      const list = await getPage<Project>(ctx, session, "/projects", {});
      ctx.assert.equal(list.items.length, 1, "projects created by the two requests");
    },
  },
  {
    id: "idempotency-key-reuse",
    title: "The same Idempotency-Key with a different body is 422",
    competency: "system-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "idem422");
      const headers = { ...session.auth, "idempotency-key": ctx.unique("key") };
      expectSuccess(ctx, await ctx.http.post("/projects", { name: ctx.unique("First") }, { headers }), "the first use of the key");
      expectProblem(ctx, await ctx.http.post("/projects", { name: ctx.unique("Second") }, { headers }), 422);
      const list = await getPage<Project>(ctx, session, "/projects", {});
      ctx.assert.equal(list.items.length, 1, "projects after the refused request");
    },
  },
  // ── Cursor pagination ───────────────────────────────────────────────────────────────────────
  {
    id: "pagination-walk",
    title: "Following nextCursor yields every task once, oldest first, then nextCursor null",
    competency: "api-design",
    points: 3,
    visibility: "public",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "pages");
      const { project } = await createProject(ctx, session);
      const created = await createTasks(ctx, session, project.id, Array.from({ length: 7 }, (_, i) => ({ title: `Task ${i + 1}` })));
      const pages = await walkPages<Task>(ctx, session, `/projects/${project.id}/tasks`, { limit: 3 });
      ctx.assert.equal(pages.map((p) => p.items.length), [3, 3, 1], "page sizes");
      ctx.assert.equal(pages.flatMap((p) => ids(p.items)), ids(created), "tasks across pages");
    },
  },
  // ── Filtering ───────────────────────────────────────────────────────────────────────────────
  {
    id: "filter-status",
    title: "status= returns only tasks with that status",
    competency: "api-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "filter");
      const { project } = await createProject(ctx, session);
      const created = await createTasks(ctx, session, project.id, [
        { status: "done" },
        { status: "todo" },
        { status: "done" },
        { status: "in_progress" },
      ]);
      const page = await getPage<Task>(ctx, session, `/projects/${project.id}/tasks`, { status: "done" });
      ctx.assert.equal(ids(page.items), [created[0].id, created[2].id], "done tasks");
    },
  },
]);
