import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { eventLabel } from "~/domain/invitations/event-labels";
import { AccountError, createResetLink, RESET_LINK_HOURS } from "~/lib/account.server";
import { requirePermission } from "~/lib/auth.server";
import { fieldErrors } from "~/lib/forms";
import { ROLE_LABELS, ROLES } from "~/lib/permissions";
import {
  ChangeRoleForm,
  CreateUserForm,
  SetDisabledForm,
  UserError,
  changeRole,
  createUser,
  listUsers,
  recentUserAudit,
  setDisabled,
} from "~/lib/users.server";
import { Field } from "~/components/field";
import { readFormObject } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [{ title: "Users · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "users:manage");
  const [users, auditEntries] = await Promise.all([listUsers(), recentUserAudit()]);
  return { adminId: admin.id, users, auditEntries };
}

type ActionResult =
  | { intent: "create"; errors: Record<string, string>; created?: { email: string; initialPassword: string } }
  | { intent: "update"; errors: Record<string, string> }
  | { intent: "reset"; errors: Record<string, string>; reset?: { email: string; link: string; hours: number } };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "users:manage");
  const form = await readFormObject(request);
  try {
    if (form.intent === "create") {
      const parsed = CreateUserForm.safeParse(form);
      if (!parsed.success) return data<ActionResult>({ intent: "create", errors: fieldErrors(parsed.error) }, { status: 400 });
      const { initialPassword } = await createUser(admin.id, parsed.data);
      return data<ActionResult>({ intent: "create", errors: {}, created: { email: parsed.data.email, initialPassword } });
    }
    if (form.intent === "role") {
      const parsed = ChangeRoleForm.safeParse(form);
      if (!parsed.success) return data<ActionResult>({ intent: "update", errors: fieldErrors(parsed.error) }, { status: 400 });
      await changeRole(admin.id, parsed.data.userId, parsed.data.role);
      return data<ActionResult>({ intent: "update", errors: {} });
    }
    if (form.intent === "reset") {
      const parsed = SetDisabledForm.pick({ userId: true }).safeParse(form);
      if (!parsed.success) return data<ActionResult>({ intent: "reset", errors: fieldErrors(parsed.error) }, { status: 400 });
      const { link } = await createResetLink(admin.id, parsed.data.userId);
      const user = (await listUsers()).find((u) => u.id === parsed.data.userId);
      return data<ActionResult>({ intent: "reset", errors: {}, reset: { email: user?.email ?? "the user", link, hours: RESET_LINK_HOURS } });
    }
    if (form.intent === "disable") {
      const parsed = SetDisabledForm.safeParse(form);
      if (!parsed.success) return data<ActionResult>({ intent: "update", errors: fieldErrors(parsed.error) }, { status: 400 });
      await setDisabled(admin.id, parsed.data.userId, parsed.data.disabled === "true");
      return data<ActionResult>({ intent: "update", errors: {} });
    }
    return data<ActionResult>({ intent: "update", errors: { form: "Unknown action." } }, { status: 400 });
  } catch (error) {
    if (error instanceof UserError || error instanceof AccountError) {
      const intent = form.intent === "create" ? "create" : "update";
      return data<ActionResult>({ intent, errors: { form: error.message } }, { status: 409 });
    }
    throw error;
  }
}

export default function AdminUsers() {
  const { adminId, users, auditEntries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const createErrors = result?.intent === "create" ? result.errors : {};
  const updateError = result?.intent === "update" || result?.intent === "reset" ? result.errors.form : undefined;
  const reset = result?.intent === "reset" ? result.reset : undefined;
  return (
    <main className="container" id="main">
      <h1>Users and roles</h1>
      <section className="card" aria-labelledby="new-user">
        <h2 id="new-user">Invite a user</h2>
        {result?.intent === "create" && result.created ? (
          <p className="notice" role="status">
            Created {result.created.email}. Their initial password is <code>{result.created.initialPassword}</code> — share it
            privately; it is shown only once.
          </p>
        ) : null}
        {createErrors.form ? (
          <p className="form-error" role="alert">
            {createErrors.form}
          </p>
        ) : null}
        <Form method="post" className="inline-form" noValidate>
          <input type="hidden" name="intent" value="create" />
          {(
            [
              ["name", "Name", "text"],
              ["email", "Email", "email"],
              ["password", "Initial password (optional)", "password"],
            ] as const
          ).map(([name, label, type]) => (
            <Field key={name} name={name} id={`new-${name}`} label={label} error={createErrors[name]}>
              {(props) => <input {...props} type={type} autoComplete="off" />}
            </Field>
          ))}
          <div className="field">
            <label htmlFor="new-role">Role</label>
            <select id="new-role" name="role" defaultValue="RECRUITER">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            Create user
          </button>
        </Form>
      </section>
      {updateError ? (
        <p className="form-error" role="alert">
          {updateError}
        </p>
      ) : null}
      {reset ? (
        <div className="notice" role="status">
          <p>
            One-time password reset link for {reset.email}, valid for {reset.hours} hours. Send it to them privately; it is shown only
            this once:
          </p>
          <p>
            <code className="reset-link">{reset.link}</code>
          </p>
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="stack-table">
          <caption className="sr-only">All users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Password</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td data-label="Name">{user.name}</td>
                <td data-label="Email">{user.email}</td>
                <td data-label="Role">
                  {user.id === adminId ? (
                    ROLE_LABELS[user.role]
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={user.id} />
                      <label className="sr-only" htmlFor={`role-${user.id}`}>
                        Role of {user.email}
                      </label>
                      <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {ROLE_LABELS[role]}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="secondary">
                        Save role
                      </button>
                    </Form>
                  )}
                </td>
                <td data-label="Status">
                  {user.id === adminId ? (
                    "You"
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="disable" />
                      <input type="hidden" name="userId" value={user.id} />
                      <input type="hidden" name="disabled" value={user.disabledAt ? "false" : "true"} />
                      <span className={`status ${user.disabledAt ? "bad" : "ok"}`}>{user.disabledAt ? "Disabled" : "Active"}</span>{" "}
                      <button type="submit" className="secondary">
                        {user.disabledAt ? "Enable" : "Disable"}
                      </button>
                    </Form>
                  )}
                </td>
                <td data-label="Password">
                  {user.id === adminId ? (
                    <a href="/account/password">Change yours</a>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="reset" />
                      <input type="hidden" name="userId" value={user.id} />
                      <button type="submit" className="secondary" aria-label={`Create a password reset link for ${user.email}`}>
                        Reset link
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Recent changes</h2>
      <ul>
        {auditEntries.map((entry) => (
          <li key={entry.id}>
            <time dateTime={new Date(entry.createdAt).toISOString()}>{new Date(entry.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC</time> —{" "}
            {eventLabel(entry.action)} by {entry.actor?.email ?? "the system"}
          </li>
        ))}
      </ul>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
