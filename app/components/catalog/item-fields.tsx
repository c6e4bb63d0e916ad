import { COMPETENCY_IDS } from "~/domain/catalog/competency-ids";
import { CATALOG_ITEM_KINDS, KIND_LABELS, LEVEL_LABELS, LEVELS, type CatalogItemKind, type Level } from "~/domain/catalog/levels";
import { Field } from "../field";

export interface ItemValues {
  text: string;
  kind: CatalogItemKind | "";
  competencyId: string;
  levels: Level[];
}

/** The fields of a catalog item, for the admin's create and edit pages. */
export function CatalogItemFields({
  values,
  errors,
  competencyNames,
}: {
  values: ItemValues;
  errors: Record<string, string | undefined>;
  competencyNames: Record<string, string>;
}) {
  return (
    <>
      <Field name="text" label="Text" error={errors.text}>
        {(props) => <textarea {...props} required rows={3} defaultValue={values.text} />}
      </Field>
      <div className="two-col">
        <Field name="kind" label="Kind" error={errors.kind}>
          {(props) => (
            <select {...props} defaultValue={values.kind}>
              <option value="">Choose…</option>
              {CATALOG_ITEM_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="competencyId" label="Competency" error={errors.competencyId}>
          {(props) => (
            <select {...props} defaultValue={values.competencyId}>
              <option value="">Choose…</option>
              {COMPETENCY_IDS.map((id) => (
                <option key={id} value={id}>
                  {competencyNames[id] ?? id}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="field" aria-describedby="levels-hint">
        <legend>
          <strong>Levels it suits</strong>
        </legend>
        <p className="hint" id="levels-hint">
          Presets for a level include every item tagged with it. Untick all levels to retire an item: it stays in the catalog but leaves
          the presets.
        </p>
        <div className="checkbox-row">
          {LEVELS.map((level) => (
            <label key={level}>
              <input type="checkbox" name="levels" value={level} defaultChecked={values.levels.includes(level)} /> {LEVEL_LABELS[level]}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
