import type { CandidateContext } from "~/components/candidate/about-section";
import { prisma } from "./db.server";
import { getOrganisationProfile } from "./jd/organisation.server";

/** The company, the role (the invitation's JD, if any), the contact address and the privacy notice. */
export async function candidateContext(jobDescriptionId: string | null): Promise<CandidateContext> {
  const [profile, jd] = await Promise.all([
    getOrganisationProfile(),
    jobDescriptionId ? prisma.jobDescription.findUnique({ where: { id: jobDescriptionId }, select: { title: true } }) : null,
  ]);
  return { company: profile.companyName, role: jd?.title ?? null, contactEmail: profile.contactEmail, privacyNoticeUrl: profile.privacyNoticeUrl };
}
