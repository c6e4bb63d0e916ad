// The session cookie's name and lifetime, shared by the session layer and the HTTP entry (which
// must not load the session layer: it marks personal pages uncacheable by the cookie alone).
export const SESSION_COOKIE_NAME = "hirekit_session";

/** Absolute: a session ends this long after sign-in, however active it was. */
export const SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;
