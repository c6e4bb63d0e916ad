// Plain helpers shared by the prober and the web app (no Node-only imports): how a contract
// violation is classified and how a time-out reads.
import type { ViolationKind } from "../prober/contract";

/** Sorts a violation message into the kind it is charged under. */
export function violationKind(message: string): ViolationKind {
  if (/^status \d+ is not declared/.test(message)) return "status";
  if (/^content-type /.test(message)) return "content-type";
  if (/must have no body/.test(message)) return "empty-body";
  if (/^body of /.test(message)) return "body";
  if (/lacks the required .* header|^header /.test(message)) return "header";
  if (/is not an operation of the contract/.test(message)) return "path";
  return "method";
}

/** "5 s" or "2500 ms", the way people read a time-out. */
export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${Math.round(ms)} ms`;
}
