import type { ReactNode } from "react";
import { fieldId } from "./field-id";

interface FieldProps {
  name: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  /** Keeps the label for screen readers only, where the surrounding layout already says it. */
  hideLabel?: boolean;
  children: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled input with its hint and error wired up for screen readers. */
export function Field({ name, label, error, hint, hideLabel = false, children }: FieldProps) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? "sr-only" : undefined}>
        {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, name, ...(error ? { "aria-invalid": true as const } : {}), "aria-describedby": describedBy })}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
