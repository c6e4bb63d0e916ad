import { describe, expect, it } from "vitest";
import { createRandom, createUnique, shuffleInPlace } from "./random";

const draw = (random: () => number, n: number) => Array.from({ length: n }, random);

describe("seeded randomness", () => {
  it("repeats for the same seed and stream", () => {
    expect(draw(createRandom(42, "create-item"), 20)).toEqual(draw(createRandom(42, "create-item"), 20));
  });

  it("differs between seeds and between test ids", () => {
    const base = draw(createRandom(42, "create-item"), 5);
    expect(draw(createRandom(43, "create-item"), 5)).not.toEqual(base);
    expect(draw(createRandom(42, "delete-item"), 5)).not.toEqual(base);
  });

  it("stays in [0, 1) and spreads", () => {
    const values = draw(createRandom(7, "x"), 10_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const low = values.filter((v) => v < 0.5).length;
    expect(low).toBeGreaterThan(4_500);
    expect(low).toBeLessThan(5_500);
  });

  it("makes unique names that repeat per seed and differ between tests", () => {
    const a = createUnique(1, "t1");
    const names = [a("item"), a("item"), a("item")];
    expect(new Set(names).size).toBe(3);
    expect(names[0]).toMatch(/^item-[0-9a-z]+$/);
    const again = createUnique(1, "t1");
    expect([again("item"), again("item"), again("item")]).toEqual(names);
    expect(createUnique(1, "t2")("item")).not.toBe(names[0]);
  });

  it("shuffles deterministically", () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    expect(shuffleInPlace([...items], createRandom(5, "s"))).toEqual(shuffleInPlace([...items], createRandom(5, "s")));
    expect(shuffleInPlace([...items], createRandom(5, "s")).sort((a, b) => a - b)).toEqual(items);
  });
});
