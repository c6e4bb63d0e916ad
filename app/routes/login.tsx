import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireAnonymous } from "~/lib/auth.server";
import { attemptLogin, INVALID_LOGIN_MESSAGE, LoginForm, safeRedirect } from "~/lib/login.server";
import { fieldErrors } from "~/lib/forms";
import { Field } from "~/components/field";
import { readFormObject } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [{ title: "Log in · Hirekit" }];

// Document responses take their headers from here, so the throttle's Retry-After must be passed on.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormObject(request);
  const parsed = LoginForm.safeParse(form);
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), formError: null, email: String(form.email ?? "") }, { status: 400 });
  }
  const { email, password, redirectTo } = parsed.data;
  // Settled before the session exists, so nothing after the password check can fail.
  const destination = safeRedirect(redirectTo);
  const outcome = await attemptLogin(email, password, context.clientIp);
  if (outcome.kind === "throttled") {
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
    return data(
      { errors: {}, formError: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, email },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  if (outcome.kind === "invalid") {
    return data({ errors: {}, formError: INVALID_LOGIN_MESSAGE, email }, { status: 401 });
  }
  return redirect(destination, { headers: { "Set-Cookie": outcome.setCookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <main className="container narrow" id="main">
      <h1>Log in to Hirekit</h1>
      {searchParams.get("reset") === "1" && !actionData ? (
        <p className="notice" role="status">
          Your password is changed. Log in with the new one.
        </p>
      ) : null}
      <Form method="post" className="card" noValidate>
        {actionData?.formError ? (
          <p className="form-error" role="alert">
            {actionData.formError}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field name="email" id="email" label="Email" error={errors.email}>
          {(props) => <input {...props} type="email" autoComplete="username" required defaultValue={actionData?.email} />}
        </Field>
        <Field name="password" id="password" label="Password" error={errors.password}>
          {(props) => <input {...props} type="password" autoComplete="current-password" required />}
        </Field>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Logging in…" : "Log in"}
        </button>
      </Form>
    </main>
  );
}
