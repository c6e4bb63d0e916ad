// Turns what the sandbox observed into the sentence a candidate and a hiring manager read.
import type { ExitInfo, RunReport } from "../sandbox/driver";

export interface ReasonContext {
  port: number;
  readySeconds: number;
  memoryMb: number;
  pidsLimit: number;
  outputLimitBytes: number;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * The line of the service's output most likely to explain a crash: the last thrown error
 * ("Error: …", "OSError: …"), else the last line mentioning an error, else the last line.
 */
export function telltaleLine(log: string): string | null {
  const lines = log
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("[…") && !/^Node\.js v\d/.test(line));
  const reversed = [...lines].reverse();
  const pick =
    reversed.find((line) => /^([A-Z][A-Za-z]*)?(Error|Exception)\b[^:]*: /.test(line)) ??
    reversed.find((line) => /error|exception|denied|refused|EROFS|ENOSPC|EACCES/i.test(line)) ??
    lines.at(-1);
  if (!pick) return null;
  return pick.length > 200 ? `${pick.slice(0, 200)}…` : pick;
}

function exitDescription(exit: ExitInfo, context: ReasonContext, run: RunReport): string {
  if (run.outputExceeded) return `was stopped after writing more than ${megabytes(context.outputLimitBytes)} of output`;
  if (exit.oomKilled) return `was killed for exceeding its memory limit of ${context.memoryMb} MB`;
  if (exit.code === 137) return "was killed (signal 9)";
  return `exited with code ${exit.code}`;
}

export function exitedBeforeReadyReason(exit: ExitInfo, run: RunReport, context: ReasonContext): string {
  const base = `${exitDescription(exit, context, run)} before becoming ready on port ${context.port}`;
  if (run.outputExceeded || exit.oomKilled) return base;
  const line = telltaleLine(run.log);
  return line ? `${base}: ${line}` : base;
}

/** Readiness outcomes that mean bytes of a response came back: a status, or a response the client refused to parse. */
const RESPONSE_ARRIVED = /^(status \d+|UND_ERR_HEADERS_OVERFLOW|UND_ERR_RES_\w+|HPE_\w+)$/;

function describeAttempt(attempt: string): string {
  if (attempt === "UND_ERR_HEADERS_OVERFLOW") return "its response headers were larger than a client accepts (16 KB)";
  if (attempt.startsWith("HPE_")) return `its response was not valid HTTP (${attempt})`;
  return attempt;
}

export function notReadyReason(proberMessage: string, run: RunReport, context: ReasonContext): string {
  const base = `never became ready on port ${context.port} within ${context.readySeconds} s`;
  const hints: string[] = [];
  if (run.listeningPorts) {
    const others = run.listeningPorts.filter((port) => port !== context.port);
    if (!run.listeningPorts.includes(context.port)) {
      hints.push(
        others.length > 0
          ? `it listens on port${others.length > 1 ? "s" : ""} ${others.join(", ")} instead`
          : "nothing listens on any port",
      );
    }
  }
  const lastAttempt = /\(last attempt: ([^)]*)\)/.exec(proberMessage)?.[1];
  // An answer (even a malformed one) arrived: the service was not just spinning, so the CPU hint
  // would mislead; what was wrong with the answer is the reason.
  const answered = lastAttempt !== undefined && RESPONSE_ARRIVED.test(lastAttempt);
  if (run.pids?.limitHit) hints.push(`it reached the limit of ${run.pids.limit} processes`);
  else if (run.cpuBusy && !answered) hints.push("it kept the CPU busy without answering");
  if (lastAttempt && (hints.length === 0 || answered)) hints.push(`last readiness check: ${describeAttempt(lastAttempt)}`);
  return hints.length > 0 ? `${base} (${hints.join("; ")})` : base;
}

/** Something that happened to the service after it became ready; the grade stands, the note explains. */
export function runtimeNote(run: RunReport, context: ReasonContext): string | null {
  if (run.outputExceeded)
    return `the service was stopped during the tests after writing more than ${megabytes(context.outputLimitBytes)} of output`;
  if (!run.exit) return null;
  return `the service ${exitDescription(run.exit, context, run)} during the tests`;
}
