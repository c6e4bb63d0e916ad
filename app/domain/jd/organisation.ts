import { z } from "zod";
import { applyToSchema, countryCodeSchema, LIMITS, REMOTE_POLICIES, type JdDocument, type RemotePolicy } from "./document";

// The organisation profile: what every new JD starts from. A JD keeps its own copy, so editing
// the profile never changes a saved or published JD; the composer shows where a JD differs.

const optionalUrl = z.union([z.url({ protocol: /^https?$/, error: "must be an http(s) address" }), z.literal("")]);

export const organisationProfileSchema = z.object({
  companyName: z.string().trim().max(LIMITS.shortField, `must be at most ${LIMITS.shortField} characters`),
  website: optionalUrl,
  about: z.string().trim().max(LIMITS.prose, `must be at most ${LIMITS.prose} characters`),
  city: z.string().trim().max(LIMITS.shortField, `must be at most ${LIMITS.shortField} characters`),
  country: z.union([countryCodeSchema, z.literal("")]),
  remotePolicy: z.enum(REMOTE_POLICIES),
  applyTo: applyToSchema,
  contactEmail: z.union([z.email({ error: "must be an e-mail address" }), z.literal("")]),
  privacyNoticeUrl: optionalUrl,
});
export type OrganisationProfile = z.infer<typeof organisationProfileSchema>;

export const LOGO_MAX_BYTES = 256 * 1024;

export const EMPTY_PROFILE: OrganisationProfile = {
  companyName: "",
  website: "",
  about: "",
  city: "",
  country: "",
  remotePolicy: "HYBRID",
  applyTo: "",
  contactEmail: "",
  privacyNoticeUrl: "",
};

/** A new JD's document with the profile's company, location and apply details filled in. */
export function startFromProfile(doc: JdDocument, profile: OrganisationProfile): JdDocument {
  return {
    ...doc,
    company: { name: profile.companyName, website: profile.website },
    aboutCompany: profile.about,
    location: { ...doc.location, remotePolicy: profile.remotePolicy as RemotePolicy, city: profile.city, country: profile.country },
    applyTo: profile.applyTo,
  };
}

/** Composer field name → the profile's value, for the fields a JD inherits from the profile. */
export function inheritedFields(profile: OrganisationProfile): Record<string, string> {
  return {
    "company.name": profile.companyName,
    "company.website": profile.website,
    aboutCompany: profile.about,
    "location.city": profile.city,
    "location.country": profile.country,
    applyTo: profile.applyTo,
  };
}

/** Whether a composer field's value differs from the organisation profile's. */
export function overridesProfile(field: string, value: string, profile: OrganisationProfile): boolean {
  const inherited = inheritedFields(profile)[field];
  return inherited !== undefined && value.trim() !== inherited.trim();
}
