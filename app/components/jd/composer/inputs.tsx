import { useState, type InputHTMLAttributes } from "react";
import { Field } from "~/components/field";

export type Values = Record<string, string>;
export type Errors = Record<string, string | undefined>;

interface Common {
  name: string;
  label: string;
  values: Values;
  errors: Errors;
  hint?: string;
  /** The organisation profile's value for a field the JD inherits: the field says whether it differs. */
  inherited?: string;
}

function ProfileNote({ value, inherited }: { value: string; inherited: string }) {
  if (value.trim() === inherited.trim()) return <span className="profile-note">{inherited ? "Same as the organisation profile." : null}</span>;
  return (
    <span className="profile-note overridden">
      {inherited ? `Overrides the organisation profile (“${inherited.length > 60 ? `${inherited.slice(0, 57)}…` : inherited}”).` : "Not set in the organisation profile."}
    </span>
  );
}

/** The hint, followed by the profile note when the field is inherited; tracks typing so the note stays true. */
function useHint(props: Common) {
  const [value, setValue] = useState(props.values[props.name] ?? "");
  const hint =
    props.inherited === undefined ? (
      props.hint
    ) : (
      <>
        {props.hint ? `${props.hint} ` : null}
        <ProfileNote value={value} inherited={props.inherited} />
      </>
    );
  return { hint, onInput: props.inherited === undefined ? undefined : (event: { currentTarget: { value: string } }) => setValue(event.currentTarget.value) };
}

export function TextInput({ name, label, values, errors, hint, inherited, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const note = useHint({ name, label, values, errors, hint, inherited });
  return (
    <Field name={name} label={label} error={errors[name]} hint={note.hint}>
      {(props) => <input {...props} {...rest} defaultValue={values[name]} onInput={note.onInput} />}
    </Field>
  );
}

export function TextArea({ name, label, values, errors, hint, inherited, rows = 4 }: Common & { rows?: number }) {
  const note = useHint({ name, label, values, errors, hint, inherited });
  return (
    <Field name={name} label={label} error={errors[name]} hint={note.hint}>
      {(props) => <textarea {...props} rows={rows} defaultValue={values[name]} onInput={note.onInput} />}
    </Field>
  );
}

export function Select({ name, label, values, errors, options }: Omit<Common, "hint" | "inherited"> & { options: [string, string][] }) {
  return (
    <Field name={name} label={label} error={errors[name]}>
      {(props) => (
        <select {...props} defaultValue={values[name]}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
