import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { AccountError, ResetPasswordForm, resetLinkAccount, resetPassword } from "~/lib/account.server";
import { fieldErrors } from "~/lib/forms";
import { readFormObject } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [{ title: "Set a new password · Hirekit" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const account = await resetLinkAccount(params.token ?? "");
  if (!account) throw data("This reset link is not valid: it may be used up or expired. Ask an admin for a new one.", { status: 404, statusText: "Not Found" });
  return { email: account.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = ResetPasswordForm.safeParse(await readFormObject(request));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    await resetPassword(params.token ?? "", parsed.data.newPassword);
  } catch (error) {
    if (error instanceof AccountError) return data({ errors: { form: error.message } }, { status: 410 });
    throw error;
  }
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <main className="container narrow" id="main">
      <h1>Set a new password</h1>
      <p>For {email}. The link works once; afterwards you sign in with the new password.</p>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Form method="post" className="card" noValidate>
        <input type="text" name="username" autoComplete="username" defaultValue={email} hidden readOnly />
        <Field name="newPassword" label="New password" error={errors.newPassword} hint="At least 12 characters.">
          {(props) => <input {...props} type="password" autoComplete="new-password" required />}
        </Field>
        <Field name="confirmPassword" label="New password again" error={errors.confirmPassword}>
          {(props) => <input {...props} type="password" autoComplete="new-password" required />}
        </Field>
        <button type="submit" disabled={busy}>
          Set password
        </button>
      </Form>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
