import { renderInlineMarkdown, renderMarkdown } from "~/domain/contract-view/markdown";
import type { ContractView, MediaView, SchemaNode } from "~/domain/contract-view/view";

// Descriptions in the contract are Markdown. The renderer escapes raw HTML and drops unsafe link
// schemes (see contract-view/markdown.ts), so its output is safe to insert.
function Inline({ text }: { text: string }) {
  return <span dangerouslySetInnerHTML={{ __html: renderInlineMarkdown(text) }} />;
}

function Block({ text, className }: { text: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}

function anchor(name: string): string {
  return `schema-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function TypeLabel({ node }: { node: SchemaNode }) {
  const label = node.ref ? <a href={`#${anchor(node.ref)}`}>{node.ref}</a> : node.items?.ref ? <>array of <a href={`#${anchor(node.items.ref)}`}>{node.items.ref}</a></> : node.type;
  return (
    <span className="schema-type">
      {label}
      {node.format ? ` (${node.format})` : ""}
    </span>
  );
}

function SchemaDetails({ node }: { node: SchemaNode }) {
  const notes = [
    ...(node.enumValues ? [`one of: ${node.enumValues.join(", ")}`] : []),
    ...node.constraints,
    ...(node.example ? [`example: ${node.example}`] : []),
  ];
  return (
    <>
      {node.description ? (
        <span className="muted">
          {" "}
          — <Inline text={node.description} />
        </span>
      ) : null}
      {notes.length > 0 ? <span className="muted"> [{notes.join("; ")}]</span> : null}
      {node.properties && node.properties.length > 0 ? (
        <ul className="schema-tree">
          {node.properties.map((prop) => (
            <li key={prop.name}>
              <code>{prop.name}</code>
              {prop.required ? <span className="required-mark"> required</span> : null}: <TypeLabel node={prop.schema} />
              <SchemaDetails node={prop.schema} />
            </li>
          ))}
        </ul>
      ) : null}
      {node.items && !node.items.ref && (node.items.properties || node.items.variants) ? (
        <ul className="schema-tree">
          <li>
            items: <TypeLabel node={node.items} />
            <SchemaDetails node={node.items} />
          </li>
        </ul>
      ) : null}
      {node.additionalProperties ? (
        <ul className="schema-tree">
          <li>
            other keys: <TypeLabel node={node.additionalProperties} />
            <SchemaDetails node={node.additionalProperties} />
          </li>
        </ul>
      ) : null}
      {node.variants ? (
        <ul className="schema-tree">
          {node.variants.options.map((option, index) => (
            <li key={index}>
              {node.variants!.kind}: <TypeLabel node={option} />
              <SchemaDetails node={option} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Media({ media }: { media: MediaView[] }) {
  return (
    <ul className="schema-tree">
      {media.map((m) => (
        <li key={m.contentType}>
          <code>{m.contentType}</code>
          {m.schema ? (
            <>
              : <TypeLabel node={m.schema} />
              <SchemaDetails node={m.schema} />
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function ContractSection({ view }: { view: ContractView }) {
  return (
    <div className="contract">
      <p>
        <strong>{view.title}</strong> {view.version ? <span className="muted">version {view.version}</span> : null}
        {view.summary ? <> — {view.summary}</> : null}
      </p>
      {view.description ? <Block className="muted" text={view.description} /> : null}
      {view.security.length > 0 ? (
        <p>
          Authentication:{" "}
          {view.security.map((s) => (
            <span key={s.name}>
              <code>{s.name}</code> ({s.description}){" "}
            </span>
          ))}
          — operations marked 🔒 need it.
        </p>
      ) : null}
      {view.groups.map((group) => (
        <section key={group.tag} aria-labelledby={`tag-${group.tag}`}>
          <h3 id={`tag-${group.tag}`}>{group.tag}</h3>
          {group.operations.map((op) => (
            <details key={`${op.method} ${op.path}`}>
              <summary>
                <span className={`method ${op.method.toLowerCase()}`}>{op.method}</span>
                <span className="path">{op.path}</span>
                {op.authenticated ? <span aria-label="needs authentication">🔒</span> : null}
                <span>{op.summary}</span>
              </summary>
              <div className="op-body">
                {op.description ? <Block text={op.description} /> : null}
                {op.parameters.length > 0 ? (
                  <>
                    <h4>Parameters</h4>
                    <ul className="schema-tree">
                      {op.parameters.map((p) => (
                        <li key={`${p.location}:${p.name}`}>
                          <code>{p.name}</code> <span className="muted">in {p.location}</span>
                          {p.required ? <span className="required-mark"> required</span> : null}: <TypeLabel node={p.schema} />
                          {p.description ? (
                            <span className="muted">
                              {" "}
                              — <Inline text={p.description} />
                            </span>
                          ) : null}
                          <SchemaDetails node={{ ...p.schema, description: undefined }} />
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {op.requestBody ? (
                  <>
                    <h4>Request body{op.requestBody.required ? " (required)" : " (optional)"}</h4>
                    {op.requestBody.description ? <Block text={op.requestBody.description} /> : null}
                    <Media media={op.requestBody.content} />
                  </>
                ) : null}
                <h4>Responses</h4>
                <ul className="schema-tree">
                  {op.responses.map((r) => (
                    <li key={r.status}>
                      <strong>{r.status}</strong> <Inline text={r.description} />
                      {r.headers.length > 0 ? (
                        <ul className="schema-tree">
                          {r.headers.map((h) => (
                            <li key={h.name}>
                              header <code>{h.name}</code>
                              {h.schema ? (
                                <>
                                  : <TypeLabel node={h.schema} />
                                </>
                              ) : null}
                              {h.description ? (
                                <span className="muted">
                                  {" "}
                                  — <Inline text={h.description} />
                                </span>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {r.content.length > 0 ? <Media media={r.content} /> : null}
                    </li>
                  ))}
                </ul>
              </div>
            </details>
          ))}
        </section>
      ))}
      {view.schemas.length > 0 ? (
        <section aria-labelledby="schemas">
          <h3 id="schemas">Schemas</h3>
          {view.schemas.map((s) => (
            <div key={s.name} id={anchor(s.name)} className="schema-block">
              <h4>
                {s.name}: <TypeLabel node={{ ...s.schema, ref: undefined }} />
              </h4>
              <SchemaDetails node={s.schema} />
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
