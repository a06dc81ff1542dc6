import { describe, expect, it } from "vitest";
import { bandFor, defaultSettings, parseSettings } from "./settings.js";

describe("interpretation bands (source page defaults)", () => {
  const bands = defaultSettings.bands;
  it.each([
    [100, "exceptional"],
    [70, "exceptional"],
    [69.9, "strong"],
    [50.1, "strong"],
    [50, "moderate"],
    [30, "moderate"],
    [29.9, "low"],
    [-100, "low"],
  ])("NPS %d is %s", (nps, key) => {
    expect(bandFor(nps, bands)?.key).toBe(key);
  });
});

describe("settings", () => {
  it("fills missing settings from the defaults", () => {
    expect(parseSettings('{"smallSampleThreshold": 50}').smallSampleThreshold).toBe(50);
    expect(parseSettings(null).intervalMethod).toBe("adjusted-wald");
  });
  it("rejects invalid settings", () => {
    expect(() => parseSettings('{"confidence": 1.5}')).toThrow();
  });
});
