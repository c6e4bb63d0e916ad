// The hidden contract tests of the Taskboard API: graded by the runner, never shipped to candidates.
import { defineTests, type TestContext } from "../../../runner/prober/contract";
import {
  NONEXISTENT_ID,
  createProject,
  createTask,
  createTasks,
  expectFieldError,
  expectProblem,
  expectSuccess,
  getPage,
  ids,
  login,
  register,
  signUp,
  walkPages,
  type Project,
  type Task,
} from "./support";

export const hiddenTests = defineTests([
  // ── Authentication and authorisation ────────────────────────────────────────────────────────
  {
    id: "auth-register-duplicate",
    title: "Registering an email twice (in any letter case) is 409",
    competency: "auth",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const account = await register(ctx, "dup");
      const again = await ctx.http.post("/users", { email: account.email.toUpperCase(), password: "another-pass-1", name: "Dup" });
      expectProblem(ctx, again, 409);
    },
  },
  {
    id: "auth-register-validation",
    title: "Registration rejects a bad email, a short password and a missing name, naming each field",
    competency: "auth",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const email = `${ctx.unique("valid")}@example.com`;
      expectFieldError(ctx, await ctx.http.post("/users", { email: "not-an-email", password: "long-enough-1", name: "A" }), "email");
      expectFieldError(ctx, await ctx.http.post("/users", { email, password: "short", name: "A" }), "password");
      expectFieldError(ctx, await ctx.http.post("/users", { email, password: "long-enough-1" }), "name");
      const created = await ctx.http.post("/users", { email, password: "long-enough-1", name: "A" });
      ctx.assert.status(created, 201);
    },
  },
  {
    id: "auth-login-no-enumeration",
    title: "An unknown email and a wrong password get the same 401 answer",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const account = await register(ctx, "enum");
      const wrongPassword = await ctx.http.post("/auth/login", { email: account.email, password: "wrong-password-1" });
      const unknownEmail = await ctx.http.post("/auth/login", { email: `${ctx.unique("nobody")}@example.com`, password: "wrong-password-1" });
      const a = expectProblem(ctx, wrongPassword, 401);
      const b = expectProblem(ctx, unknownEmail, 401);
      ctx.assert.equal({ type: b.type, title: b.title, detail: b.detail }, { type: a.type, title: a.title, detail: a.detail }, "problem bodies");
    },
  },
  {
    id: "auth-bad-token",
    title: "An unknown token or a non-Bearer scheme is 401",
    competency: "auth",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "badtoken");
      const forged = await ctx.http.get("/me", { headers: { authorization: `Bearer ${session.token}x` } });
      expectProblem(ctx, forged, 401);
      ctx.assert.header(forged, "www-authenticate", /^Bearer/i);
      const basic = await ctx.http.get("/me", { headers: { authorization: `Basic ${btoa(`${session.email}:${session.password}`)}` } });
      expectProblem(ctx, basic, 401);
    },
  },
  {
    id: "auth-logout",
    title: "POST /auth/logout revokes that token only",
    competency: "auth",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "logout");
      const other = await login(ctx, session.email, session.password);
      ctx.assert.status(await ctx.http.post("/auth/logout", undefined, { headers: session.auth }), 204);
      expectProblem(ctx, await ctx.http.get("/me", { headers: session.auth }), 401);
      ctx.assert.status(await ctx.http.get("/me", { headers: { authorization: `Bearer ${other}` } }), 200);
    },
  },
  {
    id: "auth-other-users-writes",
    title: "Changing, deleting or adding tasks to another user's project is 403 and changes nothing",
    competency: "auth",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const alice = await signUp(ctx, "alice");
      const bob = await signUp(ctx, "bob");
      const { project, etag } = await createProject(ctx, alice, { name: ctx.unique("Secret") });
      const { task } = await createTask(ctx, alice, project.id);
      const asBob = { ...bob.auth, "if-match": etag };
      expectProblem(ctx, await ctx.http.patch(`/projects/${project.id}`, { name: "Hijacked" }, { headers: asBob }), 403);
      expectProblem(ctx, await ctx.http.delete(`/projects/${project.id}`, { headers: asBob }), 403);
      expectProblem(ctx, await ctx.http.post(`/projects/${project.id}/tasks`, { title: "Injected" }, { headers: bob.auth }), 403);
      expectProblem(ctx, await ctx.http.get(`/projects/${project.id}/tasks`, { headers: bob.auth }), 403);
      expectProblem(ctx, await ctx.http.get(`/projects/${project.id}/tasks/${task.id}`, { headers: bob.auth }), 403);
      const after = await ctx.http.get(`/projects/${project.id}`, { headers: alice.auth });
      ctx.assert.status(after, 200);
      ctx.assert.equal(after.json<Project>().name, project.name, "name after the refused PATCH");
      ctx.assert.equal(ctx.assert.header(after, "etag"), etag, "ETag after the refused writes");
      const tasks = await getPage<Task>(ctx, alice, `/projects/${project.id}/tasks`, {});
      ctx.assert.equal(ids(tasks.items), [task.id], "tasks after the refused POST");
    },
  },
  {
    id: "auth-list-own-projects",
    title: "GET /projects lists only the caller's projects",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const alice = await signUp(ctx, "alice");
      const bob = await signUp(ctx, "bob");
      const { project: a1 } = await createProject(ctx, alice);
      const { project: b1 } = await createProject(ctx, bob);
      const { project: a2 } = await createProject(ctx, alice);
      const alicePages = await walkPages<Project>(ctx, alice, "/projects", {});
      ctx.assert.equal(alicePages.flatMap((p) => ids(p.items)), [a1.id, a2.id], "Alice's projects");
      const bobPages = await walkPages<Project>(ctx, bob, "/projects", {});
      ctx.assert.equal(bobPages.flatMap((p) => ids(p.items)), [b1.id], "Bob's projects");
    },
  },
  {
    id: "security-no-password-leak",
    title: "No response carries the password or its hash",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const email = `${ctx.unique("leak")}@example.com`;
      const password = "leak-check-password";
      const created = await ctx.http.post("/users", { email, password, name: "Leak" });
      expectSuccess(ctx, created, "registration");
      const token = await login(ctx, email, password);
      const me = await ctx.http.get("/me", { headers: { authorization: `Bearer ${token}` } });
      ctx.assert.status(me, 200);
      for (const response of [created, me]) {
        ctx.assert.ok(!response.text.includes(password), "a response contains the password");
        const keys = Object.keys(response.json<Record<string, unknown>>());
        const leaked = keys.filter((key) => /pass|hash|salt|secret/i.test(key));
        ctx.assert.equal(leaked, [], "credential fields in a user representation");
      }
    },
  },
  // ── Projects: CRUD, validation, relations ───────────────────────────────────────────────────
  {
    id: "projects-field-types",
    title: "Wrong types, unknown statuses and over-long descriptions are 400",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "types");
      expectFieldError(ctx, await ctx.http.post("/projects", { name: 42 }, { headers: session.auth }), "name");
      expectFieldError(ctx, await ctx.http.post("/projects", { name: ctx.unique("P"), status: "deleted" }, { headers: session.auth }), "status");
      expectFieldError(
        ctx,
        await ctx.http.post("/projects", { name: ctx.unique("P"), description: "x".repeat(2001) }, { headers: session.auth }),
        "description",
      );
      const list = await getPage<Project>(ctx, session, "/projects", {});
      ctx.assert.equal(list.items.length, 0, "projects created by invalid requests");
    },
  },
  {
    id: "projects-body-format",
    title: "A non-JSON content type is 415 and malformed JSON is 400",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "format");
      const plain = await ctx.http.post("/projects", undefined, {
        headers: { ...session.auth, "content-type": "text/plain" },
        body: "name=Plain",
      });
      expectProblem(ctx, plain, 415);
      const broken = await ctx.http.post("/projects", undefined, {
        headers: { ...session.auth, "content-type": "application/json" },
        body: '{"name": "Broken"',
      });
      expectProblem(ctx, broken, 400);
    },
  },
  {
    id: "projects-duplicate-name",
    title: "Project names are unique per owner, ignoring case; other users may reuse them",
    competency: "database-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const alice = await signUp(ctx, "alice");
      const bob = await signUp(ctx, "bob");
      const name = ctx.unique("Roadmap");
      await createProject(ctx, alice, { name });
      expectProblem(ctx, await ctx.http.post("/projects", { name: name.toUpperCase() }, { headers: alice.auth }), 409);
      expectSuccess(ctx, await ctx.http.post("/projects", { name }, { headers: bob.auth }), "another user's project of the same name");
    },
  },
  {
    id: "projects-delete-cascades",
    title: "Deleting a project deletes its tasks",
    competency: "database-design",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "cascade");
      const { project, etag } = await createProject(ctx, session);
      const [first, second] = await createTasks(ctx, session, project.id, [{}, {}]);
      ctx.assert.status(await ctx.http.delete(`/projects/${project.id}`, { headers: { ...session.auth, "if-match": etag } }), 204);
      expectProblem(ctx, await ctx.http.get(`/projects/${project.id}`, { headers: session.auth }), 404);
      for (const task of [first, second]) {
        expectProblem(ctx, await ctx.http.get(`/projects/${project.id}/tasks/${task.id}`, { headers: session.auth }), 404);
      }
      expectProblem(ctx, await ctx.http.get(`/projects/${project.id}/tasks`, { headers: session.auth }), 404);
      const list = await getPage<Project>(ctx, session, "/projects", {});
      ctx.assert.equal(list.items.length, 0, "projects after the delete");
    },
  },
  {
    id: "tasks-belong-to-their-project",
    title: "A task is 404 when addressed through another project of the same user",
    competency: "database-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "scope");
      const { project: home } = await createProject(ctx, session);
      const { project: other } = await createProject(ctx, session);
      const { task, etag } = await createTask(ctx, session, home.id);
      const wrongPath = `/projects/${other.id}/tasks/${task.id}`;
      expectProblem(ctx, await ctx.http.get(wrongPath, { headers: session.auth }), 404);
      expectProblem(ctx, await ctx.http.patch(wrongPath, { title: "Moved" }, { headers: { ...session.auth, "if-match": etag } }), 404);
      expectProblem(ctx, await ctx.http.delete(wrongPath, { headers: { ...session.auth, "if-match": etag } }), 404);
      expectProblem(ctx, await ctx.http.post(`/projects/${NONEXISTENT_ID}/tasks`, { title: "Orphan" }, { headers: session.auth }), 404);
      const still = await ctx.http.get(`/projects/${home.id}/tasks/${task.id}`, { headers: session.auth });
      ctx.assert.status(still, 200);
      ctx.assert.equal(still.json<Task>().title, task.title, "task title after the refused writes");
    },
  },
  {
    id: "tasks-archived-project",
    title: "An archived project refuses new tasks with 409 until it is active again",
    competency: "database-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "archive");
      const { project, etag } = await createProject(ctx, session);
      const { task } = await createTask(ctx, session, project.id);
      const archived = await ctx.http.patch(`/projects/${project.id}`, { status: "archived" }, { headers: { ...session.auth, "if-match": etag } });
      ctx.assert.status(archived, 200);
      expectProblem(ctx, await ctx.http.post(`/projects/${project.id}/tasks`, { title: "Late" }, { headers: session.auth }), 409);
      ctx.assert.status(await ctx.http.get(`/projects/${project.id}/tasks/${task.id}`, { headers: session.auth }), 200);
      const reopened = await ctx.http.patch(
        `/projects/${project.id}`,
        { status: "active" },
        { headers: { ...session.auth, "if-match": ctx.assert.header(archived, "etag") } },
      );
      ctx.assert.status(reopened, 200);
      expectSuccess(ctx, await ctx.http.post(`/projects/${project.id}/tasks`, { title: "On time" }, { headers: session.auth }), "a task in the reopened project");
    },
  },
  {
    id: "tasks-validation",
    title: "Task fields are validated on create and update",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "taskval");
      const { project } = await createProject(ctx, session);
      const path = `/projects/${project.id}/tasks`;
      expectFieldError(ctx, await ctx.http.post(path, { title: "Leap", dueDate: "2023-02-29" }, { headers: session.auth }), "dueDate");
      expectFieldError(ctx, await ctx.http.post(path, { title: "Rush", priority: "urgent" }, { headers: session.auth }), "priority");
      expectFieldError(ctx, await ctx.http.post(path, { title: "" }, { headers: session.auth }), "title");
      const { task, etag } = await createTask(ctx, session, project.id, { dueDate: "2024-02-29" });
      ctx.assert.equal(task.dueDate, "2024-02-29", "a leap day is a valid due date");
      const headers = { ...session.auth, "if-match": etag };
      expectProblem(ctx, await ctx.http.patch(`${path}/${task.id}`, {}, { headers }), 400);
      expectFieldError(ctx, await ctx.http.patch(`${path}/${task.id}`, { status: "finished" }, { headers }), "status");
    },
  },
  // ── Optimistic concurrency ──────────────────────────────────────────────────────────────────
  {
    id: "etag-lost-update",
    title: "Two writers with the same ETag: the second gets 412 and the first change survives",
    competency: "api-design",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "lost");
      const { project, etag } = await createProject(ctx, session);
      const headers = { ...session.auth, "if-match": etag };
      ctx.assert.status(await ctx.http.patch(`/projects/${project.id}`, { description: "first" }, { headers }), 200);
      expectProblem(ctx, await ctx.http.patch(`/projects/${project.id}`, { description: "second" }, { headers }), 412);
      const read = await ctx.http.get(`/projects/${project.id}`, { headers: session.auth });
      ctx.assert.equal(read.json<Project>().description, "first", "description after the conflict");
    },
  },
  {
    id: "etag-delete",
    title: "DELETE needs If-Match: missing is 428, stale is 412, current is 204",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "etagdel");
      const { project, etag } = await createProject(ctx, session);
      expectProblem(ctx, await ctx.http.delete(`/projects/${project.id}`, { headers: session.auth }), 428);
      const renamed = await ctx.http.patch(`/projects/${project.id}`, { name: ctx.unique("Renamed") }, { headers: { ...session.auth, "if-match": etag } });
      ctx.assert.status(renamed, 200);
      expectProblem(ctx, await ctx.http.delete(`/projects/${project.id}`, { headers: { ...session.auth, "if-match": etag } }), 412);
      ctx.assert.status(await ctx.http.get(`/projects/${project.id}`, { headers: session.auth }), 200);
      const current = ctx.assert.header(renamed, "etag");
      ctx.assert.status(await ctx.http.delete(`/projects/${project.id}`, { headers: { ...session.auth, "if-match": current } }), 204);
    },
  },
  {
    id: "etag-not-modified",
    title: "GET with a current If-None-Match is 304; after a change it is 200",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "inm");
      const { project, etag } = await createProject(ctx, session);
      const cached = await ctx.http.get(`/projects/${project.id}`, { headers: { ...session.auth, "if-none-match": etag } });
      ctx.assert.status(cached, 304);
      ctx.assert.equal(cached.text, "", "a 304 has no body");
      ctx.assert.status(await ctx.http.patch(`/projects/${project.id}`, { description: "changed" }, { headers: { ...session.auth, "if-match": etag } }), 200);
      const fresh = await ctx.http.get(`/projects/${project.id}`, { headers: { ...session.auth, "if-none-match": etag } });
      ctx.assert.status(fresh, 200);
      ctx.assert.equal(fresh.json<Project>().description, "changed", "description after the change");
    },
  },
  {
    id: "etag-tasks",
    title: "Tasks follow the same If-Match rules",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "tasketag");
      const { project } = await createProject(ctx, session);
      const { task, etag } = await createTask(ctx, session, project.id);
      const path = `/projects/${project.id}/tasks/${task.id}`;
      expectProblem(ctx, await ctx.http.patch(path, { status: "done" }, { headers: session.auth }), 428);
      const done = await ctx.http.patch(path, { status: "done" }, { headers: { ...session.auth, "if-match": etag } });
      ctx.assert.status(done, 200);
      ctx.assert.equal(done.json<Task>().status, "done", "status after PATCH");
      ctx.assert.ok(ctx.assert.header(done, "etag") !== etag, "the task's ETag must change");
      expectProblem(ctx, await ctx.http.patch(path, { priority: "high" }, { headers: { ...session.auth, "if-match": etag } }), 412);
      expectProblem(ctx, await ctx.http.delete(path, { headers: { ...session.auth, "if-match": etag } }), 412);
      const read = await ctx.http.get(path, { headers: session.auth });
      ctx.assert.equal(read.json<Task>().priority, "medium", "priority after the stale PATCH");
    },
  },
  // ── Idempotency keys ────────────────────────────────────────────────────────────────────────
  {
    id: "idempotency-tasks",
    title: "POST tasks with an Idempotency-Key creates one task however often it is repeated",
    competency: "system-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "idemtask");
      const { project } = await createProject(ctx, session);
      const headers = { ...session.auth, "idempotency-key": ctx.unique("key") };
      const body = { title: "Exactly once", priority: "high" };
      const responses = [];
      for (let i = 0; i < 3; i++) responses.push(await ctx.http.post(`/projects/${project.id}/tasks`, body, { headers }));
      for (const response of responses) expectSuccess(ctx, response, "a repeated create");
      ctx.assert.equal(new Set(responses.map((r) => r.status)).size, 1, "every repeat answers with the first status");
      const created = new Set(responses.map((r) => r.json<Task>().id));
      ctx.assert.equal(created.size, 1, "distinct task ids across the repeats");
      ctx.assert.header(responses[2], "idempotent-replayed", "true");
      const list = await getPage<Task>(ctx, session, `/projects/${project.id}/tasks`, {});
      ctx.assert.equal(list.items.length, 1, "tasks in the project");
    },
  },
  {
    id: "idempotency-other-endpoint",
    title: "A key used on one endpoint is refused with 422 on another",
    competency: "system-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "idemscope");
      const key = ctx.unique("key");
      const { project } = await createProject(ctx, session);
      const headers = { ...session.auth, "idempotency-key": key };
      expectSuccess(ctx, await ctx.http.post(`/projects/${project.id}/tasks`, { title: "A" }, { headers }), "the first use of the key");
      expectProblem(ctx, await ctx.http.post("/projects", { name: "A" }, { headers }), 422);
    },
  },
  {
    id: "idempotency-per-user",
    title: "Idempotency keys are scoped to the user: another user's identical request creates their own project",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const alice = await signUp(ctx, "alice");
      const bob = await signUp(ctx, "bob");
      const key = ctx.unique("shared-key");
      const body = { name: ctx.unique("Same") };
      const a = await ctx.http.post("/projects", body, { headers: { ...alice.auth, "idempotency-key": key } });
      const b = await ctx.http.post("/projects", body, { headers: { ...bob.auth, "idempotency-key": key } });
      expectSuccess(ctx, a, "alice's create");
      expectSuccess(ctx, b, "bob's create with the same key");
      ctx.assert.ok(a.json<Project>().id !== b.json<Project>().id, "Bob must get a new project, not Alice's");
      ctx.assert.equal(b.json<Project>().ownerId, bob.userId, "owner of Bob's project");
    },
  },
  // ── Cursor pagination ───────────────────────────────────────────────────────────────────────
  {
    id: "pagination-exact-multiple",
    title: "When the last page is full, its nextCursor is already null",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "exact");
      const { project } = await createProject(ctx, session);
      const created = await createTasks(ctx, session, project.id, Array.from({ length: 6 }, () => ({})));
      const pages = await walkPages<Task>(ctx, session, `/projects/${project.id}/tasks`, { limit: 3 });
      ctx.assert.equal(pages.map((p) => p.items.length), [3, 3], "page sizes");
      ctx.assert.equal(pages.flatMap((p) => ids(p.items)), ids(created), "tasks across pages");
      const single = await getPage<Task>(ctx, session, `/projects/${project.id}/tasks`, { limit: 6 });
      ctx.assert.equal(single.nextCursor, null, "nextCursor when one page holds everything");
    },
  },
  {
    id: "pagination-stable",
    title: "A cursor stays valid when items before, at and after it are deleted or added",
    competency: "api-design",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "stable");
      const { project } = await createProject(ctx, session);
      const path = `/projects/${project.id}/tasks`;
      const [t1, t2, t3, t4, t5, t6] = await createTasks(ctx, session, project.id, Array.from({ length: 6 }, () => ({})));
      const first = await getPage<Task>(ctx, session, path, { limit: 3 });
      ctx.assert.equal(ids(first.items), [t1.id, t2.id, t3.id], "first page");
      ctx.assert.ok(first.nextCursor, "the first page must have a nextCursor");
      for (const task of [t1, t3, t5]) {
        const read = await ctx.http.get(`${path}/${task.id}`, { headers: session.auth });
        ctx.assert.status(await ctx.http.delete(`${path}/${task.id}`, { headers: { ...session.auth, "if-match": ctx.assert.header(read, "etag") } }), 204);
      }
      const { task: t7 } = await createTask(ctx, session, project.id);
      const rest = await getPage<Task>(ctx, session, path, { limit: 3, cursor: first.nextCursor ?? undefined });
      ctx.assert.equal(ids(rest.items), [t4.id, t6.id, t7.id], "the page after the cursor");
      ctx.assert.equal(rest.nextCursor, null, "nextCursor of the last page");
    },
  },
  {
    id: "pagination-newest-first",
    title: "sort=-createdAt pages newest first with the same guarantees",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "desc");
      const { project } = await createProject(ctx, session);
      const created = await createTasks(ctx, session, project.id, Array.from({ length: 5 }, () => ({})));
      const pages = await walkPages<Task>(ctx, session, `/projects/${project.id}/tasks`, { limit: 2, sort: "-createdAt" });
      ctx.assert.equal(pages.map((p) => p.items.length), [2, 2, 1], "page sizes");
      ctx.assert.equal(pages.flatMap((p) => ids(p.items)), ids(created).reverse(), "tasks newest first");
    },
  },
  {
    id: "pagination-bad-parameters",
    title: "Out-of-range limits, garbage cursors and unknown filter values are 400",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "badpage");
      const { project } = await createProject(ctx, session);
      const path = `/projects/${project.id}/tasks`;
      const cases: [Record<string, string>, string][] = [
        [{ limit: "0" }, "limit"],
        [{ limit: "101" }, "limit"],
        [{ limit: "ten" }, "limit"],
        [{ cursor: "%%%not-a-cursor%%%" }, "cursor"],
        [{ status: "finished" }, "status"],
        [{ dueBefore: "2024-13-01" }, "dueBefore"],
      ];
      for (const [query, field] of cases) {
        expectFieldError(ctx, await ctx.http.get(path, { headers: session.auth, query }), field);
      }
      expectFieldError(ctx, await ctx.http.get("/projects", { headers: session.auth, query: { limit: "500" } }), "limit");
    },
  },
  {
    id: "pagination-projects",
    title: "GET /projects pages with a cursor and filters by status and name",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "projpages");
      const tag = ctx.unique("Alpha");
      const made: Project[] = [];
      for (const [name, status] of [
        [`${tag} one`, "active"],
        ["Beta", "archived"],
        [`${tag} two`, "archived"],
        [`${tag} three`, "archived"],
        ["Gamma", "active"],
      ] as const) {
        made.push((await createProject(ctx, session, { name, status })).project);
      }
      const all = await walkPages<Project>(ctx, session, "/projects", { limit: 2 });
      ctx.assert.equal(all.flatMap((p) => ids(p.items)), ids(made), "every project, oldest first");
      const filtered = await walkPages<Project>(ctx, session, "/projects", { limit: 1, status: "archived", q: tag.toLowerCase() });
      ctx.assert.equal(filtered.flatMap((p) => ids(p.items)), [made[2].id, made[3].id], "archived projects matching q");
    },
  },
  // ── Filtering ───────────────────────────────────────────────────────────────────────────────
  {
    id: "filter-combined",
    title: "Filters combine with AND; q matches titles case-insensitively",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "combined");
      const { project } = await createProject(ctx, session);
      const created = await createTasks(ctx, session, project.id, [
        { title: "Fix login bug", status: "todo", priority: "high" },
        { title: "Write docs", status: "todo", priority: "low" },
        { title: "Fix signup BUG", status: "done", priority: "high" },
        { title: "Refactor", status: "todo", priority: "high" },
      ]);
      const path = `/projects/${project.id}/tasks`;
      const both = await getPage<Task>(ctx, session, path, { status: "todo", priority: "high" });
      ctx.assert.equal(ids(both.items), [created[0].id, created[3].id], "todo AND high");
      const search = await getPage<Task>(ctx, session, path, { q: "bug" });
      ctx.assert.equal(ids(search.items), [created[0].id, created[2].id], "titles containing bug");
      const none = await getPage<Task>(ctx, session, path, { q: "bug", status: "in_progress" });
      ctx.assert.equal(none.items.length, 0, "no task matches both");
    },
  },
  {
    id: "filter-due-before",
    title: "dueBefore is strict and leaves out tasks without a due date",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "due");
      const { project } = await createProject(ctx, session);
      const created = await createTasks(ctx, session, project.id, [
        { dueDate: "2030-01-09" },
        { dueDate: "2030-01-10" },
        {},
        { dueDate: "2029-12-31" },
      ]);
      const page = await getPage<Task>(ctx, session, `/projects/${project.id}/tasks`, { dueBefore: "2030-01-10" });
      ctx.assert.equal(ids(page.items), [created[0].id, created[3].id], "tasks due before 2030-01-10");
    },
  },
  {
    id: "filter-with-pagination",
    title: "A filtered listing pages correctly with the same filter on every page",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "filterpages");
      const { project } = await createProject(ctx, session);
      const statuses = ["done", "todo", "done", "done", "todo", "done", "todo"];
      const created = await createTasks(ctx, session, project.id, statuses.map((status) => ({ status })));
      const pages = await walkPages<Task>(ctx, session, `/projects/${project.id}/tasks`, { status: "done", limit: 2 });
      ctx.assert.equal(pages.map((p) => p.items.length), [2, 2], "page sizes");
      const expected = created.filter((task) => task.status === "done");
      ctx.assert.equal(pages.flatMap((p) => ids(p.items)), ids(expected), "done tasks across pages");
    },
  },
  // ── Error format ────────────────────────────────────────────────────────────────────────────
  {
    id: "errors-are-problem-json",
    title: "Error responses are application/problem+json (401, 400 and 404 alike)",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const session = await signUp(ctx, "problems");
      const responses = [
        await ctx.http.get("/me"),
        await ctx.http.post("/projects", { name: "" }, { headers: session.auth }),
        await ctx.http.get(`/projects/${NONEXISTENT_ID}`, { headers: session.auth }),
      ];
      for (const response of responses) {
        ctx.assert.header(response, "content-type", /^application\/problem\+json\b/);
      }
    },
  },
]);
