export interface CandidateContext {
  company: string;
  role: string | null;
  contactEmail: string;
  privacyNoticeUrl: string;
}

/** Who the assessment is for, whom to ask (including for accommodations) and the privacy notice. */
export function AboutSection({ context }: { context: CandidateContext }) {
  const { company, role, contactEmail, privacyNoticeUrl } = context;
  return (
    <section className="card" aria-labelledby="about-heading">
      <h2 id="about-heading">About this assessment</h2>
      <p>
        {company ? `${company} invites you to this take-home` : "You are invited to this take-home"}
        {role ? ` for the role ${role}` : ""}.
      </p>
      <p>
        <strong>Questions or accommodations.</strong>{" "}
        {contactEmail ? (
          <>
            Write to <a href={`mailto:${contactEmail}`}>{contactEmail}</a>
          </>
        ) : (
          "Reply to your invitation email"
        )}{" "}
        with any question. If you need an accommodation, for example extra time, ask before you press Start: the recruiter can extend your time
        limit.
      </p>
      <p>
        {privacyNoticeUrl ? (
          <>
            How your data is handled: <a href={privacyNoticeUrl}>privacy notice</a>.
          </>
        ) : (
          "Your upload is used only to assess this application."
        )}
      </p>
    </section>
  );
}
