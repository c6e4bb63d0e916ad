import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/lib/auth.server";
import { prisma } from "~/lib/db.server";
import { can, ROLE_LABELS } from "~/lib/permissions";
import { ACTIVE_STATUSES } from "../../runner/contract/submission";

export const meta: MetaFunction = () => [{ title: "Home · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [jobs, invitations, queued, graded] = await Promise.all([
    prisma.jobDescription.groupBy({ by: ["status"], _count: true }),
    prisma.invitation.count({ where: { revokedAt: null } }),
    prisma.submission.count({ where: { status: { in: ACTIVE_STATUSES } } }),
    prisma.submission.count({ where: { status: "GRADED" } }),
  ]);
  const jobCounts = Object.fromEntries(jobs.map((row) => [row.status, row._count]));
  return { user, jobCounts, invitations, queued, graded };
}

export default function Dashboard() {
  const { user, jobCounts, invitations, queued, graded } = useLoaderData<typeof loader>();
  return (
    <main className="container" id="main">
      <h1>Welcome, {user.name}</h1>
      <p className="muted">Signed in as {ROLE_LABELS[user.role]}.</p>
      <div className="grid">
        <section className="card" aria-labelledby="jobs-heading">
          <h2 id="jobs-heading">Job descriptions</h2>
          <p>
            {jobCounts.PUBLISHED ?? 0} published · {jobCounts.DRAFT ?? 0} drafts · {jobCounts.ARCHIVED ?? 0} archived
          </p>
          <Link to="/jds">Open job descriptions</Link>
        </section>
        <section className="card" aria-labelledby="assess-heading">
          <h2 id="assess-heading">Assessments</h2>
          <p>
            {invitations} active invitations · {queued} submissions grading · {graded} graded
          </p>
          <Link to="/submissions">Review submissions</Link>
        </section>
        {can(user.role, "users:manage") ? (
          <section className="card" aria-labelledby="admin-heading">
            <h2 id="admin-heading">Administration</h2>
            <p>Users and roles, assessment sync and queue health.</p>
            <Link to="/admin/users">Manage users</Link>
          </section>
        ) : null}
      </div>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
