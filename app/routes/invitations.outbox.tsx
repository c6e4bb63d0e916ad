import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OutboxActions } from "~/components/candidate/outbox-actions";
import { requirePermission } from "~/lib/auth.server";
import { listOutbox, smtpConfigured } from "~/lib/outbox.server";

export const meta: MetaFunction = () => [{ title: "Outbox · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "invitation:manage");
  return { messages: await listOutbox(), smtp: smtpConfigured() };
}

function attemptsText(attempts: number): string {
  return `${attempts} attempt${attempts === 1 ? "" : "s"}`;
}

function DeliveryState({ message }: { message: { sentAt: Date | string | null; error: string | null; queuedAt: Date | string | null; attempts: number } }) {
  if (message.sentAt) {
    return (
      <span className="status ok">
        Sent {new Date(message.sentAt).toISOString().slice(0, 16).replace("T", " ")} UTC · {attemptsText(message.attempts)}
      </span>
    );
  }
  if (message.error) {
    return (
      <span className="status bad">
        Failed ({attemptsText(message.attempts)}{message.queuedAt ? ", retried automatically" : ""}): {message.error}
      </span>
    );
  }
  if (message.queuedAt) return <span className="status">Queued{message.attempts > 0 ? ` · ${attemptsText(message.attempts)}` : ""}</span>;
  return <span className="status">Not sent</span>;
}

export default function Outbox() {
  const { messages, smtp } = useLoaderData<typeof loader>();
  return (
    <main className="container" id="main">
      <p>
        <Link to="/invitations">← Invitations</Link>
      </p>
      <h1>Outbox</h1>
      <p>
        {smtp
          ? "Every invitation email is listed here with its delivery state. Links in delivered messages are removed from the stored copy."
          : "No mail server is configured (SMTP_URL), so invitation emails wait here: copy a message and send it to the candidate yourself."}
      </p>
      {messages.length === 0 ? <p className="muted">No messages yet.</p> : null}
      {messages.map((message) => (
        <article className="card" key={message.id} aria-labelledby={`subject-${message.id}`}>
          <h2 id={`subject-${message.id}`}>{message.subject}</h2>
          <p className="muted">
            To {message.to} · {new Date(message.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC ·{" "}
            <DeliveryState message={message} />
            {message.invitation ? (
              <>
                {" "}
                · <Link to={`/invitations/${message.invitation.id}`}>invitation</Link>
                {message.invitation.revokedAt ? " (revoked)" : ""}
              </>
            ) : null}
          </p>
          {/* Long messages scroll inside the box, so keyboard users must be able to reach it. */}
          <pre className="email-body" tabIndex={0} aria-label={`Message to ${message.to}`}>
            {message.body}
          </pre>
          <OutboxActions to={message.to} subject={message.subject} body={message.body} />
        </article>
      ))}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
