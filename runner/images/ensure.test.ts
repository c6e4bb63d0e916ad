import { describe, expect, it } from "vitest";
import { dockerClient } from "../sandbox/docker-client";
import { ensureRuntimeImages } from "./ensure";
import { RECIPE_LABEL, RUNTIME_IMAGES } from "./recipes";

describe("runtime images", () => {
  it("are built once and then only checked", async () => {
    await ensureRuntimeImages();
    const again = await ensureRuntimeImages();
    expect(again.actions).toEqual([]);
    for (const image of Object.values(RUNTIME_IMAGES)) {
      const info = await dockerClient().getImage(image).inspect();
      expect(info.Config.Labels?.[RECIPE_LABEL]).toMatch(/^[0-9a-f]{64}$/);
      expect(info.Config.User).toBe("10001");
    }
  });
});
