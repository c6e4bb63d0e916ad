// In-memory state. Maps keep insertion order and `seq` only grows, so iterating a map yields
// records in creation order — the order the list endpoints promise.
import { randomUUID } from "node:crypto";

export class Store {
  users = new Map();
  usersByEmail = new Map();
  sessions = new Map();
  projects = new Map();
  tasks = new Map();
  #seq = 0;

  nextSeq() {
    this.#seq += 1;
    return this.#seq;
  }

  addUser({ email, name, passwordHash }) {
    const user = { id: randomUUID(), email, name, passwordHash, createdAt: new Date().toISOString() };
    this.users.set(user.id, user);
    this.usersByEmail.set(email, user);
    return user;
  }

  addProject(ownerId, fields) {
    const now = new Date().toISOString();
    const project = { id: randomUUID(), ownerId, ...fields, createdAt: now, updatedAt: now, version: 1, seq: this.nextSeq() };
    this.projects.set(project.id, project);
    return project;
  }

  projectsOf(ownerId) {
    return [...this.projects.values()].filter((project) => project.ownerId === ownerId);
  }

  projectNameTaken(ownerId, name, exceptId) {
    const wanted = name.toLowerCase();
    return this.projectsOf(ownerId).some((p) => p.id !== exceptId && p.name.toLowerCase() === wanted);
  }

  deleteProject(projectId) {
    this.projects.delete(projectId);
    for (const task of this.tasks.values()) {
      if (task.projectId === projectId) this.tasks.delete(task.id);
    }
  }

  addTask(projectId, fields) {
    const now = new Date().toISOString();
    const task = { id: randomUUID(), projectId, ...fields, createdAt: now, updatedAt: now, version: 1, seq: this.nextSeq() };
    this.tasks.set(task.id, task);
    return task;
  }

  tasksOf(projectId) {
    return [...this.tasks.values()].filter((task) => task.projectId === projectId);
  }

  update(record, changes) {
    Object.assign(record, changes, { updatedAt: new Date().toISOString(), version: record.version + 1 });
    return record;
  }
}

export const toUser = (user) => ({ id: user.id, email: user.email, name: user.name, createdAt: user.createdAt });

export const toProject = (p) => ({
  id: p.id,
  ownerId: p.ownerId,
  name: p.name,
  description: p.description,
  status: p.status,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const toTask = (t) => ({
  id: t.id,
  projectId: t.projectId,
  title: t.title,
  description: t.description,
  status: t.status,
  priority: t.priority,
  dueDate: t.dueDate,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});
