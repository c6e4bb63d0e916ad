import { spawn, type ChildProcess } from "node:child_process";
import { execOrThrow } from "../../scripts/lib/exec";
import { buildIsCurrent, markBuilt } from "../../scripts/lib/build-stamp";
import { withFileLock } from "../../scripts/lib/file-lock";
import { freePort } from "../../scripts/lib/free-port";

export { freePort };

export interface AppServer {
  url: string;
  /** Everything the server wrote to stdout and stderr so far. */
  logs(): string;
  stop(): Promise<void>;
}


/** Builds once for the whole suite (workers race for a lock) and serves the production build. */
export async function ensureBuild(): Promise<void> {
  await withFileLock(".data/build.lock", 300_000, async () => {
    if (buildIsCurrent()) return;
    await execOrThrow("npx", ["remix", "vite:build"]);
    markBuilt();
  });
}

export async function startAppServer(env: { DATABASE_URL: string; REDIS_URL: string } & Record<string, string>): Promise<AppServer> {
  await ensureBuild();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/http/server.ts"], {
    env: { ...process.env, ...env, NODE_ENV: "production", HIREKIT_SERVE_BUILD: "1", PORT: String(port), PUBLIC_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/login`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app server did not start within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    logs: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
