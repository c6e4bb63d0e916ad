import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { getConfig } from "./config.server";
import { prisma } from "./db.server";
import type { RoleName } from "./permissions";
import { SESSION_COOKIE_NAME, SESSION_LIFETIME_SECONDS } from "./session-cookie";

// The whole session layer lives here: routes use createUserSession, readSession and
// destroySession, so lucia can be swapped out without touching them.

const prismaSessionAdapter: Adapter = {
  async getSessionAndUser(sessionId): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await prisma.session.findUnique({ where: { id: sessionId }, include: { user: true } });
    if (!row) return [null, null];
    const session: DatabaseSession = { id: row.id, userId: row.userId, expiresAt: row.expiresAt, attributes: {} };
    const user: DatabaseUser = {
      id: row.user.id,
      attributes: { email: row.user.email, name: row.user.name, role: row.user.role, disabled: row.user.disabledAt !== null },
    };
    return [session, user];
  },
  async getUserSessions(userId) {
    const rows = await prisma.session.findMany({ where: { userId } });
    return rows.map((row) => ({ id: row.id, userId: row.userId, expiresAt: row.expiresAt, attributes: {} }));
  },
  async setSession(session) {
    await prisma.session.create({ data: { id: session.id, userId: session.userId, expiresAt: session.expiresAt } });
  },
  // Sessions have an absolute lifetime: lucia's sliding renewal is declined, so the row keeps the
  // expiry set at sign-in and the cookie's Max-Age stays true.
  async updateSessionExpiration() {},
  async deleteSession(sessionId) {
    await prisma.session.deleteMany({ where: { id: sessionId } });
  },
  async deleteUserSessions(userId) {
    await prisma.session.deleteMany({ where: { userId } });
  },
  async deleteExpiredSessions() {
    await prisma.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  },
};

interface UserAttributes {
  email: string;
  name: string;
  role: RoleName;
  disabled: boolean;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: UserAttributes;
  }
}

function createLucia() {
  return new Lucia(prismaSessionAdapter, {
    sessionExpiresIn: new TimeSpan(SESSION_LIFETIME_SECONDS, "s"),
    sessionCookie: {
      name: SESSION_COOKIE_NAME,
      expires: true,
      attributes: { secure: getConfig().NODE_ENV === "production", sameSite: "lax" },
    },
    getUserAttributes: (attributes) => attributes,
  });
}

let lucia: ReturnType<typeof createLucia> | undefined;
function getLucia() {
  lucia ??= createLucia();
  return lucia;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: RoleName;
}

export interface SessionRead {
  user: SessionUser | null;
  /** A Set-Cookie value to send back: a renewed or a cleared cookie. */
  setCookie?: string;
}

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return null;
}

export async function readSession(request: Request): Promise<SessionRead> {
  const auth = getLucia();
  const sessionId = readCookie(request, auth.sessionCookieName);
  if (!sessionId) return { user: null };
  const { session, user } = await auth.validateSession(sessionId);
  if (!session || !user) return { user: null, setCookie: auth.createBlankSessionCookie().serialize() };
  if (user.disabled) {
    await auth.invalidateUserSessions(user.id);
    return { user: null, setCookie: auth.createBlankSessionCookie().serialize() };
  }
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

export async function createUserSession(userId: string): Promise<string> {
  const auth = getLucia();
  const session = await auth.createSession(userId, {});
  return auth.createSessionCookie(session.id).serialize();
}

export async function destroySession(request: Request): Promise<string> {
  const auth = getLucia();
  const sessionId = readCookie(request, auth.sessionCookieName);
  if (sessionId) await auth.invalidateSession(sessionId);
  return auth.createBlankSessionCookie().serialize();
}

export async function destroyUserSessions(userId: string): Promise<void> {
  await getLucia().invalidateUserSessions(userId);
}
