import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/field";
import { AccountError, ChangePasswordForm, changePassword } from "~/lib/account.server";
import { requireUser } from "~/lib/auth.server";
import { fieldErrors } from "~/lib/forms";
import { readFormObject } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [{ title: "Change password · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ChangePasswordForm.safeParse(await readFormObject(request));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    const cookie = await changePassword(user.id, parsed.data.currentPassword, parsed.data.newPassword);
    return redirect("/account/password?changed=1", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (error instanceof AccountError) return data({ errors: { [error.field]: error.message } }, { status: 400 });
    throw error;
  }
}

export default function ChangePassword() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const password = (name: string, label: string, autoComplete: string, hint?: string) => (
    <Field name={name} label={label} error={errors[name]} hint={hint}>
      {(props) => <input {...props} type="password" autoComplete={autoComplete} required />}
    </Field>
  );
  return (
    <main className="container narrow" id="main">
      <h1>Change your password</h1>
      <div aria-live="polite">
        {params.get("changed") && !result ? (
          <p className="notice" role="status">
            Your password is changed. You were signed out everywhere else.
          </p>
        ) : null}
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
      </div>
      <Form method="post" className="card" noValidate>
        {password("currentPassword", "Current password", "current-password")}
        {password("newPassword", "New password", "new-password", "At least 12 characters.")}
        {password("confirmPassword", "New password again", "new-password")}
        <p className="hint">Changing it signs you out on every other device and browser.</p>
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </Form>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
