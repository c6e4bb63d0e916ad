import { describe, expect, it } from "vitest";
import { buildJobPosting, jobPostingFor, publishingProblems, serializeJsonLd, validateJobPosting } from "./json-ld";
import { completeJd } from "./test-fixtures";
import type { JdDocument } from "./document";

const context = { datePosted: "2030-01-10", url: "https://jobs.example/jobs/backend-developer-krakow", identifier: "jd-1" };

function remote(doc: JdDocument, countries: string[]): JdDocument {
  return { ...doc, location: { ...doc.location, remotePolicy: "REMOTE", streetAddress: "", city: "", region: "", postalCode: "", country: "", applicantCountries: countries } };
}

describe("schema.org JobPosting", () => {
  it("builds a posting with every field Google requires for an office job", () => {
    const result = jobPostingFor(completeJd(), context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.posting).toMatchObject({
      "@context": "https://schema.org",
      "@type": "JobPosting",
      title: "Backend Developer",
      datePosted: "2030-01-10",
      validThrough: "2030-03-31",
      employmentType: "FULL_TIME",
      hiringOrganization: { "@type": "Organization", name: "Northwind Labs", sameAs: "https://northwind.example" },
      jobLocation: { "@type": "Place", address: { "@type": "PostalAddress", addressLocality: "Kraków", addressCountry: "PL", postalCode: "31-147" } },
      baseSalary: { "@type": "MonetaryAmount", currency: "PLN", value: { "@type": "QuantitativeValue", minValue: 16000, maxValue: 22000, unitText: "MONTH" } },
      identifier: { "@type": "PropertyValue", value: "jd-1" },
      url: context.url,
    });
    expect(result.posting.description).toContain("<h2>What you will do</h2><ul><li>");
    expect(result.posting.jobLocationType).toBeUndefined();
  });

  it("marks a remote job TELECOMMUTE with the countries applicants may live in", () => {
    const result = jobPostingFor(remote(completeJd(), ["PL", "DE"]), context);
    expect(result.ok && result.posting).toMatchObject({
      jobLocationType: "TELECOMMUTE",
      applicantLocationRequirements: [{ "@type": "Country", name: "PL" }, { "@type": "Country", name: "DE" }],
    });
    expect(result.ok && result.posting.jobLocation).toBeUndefined();
  });

  it("refuses a remote job without applicant countries", () => {
    expect(jobPostingFor(remote(completeJd(), []), context)).toEqual({
      ok: false,
      errors: [
        "Remote applicants: say which countries people applying for this remote job may live in.",
      ],
    });
  });

  it("refuses an office job without an address", () => {
    const doc = completeJd();
    const result = jobPostingFor({ ...doc, location: { ...doc.location, city: "", country: "" } }, context);
    expect(result).toEqual({
      ok: false,
      errors: ["Office location: add the city", "Office location: add the country as a two-letter code, e.g. PL"],
    });
  });

  it("names every missing required field", () => {
    const doc = { ...completeJd(), salary: null, validThrough: null, company: { name: "", website: "" } };
    const result = jobPostingFor(doc, context);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      "Closing date: set the date applications close",
      "Company: add the company name",
      "Salary: add a salary range",
    ]);
  });

  it("refuses contradictory combinations", () => {
    const posting = buildJobPosting(completeJd(), context);
    expect(validateJobPosting({ ...posting, validThrough: "2030-01-01" })).toEqual([
      "Closing date: 2030-01-01 must be after the date posted, 2030-01-10.",
    ]);
    expect(validateJobPosting({ ...posting, applicantLocationRequirements: [{ "@type": "Country", name: "PL" }] })).toEqual([
      "Remote applicants: countries for remote applicants only apply to remote jobs; mark the job remote or clear the countries.",
    ]);
    const salary = posting.baseSalary!;
    expect(validateJobPosting({ ...posting, baseSalary: { ...salary, value: { ...salary.value, minValue: 30000 } } })).toEqual([
      "Salary: the minimum is higher than the maximum.",
    ]);
    expect(validateJobPosting({ ...posting, employmentType: "GIG" })).toEqual([
      "Employment type: choose an employment type",
    ]);
    expect(validateJobPosting({ ...posting, title: "Backend Developer – €90k!" })).toEqual([
      "Title: use the job title only, without salary, links or e-mail addresses (Google rejects those).",
    ]);
  });

  it("says where to apply: an external link is an ApplyAction, an e-mail address the contact point, neither a direct apply", () => {
    const byLink = jobPostingFor({ ...completeJd(), applyTo: "https://jobs.example/apply/42" }, context);
    expect(byLink.ok && byLink.posting).toMatchObject({ directApply: false, potentialAction: { "@type": "ApplyAction", target: "https://jobs.example/apply/42" } });
    const byMail = jobPostingFor({ ...completeJd(), applyTo: "jobs@example.com" }, context);
    expect(byMail.ok && byMail.posting).toMatchObject({ directApply: false, applicationContact: { "@type": "ContactPoint", email: "jobs@example.com" } });
    const none = jobPostingFor({ ...completeJd(), applyTo: "" }, context);
    expect(none.ok && "directApply" in none.posting).toBe(false);
  });

  it("refuses to publish a JD that names nowhere to apply, alongside the Google for Jobs problems", () => {
    expect(publishingProblems(completeJd(), context)).toEqual([]);
    expect(publishingProblems({ ...completeJd(), applyTo: "", salary: null }, context)).toEqual([
      "Add where candidates apply: a URL or an email.",
      "Salary: add a salary range",
    ]);
  });

  it("serializes so that text cannot close the script tag", () => {
    const doc = { ...completeJd(), summary: "We love </script><script>alert(1)</script> tags." };
    const result = jobPostingFor(doc, context);
    const json = serializeJsonLd(result.ok ? result.posting : (undefined as never));
    expect(json).not.toContain("</script>");
    expect(JSON.parse(json).description).toContain("&#60;/script&#62;");
  });
});
