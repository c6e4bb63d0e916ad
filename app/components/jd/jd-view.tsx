import type { JdView as View } from "~/domain/jd/view";

function Paragraphs({ paragraphs }: { paragraphs: string[] }) {
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}

function List({ heading, items }: { heading: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <section>
      <h2>{heading}</h2>
      <ul>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

/** A JD as candidates read it: used by the preview and the public careers page. */
export function JdView({ view, closed = false, logoSrc }: { view: View; closed?: boolean; logoSrc?: string }) {
  const apply = view.apply && !closed ? (
    <p className="jd-apply">
      <a className="button" href={view.apply.href} rel="noopener">
        {view.apply.text}
      </a>
    </p>
  ) : null;
  return (
    <article className="jd-view">
      <header className="jd-view-header">
        {logoSrc ? <img src={logoSrc} alt={view.company ? `${view.company} logo` : "Company logo"} className="org-logo" /> : null}
        {view.company ? <p className="jd-company">{view.company}</p> : null}
        <h1 className="jd-title">{view.title}</h1>
        <p className="jd-facts">
          {view.facts.map((fact, i) => (
            <span key={i}>{fact}</span>
          ))}
        </p>
        {apply}
      </header>
      <div className="jd-summary">
        <Paragraphs paragraphs={view.summary} />
      </div>
      {view.aboutCompany.length > 0 ? (
        <section>
          <h2>About us</h2>
          <Paragraphs paragraphs={view.aboutCompany} />
        </section>
      ) : null}
      {view.sections.map((section) => (
        <List key={section.heading} heading={section.heading} items={section.items} />
      ))}
      <List heading="Benefits" items={view.benefits} />
      {view.howToApply.length > 0 ? (
        <section>
          <h2>How to apply</h2>
          <Paragraphs paragraphs={view.howToApply} />
        </section>
      ) : null}
      {apply}
      {view.closesOn ? <p className="jd-closes">Applications close on {view.closesOn}.</p> : null}
    </article>
  );
}
