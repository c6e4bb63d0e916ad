// Passwords are stored as scrypt hashes; access tokens are random, opaque and expire.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { problems } from "./http.js";

const scryptAsync = promisify(scrypt);
export const TOKEN_TTL_SECONDS = 3600;

export async function hashPassword(password) {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `${salt.toString("base64")}:${hash.toString("base64")}`;
}

export async function verifyPassword(password, stored) {
  const [salt, expected] = stored.split(":").map((part) => Buffer.from(part, "base64"));
  const actual = await scryptAsync(password, salt, expected.length);
  return timingSafeEqual(actual, expected);
}

// Compared against when the email is unknown, so both failures cost the same time.
const DUMMY_HASH = await hashPassword(randomBytes(16).toString("hex"));

export async function checkCredentials(store, email, password) {
  const user = store.usersByEmail.get(email);
  const valid = await verifyPassword(password, user ? user.passwordHash : DUMMY_HASH);
  return valid && user ? user : null;
}

export function issueToken(store, userId) {
  const token = randomBytes(32).toString("base64url");
  store.sessions.set(token, { userId, expiresAt: Date.now() + TOKEN_TTL_SECONDS * 1000 });
  return token;
}

export function bearerToken(req) {
  const header = req.headers.authorization;
  if (!header) throw problems.unauthorized("Send Authorization: Bearer <token>.");
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  if (!match) throw problems.unauthorized("The Authorization header must use the Bearer scheme.");
  return match[1];
}

/** The user behind the request's bearer token, or a 401 problem. */
export function authenticate(store, req) {
  const token = bearerToken(req);
  const session = store.sessions.get(token);
  if (!session || session.expiresAt <= Date.now()) {
    store.sessions.delete(token);
    throw problems.unauthorized("The token is invalid or has expired.");
  }
  const user = store.users.get(session.userId);
  if (!user) throw problems.unauthorized("The token is invalid or has expired.");
  return { user, token };
}
