import { describe, expect, it } from "vitest";
import { targetInputSchema, targetProgress } from "./target.js";

/** "From 25 to 45 within 6 months": 2026-01-01 to 2026-07-01 is 181 days, so 2026-04-01T12:00Z is halfway. */
const rising = { start_value: 25, target_value: 45, start_date: "2026-01-01", due_date: "2026-07-01" };
const HALFWAY = "2026-04-01T12:00:00Z";
const dayShare = (date: string) => (Date.parse(date) - Date.parse("2026-01-01")) / (181 * 86_400_000);

describe("targetProgress on a rising target (25 → 45 in six months)", () => {
  it("halfway in time at 35 is half the progress and on track", () => {
    const result = targetProgress({ ...rising, current: 35, today: HALFWAY });
    expect(result.elapsed).toBe(0.5);
    expect(result.expected).toBe(35);
    expect(result.progress).toBe(0.5);
    expect(result.status).toBe("on_track");
  });

  it("35 is on track while no more than half the time has passed, behind afterwards", () => {
    for (const today of ["2026-01-01", "2026-02-01", "2026-03-15", HALFWAY]) {
      const result = targetProgress({ ...rising, current: 35, today });
      expect(result.elapsed).toBeCloseTo(dayShare(today), 12);
      expect(result.elapsed).toBeLessThanOrEqual(0.5);
      expect(result.status).toBe("on_track");
    }
    for (const today of ["2026-04-02", "2026-05-01", "2026-06-30"]) {
      const result = targetProgress({ ...rising, current: 35, today });
      expect(result.elapsed).toBeGreaterThan(0.5);
      expect(result.expected).toBeCloseTo(25 + 20 * dayShare(today), 12);
      expect(result.status).toBe("behind");
    }
  });

  it("reaching or passing 45 is achieved, before or after the due date", () => {
    expect(targetProgress({ ...rising, current: 45, today: "2026-02-01" })).toMatchObject({
      progress: 1,
      status: "achieved",
    });
    expect(targetProgress({ ...rising, current: 50, today: "2026-03-01" })).toMatchObject({
      progress: 1.25,
      status: "achieved",
    });
    expect(targetProgress({ ...rising, current: 46, today: "2026-09-01" }).status).toBe("achieved");
  });

  it("after the due date a target not reached is missed, with elapsed capped at 1", () => {
    const result = targetProgress({ ...rising, current: 44, today: "2026-08-15" });
    expect(result).toMatchObject({ elapsed: 1, expected: 45, status: "missed" });
    expect(result.progress).toBeCloseTo(19 / 20, 12);
  });

  it("before the start date nothing is expected yet; going backwards is behind", () => {
    expect(targetProgress({ ...rising, current: 25, today: "2025-12-01" })).toMatchObject({
      elapsed: 0,
      expected: 25,
      progress: 0,
      status: "on_track",
    });
    const worse = targetProgress({ ...rising, current: 20, today: "2026-02-01" });
    expect(worse.progress).toBe(-0.25);
    expect(worse.status).toBe("behind");
  });

  it("no score yet is no_data with no progress", () => {
    expect(targetProgress({ ...rising, current: null, today: HALFWAY })).toEqual({
      progress: null,
      elapsed: 0.5,
      expected: 35,
      status: "no_data",
    });
  });
});

describe("targetProgress on a decreasing target (40 → 20)", () => {
  const falling = { ...rising, start_value: 40, target_value: 20 };

  it("halfway at 30 is half the progress and on track; above 30 is behind", () => {
    expect(targetProgress({ ...falling, current: 30, today: HALFWAY })).toMatchObject({
      progress: 0.5,
      expected: 30,
      status: "on_track",
    });
    expect(targetProgress({ ...falling, current: 28, today: HALFWAY }).status).toBe("on_track");
    expect(targetProgress({ ...falling, current: 32, today: HALFWAY }).status).toBe("behind");
  });

  it("rising instead of falling is negative progress; reaching 20 is achieved; late is missed", () => {
    expect(targetProgress({ ...falling, current: 45, today: HALFWAY })).toMatchObject({
      progress: -0.25,
      status: "behind",
    });
    expect(targetProgress({ ...falling, current: 20, today: HALFWAY })).toMatchObject({
      progress: 1,
      status: "achieved",
    });
    expect(targetProgress({ ...falling, current: 25, today: "2026-12-31" })).toMatchObject({
      progress: 0.75,
      status: "missed",
    });
  });
});

describe("target input", () => {
  const valid = { name: "EMEA recovery", ...rising, segment: { region: ["EMEA"] } };
  const fieldsOf = (input: unknown) => {
    const result = targetInputSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
  };

  it("accepts a program target and a segment target", () => {
    expect(fieldsOf(valid)).toEqual([]);
    expect(targetInputSchema.parse({ ...valid, segment: undefined }).segment).toEqual({});
  });

  it.each([
    [{ due_date: "2025-12-31" }, "due_date"],
    [{ due_date: "2026-01-01" }, "due_date"],
    [{ target_value: 25 }, "target_value"],
    [{ start_value: -101 }, "start_value"],
    [{ target_value: 100.5 }, "target_value"],
    [{ start_date: "2026-1-1" }, "start_date"],
    [{ due_date: "2026-02-30" }, "due_date"],
    [{ due_date: "2026-13-15" }, "due_date"],
    [{ name: "  " }, "name"],
    [{ segment: { colour: ["red"] } }, "segment"],
    [{ segment: { region: [] } }, "segment.region"],
  ])("rejects %j naming %s", (change, field) => {
    expect(fieldsOf({ ...valid, ...change })).toContain(field);
  });
});
