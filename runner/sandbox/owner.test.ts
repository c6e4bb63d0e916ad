import { readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { ownerIsGone, resourceLabels } from "./cleanup";

// A pid that no process on this machine has (above the kernel's maximum).
const UNUSED_PID = 4_194_999;
const ourNamespace = readlinkSync("/proc/self/ns/pid").replace(/\D/g, "");
const later = Date.now() + 60_000;

function labels(owner: string): Record<string, string> {
  return { "hirekit.submission": "s", "hirekit.owner": owner, "hirekit.expires": String(later) };
}

describe("who owns a grading's resources", () => {
  it("keeps our own live work and frees work whose owner in our pid namespace is gone", () => {
    expect(ownerIsGone(resourceLabels("s", later), Date.now())).toBe(false);
    expect(ownerIsGone(labels(`${hostname()}/${UNUSED_PID}/${ourNamespace}`), Date.now())).toBe(true);
  });

  it("never judges an owner in another pid namespace by its pid (a containerised worker with the host's name)", () => {
    expect(ownerIsGone(labels(`${hostname()}/${UNUSED_PID}/1`), Date.now())).toBe(false);
    expect(ownerIsGone(labels(`other-host/${UNUSED_PID}/${ourNamespace}`), Date.now())).toBe(false);
  });

  it("frees anything past its expiry, whoever owns it", () => {
    expect(ownerIsGone({ ...labels(`${hostname()}/${process.pid}/${ourNamespace}`), "hirekit.expires": String(Date.now() - 1) }, Date.now())).toBe(true);
  });
});
