import { EMPTY_PROFILE, LOGO_MAX_BYTES, organisationProfileSchema, type OrganisationProfile } from "~/domain/jd/organisation";
import { audit } from "../audit.server";
import { prisma } from "../db.server";

// The single organisation profile row ("default"). Reading it never fails: an installation
// that has not filled it in yet gets the empty profile.

const PROFILE_ID = "default";

export class ProfileError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function getOrganisationProfile(): Promise<OrganisationProfile & { hasLogo: boolean }> {
  const row = await prisma.organisationProfile.findUnique({ where: { id: PROFILE_ID } });
  if (!row) return { ...EMPTY_PROFILE, hasLogo: false };
  const parsed = organisationProfileSchema.safeParse(row);
  return { ...(parsed.success ? parsed.data : EMPTY_PROFILE), hasLogo: Boolean(row.logoBase64) };
}

/** The logo as stored, for the PDF and the public page; null when there is none. */
export async function getOrganisationLogo(): Promise<{ bytes: Buffer; type: string } | null> {
  const row = await prisma.organisationProfile.findUnique({ where: { id: PROFILE_ID }, select: { logoBase64: true, logoType: true } });
  if (!row?.logoBase64 || !row.logoType) return null;
  return { bytes: Buffer.from(row.logoBase64, "base64"), type: row.logoType };
}

/** The profile accepts PNG and JPEG only, recognised by their first bytes rather than the file name. */
function sniffImageType(bytes: Buffer): "image/png" | "image/jpeg" | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return null;
}

export type LogoChange = { kind: "keep" } | { kind: "remove" } | { kind: "replace"; bytes: Buffer };

export async function saveOrganisationProfile(actorId: string, input: unknown, logo: LogoChange): Promise<void> {
  const parsed = organisationProfileSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[issue.path.join(".") || "form"] ??= issue.message;
    throw new ProfileError("The profile has errors; fix the highlighted fields.", errors);
  }
  let logoData: { logoBase64: string | null; logoType: string | null } | Record<string, never> = {};
  if (logo.kind === "remove") logoData = { logoBase64: null, logoType: null };
  if (logo.kind === "replace") {
    if (logo.bytes.length > LOGO_MAX_BYTES) throw new ProfileError("The logo is too large.", { logo: `must be at most ${LOGO_MAX_BYTES / 1024} KB` });
    const type = sniffImageType(logo.bytes);
    if (!type) throw new ProfileError("The logo is not a PNG or JPEG image.", { logo: "must be a PNG or JPEG image" });
    logoData = { logoBase64: logo.bytes.toString("base64"), logoType: type };
  }
  await prisma.$transaction(async (tx) => {
    await tx.organisationProfile.upsert({
      where: { id: PROFILE_ID },
      create: { id: PROFILE_ID, ...parsed.data, ...logoData },
      update: { ...parsed.data, ...logoData },
    });
    await audit(tx, { actorId, action: "organisation.update", entityType: "OrganisationProfile", entityId: PROFILE_ID, data: { logo: logo.kind } });
  });
}

export async function hasOrganisationLogo(): Promise<boolean> {
  return (await prisma.organisationProfile.count({ where: { id: PROFILE_ID, logoBase64: { not: null } } })) > 0;
}
