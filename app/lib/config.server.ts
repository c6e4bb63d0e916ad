import { availableParallelism } from "node:os";
import { z } from "zod";
import { describeEnvIssues, sharedEnvSchema } from "../../runner/contract/env";

// The worker parses sharedEnvSchema as it is; the web app adds its own settings.
const schema = sharedEnvSchema.extend({
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url("must be an absolute URL").optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// URL").optional(),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  BODY_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().default("127.0.0.1"),
  /** Web processes the production server runs (node:cluster); one per core unless set. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(() => availableParallelism()),
  /** Requests per minute one API token may make. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
});

const examples: Record<string, string> = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://hirekit@127.0.0.1:54329/hirekit",
  REDIS_URL: "redis://127.0.0.1:63799",
  PORT: "3000",
  PUBLIC_URL: "https://hiring.example.com",
  SMTP_URL: "smtp://user:pass@mail.example.com:587",
  RUNNER_CONCURRENCY: "2",
  UPLOAD_MAX_BYTES: "10485760",
  BODY_MAX_BYTES: "1048576",
  METRICS_PORT: "9464",
  WEB_CONCURRENCY: "2",
  API_RATE_LIMIT_PER_MINUTE: "120",
};

export type Config = z.infer<typeof schema> & { PUBLIC_URL: string };

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(`Hirekit cannot start: the environment is invalid.\n${describeEnvIssues(result.error, examples)}`);
  }
  const data = result.data;
  return { ...data, PUBLIC_URL: data.PUBLIC_URL ?? `http://${data.HOST}:${data.PORT}` };
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
