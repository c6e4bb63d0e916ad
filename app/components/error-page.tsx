import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const HINTS: Record<number, string> = {
  400: "The request was not valid. Check the form and try again.",
  403: "Your account does not have access to this page. If you need it for your work, ask an admin.",
  404: "There is nothing here. The link may be old or mistyped.",
  429: "Too many attempts. Wait a little and try again.",
};

const TITLES: Record<number, string> = {
  403: "You do not have access to this page",
  404: "Page not found",
  410: "This link no longer works",
  429: "Too many attempts",
};

function describe(error: unknown): { title: string; detail: string } {
  let title = "Something went wrong";
  let detail = "An unexpected error happened. It has been logged; try again in a moment.";
  if (isRouteErrorResponse(error)) {
    title = TITLES[error.status] ?? `${error.status} ${error.statusText || ""}`.trim();
    // A 403's own text names roles and permission codes; people get the plain sentence instead.
    const own = error.status !== 403 && typeof error.data === "string" && error.data ? error.data : null;
    detail = own ?? HINTS[error.status] ?? detail;
  } else if (error instanceof Error && import.meta.env.DEV) {
    detail = error.message;
  }
  return { title, detail };
}

export function ErrorPage() {
  const { title, detail } = describe(useRouteError());
  return (
    <main className="container narrow" id="main">
      <h1>{title}</h1>
      <p role="alert">{detail}</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </main>
  );
}

/** For candidate pages: no links into the staff side (the start page leads to the staff login). */
export function CandidateErrorPage() {
  const { title, detail } = describe(useRouteError());
  return (
    <main className="container narrow" id="main">
      <h1>{title}</h1>
      <p role="alert">{detail}</p>
      <p>If you need help, reply to your invitation email.</p>
    </main>
  );
}
