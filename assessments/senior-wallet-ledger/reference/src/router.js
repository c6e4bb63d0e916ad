// A path-pattern router: "/projects/:projectId" style patterns, one handler per method.
// A known path with an unknown method is a 405 with Allow; an unknown path is a 404.
import { problems } from "./http.js";

export class Router {
  #routes = [];

  on(method, pattern, handler) {
    const names = [];
    const source = pattern.replace(/:([a-zA-Z]+)/g, (_, name) => {
      names.push(name);
      return "([^/]+)";
    });
    const regex = new RegExp(`^${source}/?$`);
    let route = this.#routes.find((r) => r.pattern === pattern);
    if (!route) {
      route = { pattern, regex, names, handlers: new Map() };
      this.#routes.push(route);
    }
    route.handlers.set(method, handler);
    return this;
  }

  /** Returns { handler, params } or throws a 404/405 problem. */
  match(method, pathname) {
    for (const route of this.#routes) {
      const found = route.regex.exec(pathname);
      if (!found) continue;
      const handler = route.handlers.get(method) ?? (method === "HEAD" ? route.handlers.get("GET") : undefined);
      if (!handler) throw problems.methodNotAllowed([...route.handlers.keys()]);
      const params = {};
      route.names.forEach((name, index) => {
        params[name] = safeDecode(found[index + 1]);
      });
      return { handler, params };
    }
    throw problems.notFound(`No route for ${pathname}.`);
  }
}

function safeDecode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
