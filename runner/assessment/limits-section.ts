// The brief's "Limits" section, generated from assessment.json and the runner's own limits so the
// numbers a candidate reads are the numbers the grader applies (never copied by hand).
import { MAX_RESPONSE_BYTES } from "../prober/client";
import { DEFAULT_TEST_TIMEOUT_MS } from "../prober/run";
import { sandboxLimits } from "../sandbox/limits";
import type { AssessmentConfig } from "./load";

export const LIMITS_HEADING = "## Limits";

function seconds(value: number): string {
  return value === 1 ? "1 second" : `${value} seconds`;
}

function milliseconds(ms: number): string {
  return ms % 1000 === 0 ? seconds(ms / 1000) : `${ms} ms`;
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** Markdown for every limit a candidate's service can run into while it is built and graded. */
export function limitsSection(config: Pick<AssessmentConfig, "limits" | "readinessPath" | "port">): string {
  const limits = sandboxLimits(config.limits);
  const rows: [string, string][] = [
    ["Memory", `${limits.memoryMb} MB (no swap); a service over it is stopped`],
    ["CPU", `${limits.cpus} ${limits.cpus === 1 ? "core" : "cores"}`],
    ["Processes and threads", String(limits.pids)],
    ["Writable `/tmp`", `${limits.tmpfsMb} MB (the rest of the file system is read-only)`],
    ["Build (install and build scripts)", `${seconds(limits.buildSeconds)}, ${limits.buildDiskMb} MB written into the project`],
    ["Ready: `GET " + config.readinessPath + "` answers 2xx on port " + config.port, `within ${seconds(limits.readySeconds)} of start`],
    ["All tests together", `${seconds(limits.testSeconds)} from readiness`],
    ["One request", `${milliseconds(limits.requestTimeoutMs)} for the whole response (status, headers and body)`],
    ["One test", `${milliseconds(DEFAULT_TEST_TIMEOUT_MS)} unless the test states its own`],
    ["One response body", `${mebibytes(MAX_RESPONSE_BYTES)}`],
    ["Output (stdout and stderr)", `${mebibytes(limits.outputBytes)}; a service writing more is stopped`],
    ["Network", "none: the service reaches nothing but the grader"],
  ];
  return [
    LIMITS_HEADING,
    "",
    "Generated from this assessment's settings; these are the limits the grader applies.",
    "",
    "| limit | value |",
    "| --- | --- |",
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    "",
  ].join("\n");
}

/** The brief as candidates read it: the author's text followed by the generated Limits section. */
export function briefWithLimits(brief: string, config: Pick<AssessmentConfig, "limits" | "readinessPath" | "port">): string {
  return `${brief.trimEnd()}\n\n${limitsSection(config)}`;
}
