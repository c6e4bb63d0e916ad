import { existsSync, mkdirSync, readFileSync, statSync, chmodSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { exec, execOrThrow, waitFor, commandExists } from "./exec";

// Project-local PostgreSQL, Redis and the Docker Engine, started on 127.0.0.1 when no URL is given.

const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const isRoot = process.getuid?.() === 0;

export interface StartedService {
  name: string;
  url?: string;
  startedByUs: boolean;
  stop(): Promise<void>;
}

function portOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** postgres refuses to run as root, so as root the cluster belongs to the `postgres` system user. */
async function asPostgresUser(args: string[]): Promise<string> {
  const [command, ...rest] = args;
  if (!isRoot) return execOrThrow(command, rest);
  return execOrThrow("runuser", ["-u", "postgres", "--", command, ...rest]);
}

function makeTraversable(dir: string): void {
  // A clone in a mktemp folder (mode 700) would hide the cluster from the postgres user.
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    current = path.dirname(current);
  }
}

export async function ensurePostgres(dataRoot: string, port: number): Promise<StartedService> {
  const dir = path.resolve(dataRoot, "postgres");
  const url = `postgresql://hirekit@127.0.0.1:${port}/hirekit`;
  if (!existsSync(`${PG_BIN}/pg_ctl`)) {
    throw new Error(
      `PostgreSQL server binaries not found in ${PG_BIN}. Install PostgreSQL 15 (Debian: apt-get install postgresql-15) or set DATABASE_URL.`,
    );
  }
  const owner = isRoot ? "postgres" : undefined;
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (owner) await execOrThrow("chown", ["-R", `${owner}:${owner}`, dir]);
    if (isRoot) makeTraversable(path.dirname(dir));
    await asPostgresUser([`${PG_BIN}/initdb`, "-D", dir, "-U", "hirekit", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  }
  if (isRoot) makeTraversable(path.dirname(dir));
  const alreadyUp = await portOpen(port);
  if (!alreadyUp) {
    await asPostgresUser([
      `${PG_BIN}/pg_ctl`,
      "-D",
      dir,
      "-l",
      path.join(dir, "server.log"),
      "-o",
      `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories='' -c max_connections=200`,
      "-w",
      "-t",
      "60",
      "start",
    ]);
  }
  await waitFor("PostgreSQL", () => portOpen(port), 30_000);
  await ensureDatabase(url, "hirekit");
  return {
    name: "PostgreSQL",
    url,
    startedByUs: !alreadyUp,
    stop: async () => {
      if (!alreadyUp) await asPostgresUser([`${PG_BIN}/pg_ctl`, "-D", dir, "-m", "fast", "-w", "stop"]);
    },
  };
}

async function ensureDatabase(url: string, name: string): Promise<void> {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

export async function ensureRedis(dataRoot: string, port: number, options: { persistent: boolean }): Promise<StartedService> {
  const url = `redis://127.0.0.1:${port}`;
  if (!(await commandExists("redis-server"))) {
    throw new Error("redis-server not found. Install Redis 7 (Debian: apt-get install redis-server) or set REDIS_URL.");
  }
  const dir = path.resolve(dataRoot, options.persistent ? "redis" : `redis-${port}`);
  mkdirSync(dir, { recursive: true });
  const alreadyUp = await portOpen(port);
  if (!alreadyUp) {
    // BullMQ needs noeviction (an evicted job key is a lost job) and append-only persistence.
    await execOrThrow("redis-server", [
      "--bind", "127.0.0.1",
      "--port", String(port),
      "--dir", dir,
      "--daemonize", "yes",
      "--pidfile", path.join(dir, "redis.pid"),
      "--logfile", path.join(dir, "redis.log"),
      "--maxmemory-policy", "noeviction",
      "--appendonly", options.persistent ? "yes" : "no",
      "--save", options.persistent ? "3600 1 300 100 60 10000" : "",
      "--protected-mode", "yes",
    ]);
  }
  await waitFor("Redis", () => portOpen(port), 15_000);
  return {
    name: "Redis",
    url,
    startedByUs: !alreadyUp,
    stop: async () => {
      if (alreadyUp) return;
      const pidFile = path.join(dir, "redis.pid");
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, "utf8").trim());
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          return;
        }
        await waitFor("Redis shutdown", async () => !(await portOpen(port)), 10_000);
      }
    },
  };
}

export async function dockerAvailable(): Promise<boolean> {
  const result = await exec("docker", ["info", "--format", "{{.ServerVersion}}"]);
  return result.code === 0;
}

export async function ensureDocker(dataRoot: string): Promise<StartedService> {
  if (process.env.DOCKER_HOST || (await dockerAvailable())) {
    return { name: "Docker Engine", startedByUs: false, stop: async () => {} };
  }
  if (!(await commandExists("dockerd"))) {
    throw new Error(
      "The Docker Engine is not running and dockerd is not installed. Install it (Debian: apt-get install docker.io) or set DOCKER_HOST.",
    );
  }
  if (!isRoot) throw new Error("The Docker Engine is not running; start it (e.g. sudo dockerd) or set DOCKER_HOST.");
  mkdirSync(dataRoot, { recursive: true });
  const { spawn } = await import("node:child_process");
  const { openSync } = await import("node:fs");
  const log = openSync(path.resolve(dataRoot, "dockerd.log"), "a");
  const child = spawn("dockerd", [], { detached: true, stdio: ["ignore", log, log] });
  child.unref();
  await waitFor("Docker Engine", dockerAvailable, 60_000);
  return {
    name: "Docker Engine",
    startedByUs: true,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      // dockerd stops its containers first; give it as long as it takes to start.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 60_000).unref())]);
      if (child.exitCode === null && child.signalCode === null) throw new Error(`dockerd (pid ${child.pid}) did not exit within 60 s of SIGTERM`);
    },
  };
}
