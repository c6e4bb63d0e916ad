import { EMPLOYMENT_TYPE_LABELS, REMOTE_POLICY_LABELS, SALARY_PERIOD_LABELS, type JdDocument, type Salary } from "./document";

// Building Intl formatters is far slower than using them, and public pages format on every request.
const numberFormats = new Map<string, Intl.NumberFormat>();
const regionNames = new Map<string, Intl.DisplayNames>();

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
    numberFormats.set(key, format);
  }
  return format;
}

export function formatSalary(salary: Salary, locale = "en-GB"): string {
  const format = (value: number) => currencyFormat(locale, salary.currency).format(value);
  const range = salary.min === salary.max ? format(salary.min) : `${format(salary.min)} – ${format(salary.max)}`;
  return `${range} ${SALARY_PERIOD_LABELS[salary.period]}`;
}

export function countryName(code: string, locale = "en"): string {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: "region" });
    regionNames.set(locale, names);
  }
  return names.of(code) ?? code;
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
