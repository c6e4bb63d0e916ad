// Registration, login, logout and the current user.
import { TOKEN_TTL_SECONDS, authenticate, checkCredentials, hashPassword, issueToken } from "../auth.js";
import { problems, readJsonObject, sendEmpty, sendJson } from "../http.js";
import { toUser } from "../store.js";
import { email, parseBody, password, text } from "../validate.js";

const registration = {
  email: { ...email(), required: true },
  password: { ...password(), required: true },
  name: { ...text({ min: 1, max: 100 }), required: true },
};

const credentials = {
  email: { check: (v) => (typeof v === "string" ? null : "must be a string"), normalize: (v) => v.trim().toLowerCase(), required: true },
  password: { check: (v) => (typeof v === "string" ? null : "must be a string"), required: true },
};

export function registerAccountRoutes(router) {
  router.on("POST", "/users", async ({ req, res, store }) => {
    const fields = parseBody(await readJsonObject(req), registration);
    const passwordHash = await hashPassword(fields.password);
    // Checked after the hashing await so two concurrent registrations cannot both pass.
    if (store.usersByEmail.has(fields.email)) {
      throw problems.conflict("email-taken", "The email address is already registered.", `${fields.email} has an account.`);
    }
    const user = store.addUser({ email: fields.email, name: fields.name, passwordHash });
    sendJson(res, 201, toUser(user));
  });

  router.on("POST", "/auth/login", async ({ req, res, store }) => {
    const fields = parseBody(await readJsonObject(req), credentials);
    const user = await checkCredentials(store, fields.email, fields.password);
    if (!user) throw problems.unauthorized("The email or password is wrong.");
    sendJson(res, 200, { accessToken: issueToken(store, user.id), tokenType: "Bearer", expiresIn: TOKEN_TTL_SECONDS });
  });

  router.on("POST", "/auth/logout", async ({ req, res, store }) => {
    const { token } = authenticate(store, req);
    store.sessions.delete(token);
    sendEmpty(res, 204);
  });

  router.on("GET", "/me", async ({ req, res, store }) => {
    const { user } = authenticate(store, req);
    sendJson(res, 200, toUser(user));
  });
}
