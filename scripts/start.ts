import path from "node:path";
import { migrate } from "../prisma/migrator";
import { DEMO_USERS } from "../prisma/demo-users";
import { ensureDocker, ensurePostgres, ensureRedis, type StartedService } from "./lib/services";
import { buildIsCurrent, markBuilt } from "./lib/build-stamp";
import { demoUsersDecision } from "./lib/demo-users";
import { execOrThrow } from "./lib/exec";
import { shutdown, Supervisor } from "./lib/supervisor";

const DATA = path.resolve(process.env.DATA_DIR ?? ".data");
const started: StartedService[] = [];
const supervisor = new Supervisor({
  log: (line) => console.log(`\x1b[1;33m==>\x1b[0m ${line}`),
  onGiveUp: () => void stop(1),
});
const t0 = performance.now();

function step(message: string) {
  console.log(`\x1b[1;34m==>\x1b[0m ${message} \x1b[2m(${((performance.now() - t0) / 1000).toFixed(1)} s)\x1b[0m`);
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;

  step("Services");
  if (!process.env.DATABASE_URL) {
    const postgres = await ensurePostgres(DATA, Number(process.env.HIREKIT_PG_PORT ?? 54329));
    started.push(postgres);
    process.env.DATABASE_URL = postgres.url;
  }
  if (!process.env.REDIS_URL) {
    const redis = await ensureRedis(DATA, Number(process.env.HIREKIT_REDIS_PORT ?? 63799), { persistent: true });
    started.push(redis);
    process.env.REDIS_URL = redis.url;
  }
  started.push(await ensureDocker(DATA));
  for (const service of started) console.log(`    ${service.name}: ${service.url ?? "local daemon"}${service.startedByUs ? " (started)" : " (already running)"}`);

  step("Migrations");
  const applied = await migrate({ databaseUrl: process.env.DATABASE_URL!, migrationsDir: path.resolve("prisma/migrations") });
  console.log(applied.length ? applied.map((name) => `    applied ${name}`).join("\n") : "    up to date");

  step("Seed");
  await execOrThrow(process.execPath, ["--import", "tsx", "scripts/seed.ts"], { env: process.env }).then((out) => process.stdout.write(out));

  step("Runtime images");
  await execOrThrow(process.execPath, ["--import", "tsx", "runner/images/ensure.ts"], { env: process.env }).then((out) => process.stdout.write(out));

  step("Build");
  if (buildIsCurrent()) {
    console.log("    build is current");
  } else {
    await execOrThrow("npx", ["remix", "vite:build"]);
    markBuilt();
    console.log("    built");
  }

  step("Web and worker");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" as const, HIREKIT_SERVE_BUILD: "1", PORT: String(port), PUBLIC_URL: publicUrl };
  // node with the tsx loader directly (not npx) so the signal reaches the process that does the work.
  supervisor.start({ name: "web", command: process.execPath, args: ["--import", "tsx", "app/http/server.ts"], env });
  supervisor.start({ name: "worker", command: process.execPath, args: ["--import", "tsx", "runner/worker/main.ts"], env });
  console.log(`    web pid ${supervisor.pid("web")}, worker pid ${supervisor.pid("worker")} (restarted if they crash)`);
  await waitForHealth(`http://127.0.0.1:${port}/healthz`);

  console.log(`\n\x1b[1;32mHirekit is running at ${publicUrl}\x1b[0m  (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  const demo = demoUsersDecision(process.env);
  if (demo.seed) {
    console.log(`Demo logins (${demo.reason}):`);
    for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(15)} ${user.email.padEnd(26)} ${user.password}`);
  } else {
    console.log(`No demo logins: ${demo.reason}.`);
  }
  console.log("\nPress Ctrl-C to stop everything this command started.");
}

async function waitForHealth(url: string) {
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = await response.text();
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`The web app did not report healthy within 60 s: ${last}`);
}

let stopping = false;
async function stop(code: number) {
  if (stopping) {
    supervisor.killAll();
    return;
  }
  stopping = true;
  console.log("\nStopping…");
  const status = await shutdown(supervisor, started, code, (line) => console.log(line));
  if (status !== code) console.error("\x1b[1;31mSomething this command started could not be stopped (see above).\x1b[0m");
  process.exit(status);
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

main().catch(async (error) => {
  console.error(`\n\x1b[1;31mHirekit could not start:\x1b[0m ${error instanceof Error ? error.message : error}`);
  await stop(1);
});
