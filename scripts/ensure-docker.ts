import path from "node:path";
import { ensureDocker } from "./lib/services";

const docker = await ensureDocker(path.resolve(".data"));
console.log(docker.startedByUs ? "Started the Docker Engine." : "The Docker Engine is running.");
