import { describe, expect, it } from "vitest";
import { createRandom } from "./random.js";

describe("createRandom", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const c = createRandom(2);
    const first = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(first);
  });

  it("keeps forked streams independent of draws made elsewhere", () => {
    const a = createRandom(9);
    const b = createRandom(9);
    for (let i = 0; i < 100; i++) a.next();
    expect(a.fork("x").hex(64)).toBe(b.fork("x").hex(64));
    expect(a.fork("x").hex(64)).not.toBe(a.fork("y").hex(64));
  });

  it("stays inside its bounds", () => {
    const random = createRandom("bounds");
    for (let i = 0; i < 2000; i++) {
      const value = random.next();
      expect(value >= 0 && value < 1).toBe(true);
      const n = random.int(3, 7);
      expect(Number.isInteger(n) && n >= 3 && n <= 7).toBe(true);
      expect(random.logNormal(10, 0.5)).toBeGreaterThan(0);
    }
    expect(random.hex(64)).toMatch(/^[0-9a-f]{64}$/);
    expect(random.hex(5)).toMatch(/^[0-9a-f]{5}$/);
    expect(random.weighted([["only", 1]])).toBe("only");
    expect(() => random.pick([])).toThrow();
  });

  it("draws normals with the requested mean and spread", () => {
    const random = createRandom("normal");
    const values = Array.from({ length: 20000 }, () => random.normal(5, 2));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(5, 1);
    expect(sd).toBeCloseTo(2, 1);
  });
});
