import { describe, expect, it } from "vitest";
import { routeLabel } from "./observability";

describe("routeLabel", () => {
  it("keeps the label set small: ids, tokens and slugs become placeholders", () => {
    expect(routeLabel("/jds/0b9c6a3e-1f2d-4c5b-9a8e-7d6c5b4a3f2e/history")).toBe("/jds/:id/history");
    expect(routeLabel("/c/abc/status")).toBe("/c/:token/status");
    expect(routeLabel("/jobs/backend-engineer-berlin")).toBe("/jobs/:slug");
    expect(routeLabel("/assets/entry.client-AbC123.js")).toBe("/assets/*");
    expect(routeLabel("/submissions")).toBe("/submissions");
    expect(routeLabel("/")).toBe("/");
  });
});
