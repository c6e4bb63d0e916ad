import { dockerfileRuntime } from "./dockerfile";
import { nodeRuntime } from "./node";
import { pythonRuntime } from "./python";
import type { Runtime } from "./runtime";

/** In order of precedence: the first runtime that recognises the folder decides. */
export const RUNTIMES: Runtime[] = [dockerfileRuntime, nodeRuntime, pythonRuntime];
