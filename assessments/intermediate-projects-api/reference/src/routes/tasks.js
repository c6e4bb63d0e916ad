// Tasks live inside a project: every route resolves the project first, so a task is only
// reachable through the project it belongs to.
import { authenticate } from "../auth.js";
import { etagOf, isNotModified, requireIfMatch } from "../conditional.js";
import { problems, readJsonObject, sendEmpty, sendJson } from "../http.js";
import { readIdempotencyKey } from "../idempotency.js";
import { paginate, parsePageQuery } from "../pagination.js";
import { toTask } from "../store.js";
import { calendarDate, isCalendarDate, oneOf, parseBody, text } from "../validate.js";
import { ownedProject } from "./projects.js";

const STATUSES = ["todo", "in_progress", "done"];
const PRIORITIES = ["low", "medium", "high"];

const taskFields = {
  title: { ...text({ min: 1, max: 200 }), required: true },
  description: { ...text({ max: 5000, nullable: true }), default: null },
  status: { ...oneOf(STATUSES), default: "todo" },
  priority: { ...oneOf(PRIORITIES), default: "medium" },
  dueDate: { ...calendarDate({ nullable: true }), default: null },
};

function projectTask(store, project, taskId) {
  const task = store.tasks.get(taskId);
  if (!task || task.projectId !== project.id) throw problems.notFound(`Task ${taskId} does not exist in this project.`);
  return task;
}

function parseTaskFilters(query, errors) {
  const filters = {};
  const status = query.get("status");
  if (status !== null) {
    if (STATUSES.includes(status)) filters.status = status;
    else errors.push({ field: "status", message: `must be one of ${STATUSES.join(", ")}` });
  }
  const priority = query.get("priority");
  if (priority !== null) {
    if (PRIORITIES.includes(priority)) filters.priority = priority;
    else errors.push({ field: "priority", message: `must be one of ${PRIORITIES.join(", ")}` });
  }
  const dueBefore = query.get("dueBefore");
  if (dueBefore !== null) {
    if (isCalendarDate(dueBefore)) filters.dueBefore = dueBefore;
    else errors.push({ field: "dueBefore", message: "must be a calendar date (YYYY-MM-DD)" });
  }
  const search = query.get("q");
  if (search) filters.q = search.toLowerCase();
  return filters;
}

function matches(task, filters) {
  if (filters.status && task.status !== filters.status) return false;
  if (filters.priority && task.priority !== filters.priority) return false;
  // ISO calendar dates compare correctly as strings.
  if (filters.dueBefore && (task.dueDate === null || task.dueDate >= filters.dueBefore)) return false;
  if (filters.q && !task.title.toLowerCase().includes(filters.q)) return false;
  return true;
}

export function registerTaskRoutes(router) {
  router.on("POST", "/projects/:projectId/tasks", async ({ req, res, store, params, idempotency }) => {
    const { user } = authenticate(store, req);
    const key = readIdempotencyKey(req);
    const body = await readJsonObject(req);
    const path = `/projects/${params.projectId}/tasks`;
    await idempotency.handle({ res, userId: user.id, key, method: "POST", path, body }, async () => {
      const fields = parseBody(body, taskFields);
      const project = ownedProject(store, user, params.projectId);
      if (project.status === "archived") {
        throw problems.conflict("project-archived", "The project is archived.", "Reactivate the project to add tasks.");
      }
      const task = store.addTask(project.id, fields);
      return { status: 201, body: toTask(task), headers: { etag: etagOf(task), location: `${path}/${task.id}` } };
    });
  });

  router.on("GET", "/projects/:projectId/tasks", async ({ req, res, store, params, query }) => {
    const { user } = authenticate(store, req);
    const errors = [];
    const page = parsePageQuery(query, errors, { sortable: true });
    const filters = parseTaskFilters(query, errors);
    if (errors.length > 0) throw problems.validation(errors);
    const project = ownedProject(store, user, params.projectId);
    const { page: items, nextCursor } = paginate(
      store.tasksOf(project.id).filter((task) => matches(task, filters)),
      page,
    );
    sendJson(res, 200, { items: items.map(toTask), nextCursor });
  });

  router.on("GET", "/projects/:projectId/tasks/:taskId", async ({ req, res, store, params }) => {
    const { user } = authenticate(store, req);
    const task = projectTask(store, ownedProject(store, user, params.projectId), params.taskId);
    if (isNotModified(req, task)) {
      sendEmpty(res, 304, { etag: etagOf(task) });
      return;
    }
    sendJson(res, 200, toTask(task), { etag: etagOf(task) });
  });

  router.on("PATCH", "/projects/:projectId/tasks/:taskId", async ({ req, res, store, params }) => {
    const { user } = authenticate(store, req);
    const changes = parseBody(await readJsonObject(req), taskFields, { partial: true });
    const task = projectTask(store, ownedProject(store, user, params.projectId), params.taskId);
    requireIfMatch(req, task);
    store.update(task, changes);
    sendJson(res, 200, toTask(task), { etag: etagOf(task) });
  });

  router.on("DELETE", "/projects/:projectId/tasks/:taskId", async ({ req, res, store, params }) => {
    const { user } = authenticate(store, req);
    const task = projectTask(store, ownedProject(store, user, params.projectId), params.taskId);
    requireIfMatch(req, task);
    store.tasks.delete(task.id);
    sendEmpty(res, 204);
  });
}
