import { describe, expect, it } from "vitest";
import { addBusinessDays, zonedTimeToUtc } from "./business-days.js";

describe("addBusinessDays (due at 17:00 local on the Nth business day)", () => {
  it("skips the weekend: Friday 16:00 Paris + 2 business days is Tuesday 17:00 Paris", () => {
    // 2026-01-16 is a Friday; Paris is UTC+1 in winter.
    const due = addBusinessDays(new Date("2026-01-16T15:00:00Z"), 2, "Europe/Paris");
    expect(due.toISOString()).toBe("2026-01-20T16:00:00.000Z");
    expect(new Date(due).getUTCDay()).toBe(2);
  });

  it("crosses the spring DST change: Friday 27 March + 2 is Tuesday 31 March 17:00 CEST (15:00 UTC)", () => {
    const due = addBusinessDays(new Date("2026-03-27T15:00:00Z"), 2, "Europe/Paris");
    expect(due.toISOString()).toBe("2026-03-31T15:00:00.000Z");
  });

  it("crosses the autumn DST change in New York: Friday 30 Oct + 1 is Monday 2 Nov 17:00 EST", () => {
    const due = addBusinessDays(new Date("2026-10-30T20:00:00Z"), 1, "America/New_York");
    expect(due.toISOString()).toBe("2026-11-02T22:00:00.000Z");
  });

  it("counts from Monday when the case opens on a weekend", () => {
    // Saturday 17 January 10:00 UTC + 1 business day → Tuesday 20 January 17:00 UTC.
    expect(addBusinessDays(new Date("2026-01-17T10:00:00Z"), 1, "UTC").toISOString()).toBe(
      "2026-01-20T17:00:00.000Z",
    );
    expect(addBusinessDays(new Date("2026-01-18T10:00:00Z"), 0, "UTC").toISOString()).toBe(
      "2026-01-19T17:00:00.000Z",
    );
  });

  it("uses the local date, not the UTC date: 23:30 UTC Thursday is already Friday in Tokyo", () => {
    // Friday in Tokyo + 1 business day = Monday 17:00 JST = 08:00 UTC.
    expect(addBusinessDays(new Date("2026-01-15T23:30:00Z"), 1, "Asia/Tokyo").toISOString()).toBe(
      "2026-01-19T08:00:00.000Z",
    );
  });

  it("falls back to UTC for an unknown zone and refuses negative days", () => {
    expect(addBusinessDays(new Date("2026-01-14T09:00:00Z"), 1, "Mars/Olympus").toISOString()).toBe(
      "2026-01-15T17:00:00.000Z",
    );
    expect(() => addBusinessDays(new Date(), -1, "UTC")).toThrow(RangeError);
  });

  it("converts a local wall-clock time on a DST day", () => {
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 29 }, 17, "Europe/Paris").toISOString()).toBe(
      "2026-03-29T15:00:00.000Z",
    );
  });
});
