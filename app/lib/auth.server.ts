import { redirect } from "@remix-run/node";
import { can, type Permission } from "./permissions";
import { readSession, type SessionUser } from "./session.server";

export type { SessionUser };

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await readSession(request)).user;
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getUser(request)) throw redirect("/dashboard");
}

function forbidden(message: string): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  assertPermission(user, permission);
  return user;
}

/** For actions whose permission depends on the form: sign-in is checked first, this after reading it. */
export function assertPermission(user: SessionUser, permission: Permission): void {
  // The message reaches the page: plain words, no role or permission codes.
  if (!can(user.role, permission)) throw forbidden("Your account does not have access to this page. If you need it for your work, ask an admin.");
}
