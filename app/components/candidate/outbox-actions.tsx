import { useState } from "react";

const LINK_PATTERN = /https?:\/\/\S+\/c\/[A-Za-z0-9_-]+/;

/** The candidate link inside an invitation email, or null once it has been redacted. */
export function inviteLinkIn(body: string): string | null {
  return body.match(LINK_PATTERN)?.[0] ?? null;
}

/** Copy the invite link, or open the message in the recruiter's own mail program. */
export function OutboxActions({ to, subject, body }: { to: string; subject: string; body: string }) {
  const link = inviteLinkIn(body);
  const [copied, setCopied] = useState<"link" | "failed" | null>(null);
  const mailto = `mailto:${encodeURIComponent(to)}?${new URLSearchParams({ subject, body }).toString().replace(/\+/g, "%20")}`;
  return (
    <div className="actions outbox-actions">
      {link ? (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            // Browsers offer the clipboard only to secure pages: over plain HTTP it is undefined.
            if (!navigator.clipboard) return setCopied("failed");
            navigator.clipboard.writeText(link).then(
              () => setCopied("link"),
              () => setCopied("failed"),
            );
          }}
        >
          Copy invite link
        </button>
      ) : null}
      <a className="button secondary" href={mailto}>
        Open in my mail program
      </a>
      <span role="status" className="muted">
        {copied === "link" ? "Link copied." : copied === "failed" ? "Copying failed: select the link in the message and copy it." : ""}
      </span>
    </div>
  );
}
