// Python 3.11, standard library only: main.py or app.py at the top level.
import path from "node:path";
import { RUNTIME_IMAGES } from "../../images/recipes";
import { readRegular, type Runtime } from "./runtime";

const ENTRY_FILES = ["main.py", "app.py"];

export const pythonRuntime: Runtime = {
  describe: "main.py / app.py",
  async detect(root) {
    for (const entry of ENTRY_FILES) {
      if ((await readRegular(path.join(root, entry))) !== null) {
        return { ok: true, plan: { kind: "python", image: RUNTIME_IMAGES.python, command: ["python3", entry], build: null } };
      }
    }
    return null;
  },
};
