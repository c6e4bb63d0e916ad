import { useState } from "react";
import { Field } from "~/components/field";
import { LIMITS } from "~/domain/jd/document";
import { TextInput, type Errors, type Values } from "./inputs";

/** Slug, meta description (with a live character count) and keywords. */
export function SeoFields({ values, errors }: { values: Values; errors: Errors }) {
  const [meta, setMeta] = useState(values["seo.metaDescription"] ?? "");
  const over = meta.length > LIMITS.metaDescription;
  return (
    <fieldset className="card">
      <legend>Search engines</legend>
      <TextInput name="seo.slug" label="Slug" hint="The public address: /jobs/<slug>" values={values} errors={errors} />
      <Field name="seo.metaDescription" label="Meta description" error={errors["seo.metaDescription"]}>
        {(props) => (
          <>
            <textarea {...props} rows={2} defaultValue={values["seo.metaDescription"]} onChange={(e) => setMeta(e.currentTarget.value)} />
            <span className={`char-count${over ? " over" : ""}`} aria-live="polite">
              {meta.length} of {LIMITS.metaDescription} characters
            </span>
          </>
        )}
      </Field>
      <TextInput name="seo.keywords" label="Keywords" hint="Comma-separated" values={values} errors={errors} />
      <button type="submit" name="intent" value="suggest-seo" className="secondary">
        Suggest from the text
      </button>
    </fieldset>
  );
}
