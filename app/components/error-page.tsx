import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const HINTS: Record<number, string> = {
  400: "The request was not valid. Check the form and try again.",
  403: "Your account does not have access to this. Ask an admin if you need it.",
  404: "There is nothing here. The link may be old or mistyped.",
  429: "Too many attempts. Wait a little and try again.",
};

export function ErrorPage() {
  const error = useRouteError();
  let title = "Something went wrong";
  let detail = "An unexpected error happened. It has been logged; try again in a moment.";
  if (isRouteErrorResponse(error)) {
    title = `${error.status} ${error.statusText || ""}`.trim();
    detail = typeof error.data === "string" && error.data ? error.data : HINTS[error.status] ?? detail;
  } else if (error instanceof Error && import.meta.env.DEV) {
    detail = error.message;
  }
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
