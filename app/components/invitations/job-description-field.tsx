import type { RefObject } from "react";
import { Field } from "~/components/field";

interface JobDescriptionOption {
  id: string;
  title: string;
  level: string;
}

/** The optional JD of an invitation form; choosing one selects its linked assessment in `assessmentSelect`. */
export function JobDescriptionField({
  jobDescriptions,
  jdAssessments,
  assessmentSelect,
  defaultValue,
}: {
  jobDescriptions: JobDescriptionOption[];
  jdAssessments: Record<string, string>;
  assessmentSelect: RefObject<HTMLSelectElement>;
  defaultValue?: string;
}) {
  return (
    <Field name="jobDescriptionId" id="jobDescriptionId" label="Job description (optional)" hint="Choosing a job description selects its linked assessment.">
      {(props) => (
        <select
          {...props}
          defaultValue={defaultValue}
          onChange={(event) => {
            const linked = jdAssessments[event.currentTarget.value];
            if (linked && assessmentSelect.current) assessmentSelect.current.value = linked;
          }}
        >
          <option value="">None</option>
          {jobDescriptions.map((jd) => (
            <option key={jd.id} value={jd.id}>
              {jd.title} ({jd.level.toLowerCase()})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
