import { Form, NavLink } from "@remix-run/react";
import { can, ROLE_LABELS, type Permission, type RoleName } from "~/lib/permissions";

interface NavUser {
  name: string;
  role: RoleName;
}

const LINKS: { to: string; label: string; permission: Permission }[] = [
  { to: "/dashboard", label: "Home", permission: "jd:read" },
  { to: "/catalog", label: "Catalog", permission: "catalog:read" },
  { to: "/jds", label: "Job descriptions", permission: "jd:read" },
  { to: "/invitations", label: "Invitations", permission: "invitation:manage" },
  { to: "/submissions", label: "Submissions", permission: "submission:read" },
  { to: "/admin/users", label: "Users", permission: "users:manage" },
  { to: "/admin/profile", label: "Organisation", permission: "organisation:edit" },
  { to: "/admin/audit", label: "Audit log", permission: "audit:read" },
  { to: "/admin/api-tokens", label: "API", permission: "api:manage" },
  { to: "/admin/webhooks", label: "Webhooks", permission: "api:manage" },
  { to: "/admin/system", label: "System", permission: "queue:view" },
];

export function AppNav({ user }: { user: NavUser }) {
  const links = LINKS.filter((link) => can(user.role, link.permission));
  return (
    <header className="app-header">
      <a className="brand" href="/dashboard">
        Hirekit
      </a>
      <nav aria-label="Main">
        <ul className="nav-list">
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} prefetch="intent">
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="user-box">
        <span>
          {user.name} <span className="role-badge">{ROLE_LABELS[user.role]}</span>
        </span>
        <a href="/account/password">Password</a>
        <Form method="post" action="/logout">
          <button type="submit" className="button-link">
            Log out
          </button>
        </Form>
      </div>
    </header>
  );
}
