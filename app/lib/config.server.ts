import { z } from "zod";

const postgresUrl = z
  .string({ error: "is not set" })
  .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL");
const redisUrl = z.string({ error: "is not set" }).regex(/^rediss?:\/\//, "must be a redis:// URL");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: postgresUrl,
  REDIS_URL: redisUrl,
  DOCKER_HOST: z.string().optional(),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url("must be an absolute URL").optional(),
  DATA_DIR: z.string().default(".data"),
  ASSESSMENTS_DIR: z.string().default("assessments"),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// URL").optional(),
  RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
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
};

export type Config = z.infer<typeof schema> & { PUBLIC_URL: string };

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const example = examples[name] ? ` (example: ${name}=${examples[name]})` : "";
      return `  - ${name} ${issue.message}${example}`;
    });
    throw new ConfigError(`Hirekit cannot start: the environment is invalid.\n${lines.join("\n")}`);
  }
  const data = result.data;
  return { ...data, PUBLIC_URL: data.PUBLIC_URL ?? `http://${data.HOST}:${data.PORT}` };
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
