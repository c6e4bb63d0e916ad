import { EMPLOYMENT_TYPE_LABELS, REMOTE_POLICY_LABELS, SALARY_PERIOD_LABELS, type JdDocument, type Salary } from "./document";

export function formatSalary(salary: Salary, locale = "en-GB"): string {
  const format = (value: number) =>
    new Intl.NumberFormat(locale, { style: "currency", currency: salary.currency, maximumFractionDigits: 0 }).format(value);
  const range = salary.min === salary.max ? format(salary.min) : `${format(salary.min)} – ${format(salary.max)}`;
  return `${range} ${SALARY_PERIOD_LABELS[salary.period]}`;
}

export function countryName(code: string, locale = "en"): string {
  return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
}

/** "Hybrid · Kraków, Poland" or "Remote (Germany, Poland)". */
export function formatLocation(doc: JdDocument): string {
  const { location } = doc;
  const place = [location.city, location.country ? countryName(location.country) : ""].filter(Boolean).join(", ");
  if (location.remotePolicy === "REMOTE") {
    const where = location.applicantCountries.map((c) => countryName(c)).join(", ");
    return where ? `Remote (${where})` : "Remote";
  }
  return place ? `${REMOTE_POLICY_LABELS[location.remotePolicy]} · ${place}` : REMOTE_POLICY_LABELS[location.remotePolicy];
}

export function formatEmploymentType(doc: JdDocument): string {
  return EMPLOYMENT_TYPE_LABELS[doc.employmentType];
}

/** The facts line under a JD title: team, location, employment type, salary. */
export function factsLine(doc: JdDocument): string[] {
  return [doc.team, formatLocation(doc), formatEmploymentType(doc), doc.salary ? formatSalary(doc.salary) : ""].filter(Boolean);
}
