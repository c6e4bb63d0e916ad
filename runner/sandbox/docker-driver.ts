import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { lchown, lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Duplex } from "node:stream";
import type Docker from "dockerode";
import { RUNTIME_IMAGES, SANDBOX_UID } from "../images/recipes";
import { removeSubmissionResources, resourceLabels, sweepLeftovers } from "./cleanup";
import { detectSolution, type SolutionPlan } from "./detect";
import { dockerClient } from "./docker-client";
import { readJsonStream } from "./docker-stream";
import type {
  ExitInfo,
  PreparedSolution,
  PrepareOutcome,
  ProbeOutcome,
  ProbeRequest,
  RunningSolution,
  RunReport,
  SandboxDriver,
  SandboxJob,
} from "./driver";
import { runEnv, sandboxEnv } from "./env";
import type { SandboxLimits } from "./limits";
import { CappedOutput, DockerFrameParser } from "./output";
import { ProberWatch } from "./prober-watch";
import { collectTree, packContext } from "./tar-context";

const HOST_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
const NPM_CACHE_VOLUME = "hirekit-npm-cache";
const USER = `${SANDBOX_UID}:${SANDBOX_UID}`;
/** The prober starts before the service; its readiness wait covers the service's container start. */
const PROBER_HEADSTART_MS = 2_000;
/** Host-side backstop beyond the prober's own readiness deadline. */
const PROBER_START_GRACE_MS = 10_000;
const PROBER_LIMITS = { memoryMb: 512, pids: 64, cpus: 1 };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function shortName(submissionId: string, role: string): string {
  const safe = submissionId
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, "-")
    .slice(0, 40);
  return `hirekit-${safe}-${role}-${randomBytes(3).toString("hex")}`;
}

function isNotFound(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  return status === 404 || status === 409;
}

/** The locked-down HostConfig shared by service, build and prober containers. */
function lockedDown(
  limits: { memoryMb: number; pids: number; cpus: number },
  fsizeBytes: number,
  nofile: number,
  tmpfsMb: number,
) {
  const memory = limits.memoryMb * 1024 * 1024;
  return {
    ReadonlyRootfs: true,
    Tmpfs: { "/tmp": `rw,nosuid,nodev,size=${tmpfsMb}m,uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=1777` },
    ShmSize: 16 * 1024 * 1024,
    CapDrop: ["ALL"],
    SecurityOpt: ["no-new-privileges"],
    PidsLimit: limits.pids,
    Memory: memory,
    MemorySwap: memory,
    NanoCpus: Math.round(limits.cpus * 1e9),
    Init: true,
    Privileged: false,
    Ulimits: [
      { Name: "nofile", Soft: nofile, Hard: nofile },
      { Name: "fsize", Soft: fsizeBytes, Hard: fsizeBytes },
      { Name: "core", Soft: 0, Hard: 0 },
    ],
    // Without a cap a flooding container fills the host disk through the daemon's log file.
    LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } },
  };
}

function serviceHostConfig(limits: SandboxLimits) {
  return lockedDown(limits, limits.fsizeMb * 1024 * 1024, limits.nofile, limits.tmpfsMb);
}

interface Attached {
  output: CappedOutput;
  ended: Promise<void>;
}

/**
 * Attaches to a created container before it starts, so no output is lost. `onOverflow` runs once
 * when the output passes `limitBytes`.
 */
async function attachOutput(
  container: Docker.Container,
  keepBytes: number,
  limitBytes: number,
  onOverflow: () => void,
  onStdout?: (chunk: Buffer) => void,
): Promise<Attached> {
  const output = new CappedOutput(keepBytes);
  const stream = (await container.attach({ stream: true, stdout: true, stderr: true, logs: true })) as Duplex;
  let overflowed = false;
  const parser = new DockerFrameParser((type, payload) => {
    if (type === "stdout" && onStdout) onStdout(payload);
    else output.write(payload);
    if (!overflowed && output.total > limitBytes) {
      overflowed = true;
      onOverflow();
    }
  });
  const ended = new Promise<void>((resolve) => {
    stream.on("data", (chunk: Buffer) => parser.push(chunk));
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", () => resolve());
  });
  return { output, ended };
}

async function exitInfo(container: Docker.Container): Promise<ExitInfo> {
  try {
    const result = (await container.wait()) as { StatusCode: number };
    const state = (await container.inspect()).State;
    return { code: result.StatusCode, oomKilled: Boolean(state.OOMKilled) };
  } catch (error) {
    if (isNotFound(error)) return { code: -1, oomKilled: false };
    throw error;
  }
}

async function chownTree(root: string, uid: number): Promise<void> {
  await lchown(root, uid, uid);
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) await chownTree(full, uid);
    else await lchown(full, uid, uid);
  }
}

const DISK_CHECK_INTERVAL_MS = 2_000;

/** Whether a folder holds more than `limit` bytes; stops counting as soon as it does. */
async function folderExceeds(root: string, limit: number): Promise<boolean> {
  let total = 0;
  const walk = async (dir: string): Promise<boolean> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (await walk(full)) return true;
      } else {
        total += (await lstat(full).catch(() => null))?.size ?? 0;
        if (total > limit) return true;
      }
    }
    return false;
  };
  return walk(root);
}

/** Reads the TCP ports a container's network namespace listens on, through the host's /proc. */
async function listeningPorts(pid: number): Promise<number[] | null> {
  const ports = new Set<number>();
  let readAny = false;
  for (const file of ["tcp", "tcp6"]) {
    const text = await readFile(`/proc/${pid}/net/${file}`, "utf8").catch(() => null);
    if (text === null) continue;
    readAny = true;
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === "0A") ports.add(Number.parseInt(fields[1].split(":").pop() ?? "", 16));
    }
  }
  return readAny ? [...ports].sort((a, b) => a - b) : null;
}

/** Reads a cgroup file of a container on a local engine (cgroup v1 or v2 layouts); null if unavailable. */
async function readCgroupFile(containerId: string, controller: string, file: string): Promise<string | null> {
  const candidates = [
    `/sys/fs/cgroup/${controller}/docker/${containerId}/${file}`,
    `/sys/fs/cgroup/docker/${containerId}/${file}`,
    `/sys/fs/cgroup/system.slice/docker-${containerId}.scope/${file}`,
  ];
  for (const candidate of candidates) {
    const text = await readFile(candidate, "utf8").catch(() => null);
    if (text !== null) return text;
  }
  return null;
}

/**
 * Whether some process of the container is runnable (state R) in most of a few samples. Unlike CPU
 * time over wall time, this holds on a contended host, where a spinning service may get little CPU.
 */
async function sampleBusy(containerId: string, samples = 8, intervalMs = 25): Promise<boolean | null> {
  let busy = 0;
  let seen = 0;
  for (let i = 0; i < samples; i += 1) {
    const procs = await readCgroupFile(containerId, "pids", "cgroup.procs");
    if (procs === null) return null;
    let running = false;
    for (const pid of procs.split("\n").filter(Boolean)) {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      // The state follows the parenthesised command name, which may itself contain spaces.
      if (stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "R") running = true;
    }
    seen += 1;
    if (running) busy += 1;
    await sleep(intervalMs);
  }
  return seen > 0 ? busy / seen >= 0.75 : null;
}

interface RunningState extends RunningSolution {
  container: Docker.Container;
  watch: ProberWatch;
  attached: Attached;
  startedAt: number;
  exitedValue: ExitInfo | null;
  exceeded: boolean;
}

export interface DockerDriverOptions {
  docker?: Docker;
  /** Network for build containers and Dockerfile builds, which may fetch packages. */
  buildNetwork?: string;
}

export class DockerSandboxDriver implements SandboxDriver {
  private readonly docker: Docker;
  private readonly buildNetwork: string;
  private npmCacheReady: Promise<void> | null = null;

  constructor(options: DockerDriverOptions = {}) {
    this.docker = options.docker ?? dockerClient();
    this.buildNetwork = options.buildNetwork ?? "bridge";
  }

  async prepare(job: SandboxJob): Promise<PrepareOutcome> {
    const detected = await detectSolution(job.sourceDir);
    if (!detected.ok) return { ok: false, reason: detected.reason, log: "" };
    const plan = detected.plan;
    switch (plan.kind) {
      case "python":
        return {
          ok: true,
          kind: "python",
          log: "",
          solution: { job, kind: "python", image: RUNTIME_IMAGES.python, cmd: plan.command, mountSource: true },
        };
      case "node":
        if (plan.install === null && !plan.build) {
          return {
            ok: true,
            kind: "node",
            log: "",
            solution: { job, kind: "node", image: RUNTIME_IMAGES.node, cmd: plan.command, mountSource: true },
          };
        }
        return this.buildNode(job, plan);
      case "dockerfile":
        return this.buildDockerfile(job);
    }
  }

  private ensureNpmCache(): Promise<void> {
    this.npmCacheReady ??= (async () => {
      await this.docker.createVolume({ Name: NPM_CACHE_VOLUME, Labels: { "hirekit.cache": "npm" } });
      // A new volume belongs to root; the build runs as the sandbox user.
      const container = await this.docker.createContainer({
        Image: RUNTIME_IMAGES.node,
        User: "0:0",
        Cmd: ["chown", `${SANDBOX_UID}:${SANDBOX_UID}`, "/npm-cache"],
        HostConfig: { NetworkMode: "none", Binds: [`${NPM_CACHE_VOLUME}:/npm-cache`] },
      });
      try {
        await container.start();
        await container.wait();
      } finally {
        await container.remove({ force: true });
      }
    })().catch((error: unknown) => {
      this.npmCacheReady = null;
      throw error;
    });
    return this.npmCacheReady;
  }

  /** npm ci / install (and build) in a container that may reach the registry; the result stays in the source folder. */
  private async buildNode(job: SandboxJob, plan: Extract<SolutionPlan, { kind: "node" }>): Promise<PrepareOutcome> {
    const { limits } = job;
    await this.ensureNpmCache();
    await chownTree(job.sourceDir, SANDBOX_UID);
    const steps: string[] = [];
    if (plan.install === "ci") steps.push("npm ci --no-audit --no-fund");
    if (plan.install === "install") steps.push("npm install --no-audit --no-fund");
    if (plan.build) steps.push("npm run build");
    const hasCa = existsSync(HOST_CA_BUNDLE);
    const binds = [`${job.sourceDir}:/app`, `${NPM_CACHE_VOLUME}:/npm-cache`];
    if (hasCa) binds.push(`${HOST_CA_BUNDLE}:${HOST_CA_BUNDLE}:ro`);
    const buildMemoryMb = Math.max(limits.memoryMb, 1024);
    const container = await this.docker.createContainer({
      name: shortName(job.submissionId, "build"),
      Image: RUNTIME_IMAGES.node,
      Cmd: ["/bin/sh", "-c", `set -e; ${steps.map((step) => `echo "> ${step}"; ${step}`).join("; ")}`],
      WorkingDir: "/app",
      User: USER,
      Env: sandboxEnv({
        HOME: "/tmp",
        LANG: "C.UTF-8",
        CI: "true",
        npm_config_cache: "/npm-cache",
        npm_config_update_notifier: "false",
        npm_config_fund: "false",
        npm_config_audit: "false",
        ...(hasCa ? { NODE_EXTRA_CA_CERTS: HOST_CA_BUNDLE } : {}),
      }),
      Labels: resourceLabels(job.submissionId, job.expiresAt),
      HostConfig: {
        ...lockedDown(
          { memoryMb: buildMemoryMb, pids: Math.max(limits.pids, 256), cpus: limits.cpus },
          1024 * 1024 * 1024,
          4096,
          256,
        ),
        NetworkMode: this.buildNetwork,
        Binds: binds,
      },
    });
    const attached = await attachOutput(container, limits.logBytes, Number.POSITIVE_INFINITY, () => undefined);
    await container.start();
    const exited = exitInfo(container);
    const diskLimit = limits.buildDiskMb * 1024 * 1024;
    let diskExceeded = false;
    const watchdog = setInterval(() => {
      folderExceeds(job.sourceDir, diskLimit).then(
        (exceeds) => {
          if (!exceeds || diskExceeded) return;
          diskExceeded = true;
          container.kill().catch(() => undefined);
        },
        () => undefined,
      );
    }, DISK_CHECK_INTERVAL_MS);
    const timedOut = await Promise.race([exited.then(() => false), sleep(limits.buildSeconds * 1000).then(() => true)]);
    clearInterval(watchdog);
    if (timedOut) await container.kill().catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
    const exit = await exited;
    await Promise.race([attached.ended, sleep(1000)]);
    await container.remove({ force: true }).catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
    const log = attached.output.text();
    const lastStep = steps.filter((step) => log.includes(`> ${step}`)).pop() ?? steps[0];
    if (diskExceeded) return { ok: false, reason: `build wrote more than ${limits.buildDiskMb} MB during ${lastStep}`, log };
    if (timedOut) return { ok: false, reason: `build did not finish within ${limits.buildSeconds} s (${lastStep})`, log };
    if (exit.oomKilled) return { ok: false, reason: `build ran out of memory (${buildMemoryMb} MB) during ${lastStep}`, log };
    if (exit.code !== 0) return { ok: false, reason: `build failed: ${lastStep} exited with code ${exit.code}`, log };
    return {
      ok: true,
      kind: "node-built",
      log,
      solution: { job, kind: "node-built", image: RUNTIME_IMAGES.node, cmd: plan.command, mountSource: true },
    };
  }

  private async buildDockerfile(job: SandboxJob): Promise<PrepareOutcome> {
    const { limits } = job;
    const tag = `hirekit-submission:${job.submissionId
      .toLowerCase()
      .replace(/[^a-z0-9_.-]/g, "-")
      .slice(0, 100)}`;
    const context = packContext(await collectTree(job.sourceDir, ""));
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), limits.buildSeconds * 1000);
    const memory = Math.max(limits.memoryMb, 1024) * 1024 * 1024;
    const stepImages = new Set<string>();
    let previous = "";
    const onText = (text: string) => {
      // " ---> <id>" after "Removing intermediate container" is an image this build committed.
      const committed = /^ ---> ([0-9a-f]{12})\s*$/.exec(text);
      if (committed && previous.startsWith("Removing intermediate container")) stepImages.add(committed[1]);
      if (text.trim() !== "") previous = text;
    };
    try {
      const stream = (await this.docker.buildImage(
        context as never,
        {
          t: tag,
          labels: resourceLabels(job.submissionId, job.expiresAt),
          rm: true,
          forcerm: true,
          pull: false,
          // Shared layer caches would let one candidate's build reuse (and read) another's layers.
          nocache: true,
          networkmode: this.buildNetwork,
          memory,
          memswap: memory,
          cpuperiod: 100_000,
          cpuquota: Math.round(limits.cpus * 100_000),
          abortSignal: abort.signal,
        } as Docker.ImageBuildOptions,
      )) as NodeJS.ReadableStream;
      const result = await readJsonStream(stream as never, limits.logBytes, onText);
      if (result.error) {
        await this.removeStepImages(stepImages);
        return { ok: false, reason: `build failed: ${result.error.trim().split("\n").pop()}`, log: result.log };
      }
      return {
        ok: true,
        kind: "dockerfile",
        log: result.log,
        solution: { job, kind: "dockerfile", image: tag, mountSource: false },
      };
    } catch (error) {
      if (!abort.signal.aborted) throw error;
      await this.removeStepImages(stepImages);
      return { ok: false, reason: `build did not finish within ${limits.buildSeconds} s`, log: "" };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A failed or aborted build leaves the images of its completed steps behind, untagged and without
   * the build's labels. Only untagged images this build committed are removed; never a runtime image.
   */
  private async removeStepImages(ids: Set<string>): Promise<void> {
    for (const id of ids) {
      const image = this.docker.getImage(id);
      const info = await image.inspect().catch(() => null);
      if (!info || (info.RepoTags ?? []).some((tag) => tag !== "<none>:<none>")) continue;
      await image.remove({ noprune: false }).catch(() => undefined);
    }
  }

  /**
   * Starts the prober first, in a network namespace of its own with only loopback, then the service
   * joined to that namespace: the prober's boot (≈ 0.3-1 s of parsing and schema compiling)
   * overlaps the service's container start instead of following it.
   */
  async start(solution: PreparedSolution, request: ProbeRequest): Promise<RunningSolution> {
    const { job } = solution;
    const { limits } = job;
    const labels = resourceLabels(job.submissionId, job.expiresAt);
    const prober = await this.docker.createContainer({
      name: shortName(job.submissionId, "probe"),
      Image: RUNTIME_IMAGES.node,
      Cmd: [
        "node",
        "/prober/prober.mjs",
        "--base-url",
        `http://127.0.0.1:${job.port}`,
        "--readiness",
        request.readinessPath,
        "--ready-timeout-ms",
        String(limits.readySeconds * 1000 + PROBER_HEADSTART_MS),
        "--seed",
        String(request.seed),
      ],
      User: USER,
      Env: sandboxEnv({ HOME: "/tmp", NODE_ENV: "production", LANG: "C.UTF-8" }),
      Labels: labels,
      HostConfig: {
        ...lockedDown(PROBER_LIMITS, 64 * 1024 * 1024, 4096, 32),
        NetworkMode: "none",
        Binds: [`${path.resolve(request.bundlePath)}:/prober/prober.mjs:ro`],
      },
    });
    const watch = new ProberWatch(request, limits);
    const proberAttached = await attachOutput(
      prober,
      16 * 1024,
      64 * 1024 * 1024,
      () => undefined,
      (chunk) => watch.push(chunk),
    );
    // Joining a namespace needs its owner running only at start, so the service is created meanwhile.
    const [, container] = await Promise.all([
      prober.start(),
      this.docker.createContainer({
        name: shortName(job.submissionId, "svc"),
        Image: solution.image,
        ...(solution.cmd ? { Cmd: solution.cmd } : {}),
        ...(solution.mountSource ? { WorkingDir: "/app" } : {}),
        User: USER,
        Env: runEnv(job.port),
        Labels: labels,
        HostConfig: {
          ...serviceHostConfig(limits),
          NetworkMode: `container:${prober.id}`,
          Binds: solution.mountSource ? [`${job.sourceDir}:/app:ro`] : [],
        },
      }),
    ]);
    const state = { exceeded: false, exitedValue: null } as RunningState;
    const attached = await attachOutput(container, limits.logBytes, limits.outputBytes, () => {
      state.exceeded = true;
      container.kill().catch(() => undefined);
    });
    await container.start();
    const exited = exitInfo(container).then((info) => {
      state.exitedValue = info;
      watch.serviceExited(info);
      return info;
    });
    // Observed through the watch and collect; a daemon failure surfaces there.
    exited.catch((error: Error) => watch.fail(error));
    watch.armReadyDeadline(limits.readySeconds * 1000 + PROBER_START_GRACE_MS);
    exitInfo(prober).then(
      async (exit) => {
        await Promise.race([proberAttached.ended, sleep(1000)]);
        watch.proberExited(exit, proberAttached.output.text());
      },
      (error: Error) => watch.fail(error),
    );
    Object.assign(state, {
      job,
      id: container.id,
      container,
      attached,
      startedAt: Date.now(),
      exited,
      watch,
      outputExceeded: () => state.exceeded,
    });
    return state;
  }

  probe(running: RunningSolution): Promise<ProbeOutcome> {
    return (running as RunningState).watch.outcome;
  }

  async collect(running: RunningSolution, options: { diagnose: boolean } = { diagnose: false }): Promise<RunReport> {
    const state = running as RunningState;
    const { limits } = state.job;
    if (state.exitedValue) await Promise.race([state.attached.ended, sleep(1000)]);
    let listening: number[] | null = null;
    let pids: RunReport["pids"] = null;
    let cpuBusy: boolean | null = null;
    if (options.diagnose && !state.exitedValue) {
      const info = await state.container.inspect().catch(() => null);
      if (info?.State.Running && info.State.Pid > 0) listening = await listeningPorts(info.State.Pid);
      const oneShot = { stream: false, "one-shot": true } as unknown as { stream: false };
      const stats = (await state.container.stats(oneShot).catch(() => null)) as { pids_stats?: { current?: number } } | null;
      // pids.events counts forks refused at the limit; a fork bomb's live count rises and falls.
      const events = await readCgroupFile(state.id, "pids", "pids.events");
      const refusedForks = Number(/max (\d+)/.exec(events ?? "")?.[1] ?? 0);
      const current = stats?.pids_stats?.current;
      if (current !== undefined || events !== null) {
        pids = { current: current ?? 0, limit: limits.pids, limitHit: refusedForks > 0 || (current ?? 0) >= limits.pids - 2 };
      }
      cpuBusy = await sampleBusy(state.id);
    }
    return {
      log: state.attached.output.text(),
      outputBytes: state.attached.output.total,
      outputExceeded: state.exceeded,
      exit: state.exitedValue,
      listeningPorts: listening,
      pids,
      cpuBusy,
    };
  }

  destroy(submissionId: string) {
    return removeSubmissionResources(this.docker, submissionId);
  }

  sweep() {
    return sweepLeftovers(this.docker);
  }
}
