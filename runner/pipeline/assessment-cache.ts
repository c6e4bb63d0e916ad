import { loadAssessment, type LoadedAssessment } from "../assessment/load";
import { dataPath } from "../settings";
import { cachedProberBundle } from "./bundle-cache";

export interface GradingAssessment {
  assessment: LoadedAssessment;
  /** The prober bundle for this assessment version and prober source, built once and reused. */
  bundlePath: string;
}

export async function loadGradingAssessment(assessmentDir: string, bundleDir = dataPath("cache", "prober")): Promise<GradingAssessment> {
  const assessment = await loadAssessment(assessmentDir);
  const bundlePath = await cachedProberBundle({
    assessmentDir: assessment.dir,
    slug: assessment.slug,
    contentHash: assessment.contentHash,
    publicOnly: false,
    cacheDir: bundleDir,
  });
  return { assessment, bundlePath };
}
