// Projects belong to the user who created it; other users get 403.
import { authenticate } from "../auth.js";
import { etagOf, isNotModified, requireIfMatch } from "../conditional.js";
import { problems, readJsonObject, sendEmpty, sendJson } from "../http.js";
import { readIdempotencyKey } from "../idempotency.js";
import { paginate, parsePageQuery } from "../pagination.js";
import { toProject } from "../store.js";
import { oneOf, parseBody, text } from "../validate.js";

const STATUSES = ["active", "archived"];

const projectFields = {
  name: { ...text({ min: 1, max: 100 }), required: true },
  description: { ...text({ max: 2000, nullable: true }), default: null },
  status: { ...oneOf(STATUSES), default: "active" },
};

/** The project named by the path, if the caller owns it. */
export function ownedProject(store, user, projectId) {
  const project = store.projects.get(projectId);
  if (!project) throw problems.notFound(`Project ${projectId} does not exist.`);
  if (project.ownerId !== user.id) throw problems.forbidden("The project belongs to another user.");
  return project;
}

function projectHeaders(project) {
  return { etag: etagOf(project), location: `/projects/${project.id}` };
}

function assertNameFree(store, user, name, exceptId) {
  if (store.projectNameTaken(user.id, name, exceptId)) {
    throw problems.conflict("duplicate-name", "You already have a project with this name.", `"${name}" is taken.`);
  }
}

export function registerProjectRoutes(router) {
  router.on("POST", "/projects", async ({ req, res, store, idempotency }) => {
    const { user } = authenticate(store, req);
    const key = readIdempotencyKey(req);
    const body = await readJsonObject(req);
    await idempotency.handle({ res, userId: user.id, key, method: "POST", path: "/projects", body }, async () => {
      const fields = parseBody(body, projectFields);
      assertNameFree(store, user, fields.name);
      const project = store.addProject(user.id, fields);
      return { status: 201, body: toProject(project), headers: projectHeaders(project) };
    });
  });

  router.on("GET", "/projects", async ({ req, res, store, query }) => {
    const { user } = authenticate(store, req);
    const errors = [];
    const page = parsePageQuery(query, errors);
    const status = query.get("status");
    if (status !== null && !STATUSES.includes(status)) errors.push({ field: "status", message: `must be one of ${STATUSES.join(", ")}` });
    const search = query.get("q");
    if (errors.length > 0) throw problems.validation(errors);
    const needle = search?.toLowerCase();
    const matching = store
      .projectsOf(user.id)
      .filter((p) => (status === null || p.status === status) && (!needle || p.name.toLowerCase().includes(needle)));
    const { page: items, nextCursor } = paginate(matching, page);
    sendJson(res, 200, { items: items.map(toProject), nextCursor });
  });

  router.on("GET", "/projects/:projectId", async ({ req, res, store, params }) => {
    const { user } = authenticate(store, req);
    const project = ownedProject(store, user, params.projectId);
    if (isNotModified(req, project)) {
      sendEmpty(res, 304, { etag: etagOf(project) });
      return;
    }
    sendJson(res, 200, toProject(project), { etag: etagOf(project) });
  });

  router.on("PATCH", "/projects/:projectId", async ({ req, res, store, params }) => {
    const { user } = authenticate(store, req);
    const changes = parseBody(await readJsonObject(req), projectFields, { partial: true });
    const project = ownedProject(store, user, params.projectId);
    requireIfMatch(req, project);
    if (changes.name !== undefined) assertNameFree(store, user, changes.name, project.id);
    store.update(project, changes);
    sendJson(res, 200, toProject(project), { etag: etagOf(project) });
  });

  router.on("DELETE", "/projects/:projectId", async ({ req, res, store, params }) => {
    const { user } = authenticate(store, req);
    const project = ownedProject(store, user, params.projectId);
    requireIfMatch(req, project);
    store.deleteProject(project.id);
    sendEmpty(res, 204);
  });
}
