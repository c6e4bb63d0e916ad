// The worker grades each assessment's reference solution on this host before it takes jobs, once
// per assessment content and runtime image (a new image or changed tests calibrate again), and
// keeps the figures in GradingCalibration. Latency thresholds are then scaled by what it measured.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import type Docker from "dockerode";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { RUNTIME_IMAGES } from "../images/recipes";
import { loadGradingAssessment } from "../pipeline/assessment-cache";
import { gradeAndRelease, type GradeResult, type GradingCalibrationView } from "../pipeline/grade";
import type { SandboxDriver } from "../sandbox/driver";
import { calibrationFigures, latencyScale, MAX_LATENCY_SCALE } from "./figures";

export interface Calibration {
  slug: string;
  contentHash: string;
  latencyScale: number;
  testPhaseMs: number;
}

/** The calibrations a worker grades with; an assessment without one grades with scale 1. */
export class CalibrationBook implements GradingCalibrationView {
  private readonly byKey = new Map<string, Calibration>();

  constructor(
    readonly host: string,
    readonly runtimeImage: string,
  ) {}

  add(calibration: Calibration): void {
    this.byKey.set(`${calibration.slug}@${calibration.contentHash}`, calibration);
  }

  find(slug: string, contentHash: string): Calibration | null {
    return this.byKey.get(`${slug}@${contentHash}`) ?? null;
  }

  latencyScaleFor(slug: string, contentHash: string): number {
    return this.find(slug, contentHash)?.latencyScale ?? 1;
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** The runtime images' ids: a rebuilt image is a different grading environment. */
export async function runtimeImageKey(docker: Docker): Promise<string> {
  const ids = await Promise.all(
    Object.values(RUNTIME_IMAGES).map(async (tag) => {
      const info = await docker.getImage(tag).inspect();
      return `${tag}@${info.Id.replace(/^sha256:/, "").slice(0, 12)}`;
    }),
  );
  return ids.join(",");
}

export interface CalibrateOptions {
  prisma: PrismaClient;
  driver: SandboxDriver;
  assessmentsDir: string;
  runtimeImage: string;
  host?: string;
  bundleDir?: string;
  workRoot?: string;
  log: (line: string) => void;
  /** Gradings of one reference before giving up on it (a starved run is not a calibration). */
  attempts?: number;
}

async function gradeReference(options: CalibrateOptions, assessmentDir: string, slug: string): Promise<GradeResult | null> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const result = await gradeAndRelease({
      directory: path.join(assessmentDir, "reference"),
      assessmentDir,
      seed: 1,
      submissionId: `calibration-${slug}-${randomBytes(3).toString("hex")}`,
      driver: options.driver,
      bundleDir: options.bundleDir,
      workRoot: options.workRoot,
    });
    if (result.status === "GRADED" && result.inconclusive === null) return result;
    options.log(
      `calibration of ${slug}: attempt ${attempt} of ${attempts} did not count (${result.inconclusive ?? result.reason ?? result.status})`,
    );
  }
  return null;
}

/** Loads this host's calibrations and grades the references that have none yet. */
export async function calibrateReferences(options: CalibrateOptions): Promise<CalibrationBook> {
  const host = options.host ?? hostname();
  const book = new CalibrationBook(host, options.runtimeImage);
  const entries = await readdir(options.assessmentsDir, { withFileTypes: true });
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const assessmentDir = path.join(options.assessmentsDir, entry.name);
    if (!existsSync(path.join(assessmentDir, "assessment.json")) || !existsSync(path.join(assessmentDir, "reference"))) continue;
    const { assessment } = await loadGradingAssessment(assessmentDir, options.bundleDir);
    const key = { host, assessmentSlug: assessment.slug, contentHash: assessment.contentHash, runtimeImage: options.runtimeImage };
    const known = await options.prisma.gradingCalibration.findUnique({ where: { host_assessmentSlug_contentHash_runtimeImage: key } });
    if (known) {
      book.add({ slug: assessment.slug, contentHash: assessment.contentHash, latencyScale: known.latencyScale, testPhaseMs: known.testPhaseMs });
      continue;
    }
    options.log(`calibrating ${assessment.slug}: grading its reference on ${host}`);
    const result = await gradeReference(options, assessmentDir, assessment.slug);
    if (!result) {
      options.log(`calibration of ${assessment.slug} failed: its latency thresholds stay unscaled on this host`);
      continue;
    }
    const figures = calibrationFigures({
      testPhaseMs: result.timings.tests ?? 0,
      overall: result.scores?.overall ?? null,
      results: result.results,
    });
    const scale = latencyScale(figures);
    if (scale >= MAX_LATENCY_SCALE) {
      options.log(`${assessment.slug}: this host is too slow for its latency thresholds even stretched ×${MAX_LATENCY_SCALE}; grade on a faster host`);
    }
    const data = { testPhaseMs: figures.testPhaseMs, figures: figures as unknown as Prisma.InputJsonObject, latencyScale: scale };
    await options.prisma.gradingCalibration.upsert({
      where: { host_assessmentSlug_contentHash_runtimeImage: key },
      create: { ...key, ...data },
      update: data,
    });
    book.add({ slug: assessment.slug, contentHash: assessment.contentHash, latencyScale: scale, testPhaseMs: figures.testPhaseMs });
    options.log(
      `calibrated ${assessment.slug}: test phase ${figures.testPhaseMs} ms, reference score ${figures.overall ?? "n/a"}, latency scale ×${scale}` +
        figures.measured.map((m) => ` (${m.testId} p95 ${m.p95Ms} ms)`).join(""),
    );
  }
  return book;
}
