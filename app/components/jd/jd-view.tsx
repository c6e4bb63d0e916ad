import { LEVEL_LABELS } from "~/domain/catalog/levels";
import type { JdDocument } from "~/domain/jd/document";
import { factsLine } from "~/domain/jd/format";

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
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
export function JdView({ doc, headingLevel = 1 }: { doc: JdDocument; headingLevel?: 1 | 2 }) {
  const Title = headingLevel === 1 ? "h1" : "h2";
  const closes = doc.validThrough
    ? new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${doc.validThrough}T00:00:00Z`))
    : null;
  return (
    <article className="jd-view">
      <header className="jd-view-header">
        {doc.company.name ? <p className="jd-company">{doc.company.name}</p> : null}
        <Title className="jd-title">{doc.title}</Title>
        <p className="jd-facts">
          {[`${LEVEL_LABELS[doc.level]} level`, ...factsLine(doc)].map((fact, i) => (
            <span key={i}>{fact}</span>
          ))}
        </p>
      </header>
      <div className="jd-summary">
        <Paragraphs text={doc.summary} />
      </div>
      {doc.aboutCompany ? (
        <section>
          <h2>About us</h2>
          <Paragraphs text={doc.aboutCompany} />
        </section>
      ) : null}
      {doc.sections.map((section) => (
        <List key={section.kind} heading={section.heading} items={section.items.map((item) => item.text)} />
      ))}
      <List heading="Benefits" items={doc.benefits} />
      {doc.howToApply ? (
        <section>
          <h2>How to apply</h2>
          <Paragraphs text={doc.howToApply} />
        </section>
      ) : null}
      {closes ? <p className="jd-closes">Applications close on {closes}.</p> : null}
    </article>
  );
}
