interface Created {
  invitationId: string;
  candidateName: string;
  candidateEmail: string;
  link: string;
}

/** The links just issued. Without SMTP this is the only time a working link is shown. */
export function CreatedLinks({ created, emailed, emailFailures }: { created: Created[]; emailed: boolean; emailFailures: number }) {
  if (created.length === 0) return null;
  return (
    <section className="notice" role="status" aria-labelledby="created-heading">
      <h2 id="created-heading">
        {created.length} invitation{created.length === 1 ? "" : "s"} ready
      </h2>
      {emailed ? (
        <p>
          The email{created.length === 1 ? " is" : "s are"} queued for sending{emailFailures > 0 ? `, but ${emailFailures} could not be queued (see the outbox)` : ""}; the outbox shows when each is sent.
        </p>
      ) : (
        <p>
          No mail server is configured, so nothing was emailed. Copy each link now and send it to the candidate: it is shown only once here (the
          message is also kept in the outbox).
        </p>
      )}
      {!emailed || emailFailures > 0 ? (
        <ul>
          {created.map((invite) => (
            <li key={invite.invitationId}>
              <a href={`/invitations/${invite.invitationId}`}>{invite.candidateName}</a> ({invite.candidateEmail}):{" "}
              <code className="invite-link">{invite.link}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
