/**
 * The only variables a candidate's container may see. The worker's own environment (database
 * and Redis URLs, tokens) never reaches it: every container's env is built from this list alone.
 */
export const SANDBOX_ENV_ALLOWLIST = [
  "PORT",
  "HOST",
  "NODE_ENV",
  "HOME",
  "LANG",
  "TZ",
  "CI",
  "NODE_EXTRA_CA_CERTS",
  "npm_config_cache",
  "npm_config_update_notifier",
  "npm_config_fund",
  "npm_config_audit",
  "PYTHONUNBUFFERED",
  "PYTHONDONTWRITEBYTECODE",
] as const;

export type SandboxEnvName = (typeof SANDBOX_ENV_ALLOWLIST)[number];

export function sandboxEnv(values: Partial<Record<SandboxEnvName, string>>): string[] {
  const allowed = new Set<string>(SANDBOX_ENV_ALLOWLIST);
  return Object.entries(values).map(([name, value]) => {
    if (!allowed.has(name)) throw new Error(`environment variable ${name} is not on the sandbox allowlist`);
    if (value === undefined || /[\0\n]/.test(value)) throw new Error(`environment variable ${name} has an invalid value`);
    return `${name}=${value}`;
  });
}

export function runEnv(port: number): string[] {
  return sandboxEnv({
    PORT: String(port),
    HOST: "0.0.0.0",
    NODE_ENV: "production",
    HOME: "/tmp",
    LANG: "C.UTF-8",
    TZ: "UTC",
    PYTHONUNBUFFERED: "1",
    PYTHONDONTWRITEBYTECODE: "1",
  });
}
