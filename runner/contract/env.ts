// The environment both processes read: the web app's config (app/lib/config.server.ts) extends
// this schema, the worker's settings (runner/worker/settings.ts) parse it as it is. Only those two
// modules read process.env.
import { z } from "zod";

const postgresUrl = z.string({ error: "is not set" }).regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL");
const redisUrl = z.string({ error: "is not set" }).regex(/^rediss?:\/\//, "must be a redis:// URL");
const seconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .default(fallback);

export const sharedEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: postgresUrl,
  REDIS_URL: redisUrl,
  DOCKER_HOST: z.string().optional(),
  /** Uploads, caches (images, prober bundles) and the runner's work folders live under it. */
  DATA_DIR: z.string().default(".data"),
  ASSESSMENTS_DIR: z.string().default("assessments"),
  /** The prober bundles `npm run build` wrote (production reads them; it has no esbuild). */
  PROBER_BUNDLE_DIR: z.string().default("build/prober"),
  RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  /** The site's origin; the worker puts it in webhook payloads (report and scorecard links). */
  PUBLIC_URL: z.url("must be an absolute URL").optional(),
  /** Where the worker sends invitation mail from the mail queue; no mail consumer runs without it. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// URL").optional(),
  SMTP_FROM: z.string().optional(),
  /** The worker's Prometheus /metrics port; off when unset. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Where the worker's metrics listen: loopback unless a scraper elsewhere needs them. */
  WORKER_METRICS_HOST: z.string().default("127.0.0.1"),
  RUNNER_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, "must be letters, digits, ':', '_' or '-'")
    .optional(),
  /** A job's lock lives this long without renewal; a killed worker's job runs again after it. */
  RUNNER_LOCK_SECONDS: seconds(30).pipe(z.number().min(1)),
  RUNNER_STALLED_CHECK_SECONDS: seconds(15).pipe(z.number().min(1)),
  RUNNER_RECONCILE_SECONDS: seconds(30).pipe(z.number().min(1)),
  RUNNER_RECONCILE_GRACE_SECONDS: seconds(30),
  /** How often leftovers (containers, images, work folders) past their expiry are removed. */
  RUNNER_SWEEP_SECONDS: seconds(60).pipe(z.number().min(1)),
});

export type SharedEnv = z.infer<typeof sharedEnvSchema>;

/** One line per invalid variable, for a fail-fast start-up message. */
export function describeEnvIssues(error: z.ZodError, examples: Record<string, string> = {}): string {
  return error.issues
    .map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const example = examples[name] ? ` (example: ${name}=${examples[name]})` : "";
      return `  - ${name} ${issue.message}${example}`;
    })
    .join("\n");
}
