// A Dockerfile takes precedence over everything else; every base must be a local runtime image.
import path from "node:path";
import { ALLOWED_BASE_IMAGES } from "../../images/recipes";
import { readRegular, type Runtime } from "./runtime";

export interface DockerfileCheck {
  ok: boolean;
  reason?: string;
  bases: string[];
}

/** Every FROM (and COPY --from) must name an allowed local runtime image or an earlier stage. */
export function checkDockerfile(text: string): DockerfileCheck {
  const lines = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const stages = new Set<string>();
  const bases: string[] = [];
  const allowed = ALLOWED_BASE_IMAGES.join(", ");
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const keyword = instruction.toUpperCase();
    if (keyword === "FROM") {
      const args = rest.filter((arg) => !arg.startsWith("--"));
      const image = args[0];
      if (!image) return { ok: false, reason: "Dockerfile has a FROM without an image", bases };
      if (image.includes("$")) {
        return { ok: false, reason: `Dockerfile FROM ${image} uses a variable; name one of ${allowed}`, bases };
      }
      if (!stages.has(image.toLowerCase()) && !ALLOWED_BASE_IMAGES.includes(image)) {
        return { ok: false, reason: `Dockerfile base image ${image} is not allowed; use one of ${allowed}`, bases };
      }
      bases.push(image);
      if (args[1]?.toUpperCase() === "AS" && args[2]) stages.add(args[2].toLowerCase());
    } else if (keyword === "COPY" || keyword === "ADD") {
      const from = rest.find((arg) => arg.startsWith("--from="))?.slice("--from=".length);
      if (from !== undefined && !stages.has(from.toLowerCase()) && !ALLOWED_BASE_IMAGES.includes(from)) {
        return {
          ok: false,
          reason: `Dockerfile ${keyword} --from=${from} names an image that is not allowed; use a stage or one of ${allowed}`,
          bases,
        };
      }
    }
  }
  if (bases.length === 0) return { ok: false, reason: "Dockerfile has no FROM instruction", bases };
  return { ok: true, bases };
}

export const dockerfileRuntime: Runtime = {
  describe: "a Dockerfile",
  async detect(root) {
    const text = await readRegular(path.join(root, "Dockerfile"));
    if (text === null) return null;
    const check = checkDockerfile(text);
    return check.ok ? { ok: true, plan: { kind: "dockerfile" } } : { ok: false, reason: check.reason ?? "invalid Dockerfile" };
  },
};
