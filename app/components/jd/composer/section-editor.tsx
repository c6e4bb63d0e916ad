import { Field } from "~/components/field";
import { fieldId } from "../field-id";
import { COMPETENCY_IDS } from "~/domain/catalog/competency-ids";
import { LEVEL_LABELS } from "~/domain/catalog/levels";
import type { CatalogItem } from "~/domain/catalog/model";
import { COMPETENCY_NAMES } from "~/domain/jd/competency-names";
import { LIMITS, type JdDocument, type JdSection } from "~/domain/jd/document";
import { headingField, itemField } from "~/lib/jd/composer-form";
import type { Errors, Values } from "./inputs";

/** One item section: its heading, items with move and remove buttons, and the two add rows. */
export function SectionEditor({ section, doc, catalogItems, errors, values }: { section: JdSection; doc: JdDocument; catalogItems: CatalogItem[]; errors: Errors; values: Values }) {
  const used = new Set(doc.sections.flatMap((s) => s.items.map((i) => i.source?.catalogItemId)).filter(Boolean));
  const available = catalogItems.filter((item) => item.kind === section.kind && !used.has(item.id));
  const forLevel = available.filter((item) => item.levels.includes(doc.level));
  const others = available.filter((item) => !item.levels.includes(doc.level));
  const headingName = headingField(section.kind);
  return (
    <fieldset className="card" id={fieldId(`section.${section.kind}`)} tabIndex={-1}>
      <legend>{section.heading}</legend>
      <Field name={headingName} label="Section heading" error={errors[headingName]}>
        {(props) => <input {...props} defaultValue={values[headingName]} />}
      </Field>
      {section.items.length === 0 ? <p className="muted">No items yet.</p> : null}
      <ol className="item-list">
        {section.items.map((item, index) => {
          const name = itemField(item.id);
          const label = `${section.heading}, item ${index + 1}`;
          return (
            <li key={item.id}>
              <Field name={name} label={label} error={errors[name]} hideLabel>
                {(props) => <textarea {...props} rows={2} defaultValue={values[name]} className="item-text" />}
              </Field>
              <div className="item-meta">
                <span className="tag">{item.competencyId ? COMPETENCY_NAMES[item.competencyId] : "No competency"}</span>
                <span className="muted">{item.source ? "From the catalog" : "Custom"}</span>
              </div>
              <div className="item-actions">
                <button type="submit" name="intent" value={`move-up:${item.id}`} id={fieldId(`move-up.${item.id}`)} className="secondary" disabled={index === 0} aria-label={`Move ${label} up`}>
                  ↑ Up
                </button>
                <button
                  type="submit"
                  name="intent"
                  value={`move-down:${item.id}`}
                  id={fieldId(`move-down.${item.id}`)}
                  className="secondary"
                  disabled={index === section.items.length - 1}
                  aria-label={`Move ${label} down`}
                >
                  ↓ Down
                </button>
                <button type="submit" name="intent" value={`remove:${item.id}`} className="secondary" aria-label={`Remove ${label}`}>
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {available.length > 0 ? (
        <div className="add-row">
          <Field name={`catalog.${section.kind}`} label="Add from the catalog" error={errors[`catalog.${section.kind}`]}>
            {(props) => (
              <select {...props} defaultValue="">
                <option value="">Choose an item…</option>
                {forLevel.length > 0 ? (
                  <optgroup label={`Suits ${LEVEL_LABELS[doc.level].toLowerCase()}`}>
                    {forLevel.map((item) => (
                      <option key={item.id} value={item.id}>
                        {item.text}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {others.length > 0 ? (
                  <optgroup label="Other levels">
                    {others.map((item) => (
                      <option key={item.id} value={item.id}>
                        {item.text}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            )}
          </Field>
          <button type="submit" name="intent" value={`add-catalog:${section.kind}`} className="secondary">
            Add
          </button>
        </div>
      ) : null}
      <div className="add-row custom">
        <Field name={`custom.${section.kind}`} label="Add your own item">
          {(props) => <input {...props} maxLength={LIMITS.itemText} />}
        </Field>
        <Field name={`customCompetency.${section.kind}`} label="Competency">
          {(props) => (
            <select {...props} defaultValue="">
              <option value="">None</option>
              {COMPETENCY_IDS.map((id) => (
                <option key={id} value={id}>
                  {COMPETENCY_NAMES[id]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" name="intent" value={`add-custom:${section.kind}`} className="secondary">
          Add
        </button>
      </div>
    </fieldset>
  );
}
