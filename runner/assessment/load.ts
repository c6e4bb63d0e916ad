// Reads one assessments/<slug>/ folder: assessment.json (validated), brief.md, openapi.yaml
// (parsed) and the tests entry. The runner, the verify command and the web app's assessment
// sync all go through here, so an authoring mistake is reported once, naming file and field.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { COMPETENCY_IDS, isCompetencyId } from "../../app/domain/catalog/competency-ids";

/**
 * Resource limits for the candidate's container and the grading stages. Values above the hard
 * maximum are REFUSED (not clamped): an assessment that asks for more than the runner will give
 * is an authoring error that should surface when the assessment is loaded, not at grading time.
 */
export const LIMIT_DEFAULTS = {
  memoryMb: 256,
  cpus: 1,
  pids: 128,
  buildSeconds: 180,
  readySeconds: 30,
  testSeconds: 120,
  tmpfsMb: 64,
  requestTimeoutMs: 5000,
} as const;

export const LIMIT_MAXIMUMS = {
  memoryMb: 1024,
  cpus: 2,
  pids: 512,
  buildSeconds: 600,
  readySeconds: 120,
  testSeconds: 600,
  tmpfsMb: 256,
  requestTimeoutMs: 30_000,
} as const;

const limitField = (key: keyof typeof LIMIT_DEFAULTS, minimum: number, integer = true) => {
  const base = integer ? z.number().int() : z.number();
  return base
    .min(minimum)
    .max(LIMIT_MAXIMUMS[key], { message: `must be at most ${LIMIT_MAXIMUMS[key]} (the runner's hard maximum)` })
    .default(LIMIT_DEFAULTS[key]);
};

const limitsSchema = z
  .strictObject({
    memoryMb: limitField("memoryMb", 32),
    cpus: limitField("cpus", 0.1, false),
    pids: limitField("pids", 16),
    buildSeconds: limitField("buildSeconds", 5),
    readySeconds: limitField("readySeconds", 1),
    testSeconds: limitField("testSeconds", 5),
    tmpfsMb: limitField("tmpfsMb", 1),
    /** How long the graders wait for each response; shown to candidates in the brief's Limits. */
    requestTimeoutMs: limitField("requestTimeoutMs", 100),
  })
  .prefault({});

const competencyId = z.string().refine(isCompetencyId, {
  message: `must be a catalog competency id (${COMPETENCY_IDS.join(", ")})`,
});

const negativeChecksSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** How many derived checks to run (a seeded sample when the document yields more). */
    count: z.number().int().min(1).max(200).default(12),
    pointsEach: z.number().positive().max(10).default(1),
    competency: competencyId.default("api-design"),
    visibility: z.enum(["public", "hidden"]).default("hidden"),
  })
  .prefault({});

const weightsSchema = z
  .record(z.string(), z.number().positive({ message: "must be greater than 0" }))
  .superRefine((weights, ctx) => {
    const keys = Object.keys(weights);
    if (keys.length === 0) ctx.addIssue({ code: "custom", message: "must name at least one competency" });
    for (const key of keys) {
      if (!isCompetencyId(key)) {
        ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is not a catalog competency id` });
      }
    }
  })
  .transform((weights) => {
    const total = Object.values(weights).reduce((sum, w) => sum + w, 0);
    return Object.fromEntries(Object.entries(weights).map(([k, w]) => [k, w / total]));
  });

/** One small item per contract operation for violations seen only while tests set up (runner/prober/conformance.ts). */
const contractConformanceSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    pointsEach: z.number().positive().max(10).default(0.5),
    competency: competencyId.default("api-design"),
    visibility: z.enum(["public", "hidden"]).default("public"),
  })
  .prefault({});

export const assessmentConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: "must be a lowercase slug (a-z, 0-9, -)" }),
  title: z.string().min(3).max(200),
  level: z.enum(["junior", "intermediate", "senior"]),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: "must be a semantic version like 1.0.0" }),
  timeLimitMinutes: z.number().int().min(15).max(60 * 24 * 14),
  attemptLimit: z.number().int().min(1).max(50),
  port: z.number().int().min(1024).max(65535).default(3000),
  readinessPath: z.string().regex(/^\/[^\s]*$/, { message: "must be a path starting with /" }).default("/health"),
  competencyWeights: weightsSchema,
  limits: limitsSchema,
  negativeChecks: negativeChecksSchema,
  contractConformance: contractConformanceSchema,
});

export type AssessmentConfig = z.output<typeof assessmentConfigSchema>;
export type AssessmentLimits = AssessmentConfig["limits"];
export type NegativeChecksConfig = AssessmentConfig["negativeChecks"];
export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths: Record<string, unknown> };

export interface LoadedAssessment {
  /** Folder name under assessments/. */
  slug: string;
  dir: string;
  config: AssessmentConfig;
  /** brief.md followed by the Limits section generated from the config (limits-section.ts). */
  brief: string;
  openapi: OpenApiDocument;
  openapiText: string;
  /** Absolute path of tests/index.ts. */
  testsEntry: string;
  /** sha256 over assessment.json, brief.md, openapi.yaml and tests/: changes when grading changes. */
  contentHash: string;
}

export class AssessmentLoadError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "AssessmentLoadError";
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

export function parseAssessmentConfig(raw: unknown, file = "assessment.json"): AssessmentConfig {
  const result = assessmentConfigSchema.safeParse(raw);
  if (!result.success) throw new AssessmentLoadError(file, describeIssues(result.error));
  return result.data;
}

const openapiShape = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/, { message: "must be an OpenAPI 3.1.x document" }),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export function parseOpenApi(text: string, file = "openapi.yaml"): OpenApiDocument {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new AssessmentLoadError(file, `not valid YAML: ${(error as Error).message}`);
  }
  const result = openapiShape.safeParse(doc);
  if (!result.success) throw new AssessmentLoadError(file, describeIssues(result.error));
  return result.data as OpenApiDocument;
}

async function readRequired(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AssessmentLoadError(file, code === "ENOENT" ? "file is missing" : (error as Error).message);
  }
}

async function listFilesRecursive(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFilesRecursive(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

async function hashContent(dir: string, testsDir: string): Promise<string> {
  const hash = createHash("sha256");
  const files = [
    path.join(dir, "assessment.json"),
    path.join(dir, "brief.md"),
    path.join(dir, "openapi.yaml"),
    ...(await listFilesRecursive(testsDir)),
  ];
  for (const file of files) {
    hash.update(path.relative(dir, file));
    hash.update("\0");
    hash.update(await readFile(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

export async function loadAssessment(dir: string): Promise<LoadedAssessment> {
  const absDir = path.resolve(dir);
  const configFile = path.join(absDir, "assessment.json");
  const configText = await readRequired(configFile);
  let raw: unknown;
  try {
    raw = JSON.parse(configText);
  } catch (error) {
    throw new AssessmentLoadError(configFile, `not valid JSON: ${(error as Error).message}`);
  }
  const config = parseAssessmentConfig(raw, configFile);

  const briefFile = path.join(absDir, "brief.md");
  const brief = await readRequired(briefFile);
  if (brief.trim().length === 0) throw new AssessmentLoadError(briefFile, "is empty");

  const openapiFile = path.join(absDir, "openapi.yaml");
  const openapiText = await readRequired(openapiFile);
  const openapi = parseOpenApi(openapiText, openapiFile);

  const testsDir = path.join(absDir, "tests");
  const testsEntry = path.join(testsDir, "index.ts");
  if (!existsSync(testsEntry)) throw new AssessmentLoadError(testsEntry, "file is missing");

  // Imported on use: the section reads the sandbox's limits, and that module imports this one.
  const { briefWithLimits, LIMITS_HEADING } = await import("./limits-section");
  if (brief.split("\n").some((line) => line.trim() === LIMITS_HEADING)) {
    throw new AssessmentLoadError(briefFile, `must not have its own "${LIMITS_HEADING}" section: it is generated from assessment.json`);
  }

  return {
    slug: path.basename(absDir),
    dir: absDir,
    config,
    brief: briefWithLimits(brief, config),
    openapi,
    openapiText,
    testsEntry,
    contentHash: await hashContent(absDir, testsDir),
  };
}

/** Every folder under `root` that holds an assessment.json, loaded; sorted by slug. */
export async function listAssessments(root = "assessments"): Promise<LoadedAssessment[]> {
  const absRoot = path.resolve(root);
  const entries = await readdir(absRoot, { withFileTypes: true });
  const dirs: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(absRoot, entry.name);
    if ((await stat(path.join(dir, "assessment.json")).catch(() => null))?.isFile()) dirs.push(dir);
  }
  dirs.sort();
  return Promise.all(dirs.map((dir) => loadAssessment(dir)));
}
