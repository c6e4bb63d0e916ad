import type { ReactNode } from "react";
import { fieldId } from "./jd/field-id";

interface FieldProps {
  name: string;
  /** The input's DOM id; the composer's `f-<name>` scheme when left out. */
  id?: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
  /** Keeps the label for screen readers only, where the surrounding layout already says it. */
  hideLabel?: boolean;
  children: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled form control with its hint and error wired up for screen readers (every form uses it). */
export function Field({ name, id = fieldId(name), label, error, hint, className, hideLabel = false, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className ? `field ${className}` : "field"}>
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
