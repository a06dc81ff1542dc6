import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../../bin/partner-nps.js", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function run(args: string[]): string {
  return execFileSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
}

function runFailing(args: string[]): { status: number | null; stderr: string; stdout: string } {
  try {
    const stdout = run(args);
    return { status: 0, stderr: "", stdout };
  } catch (error) {
    const failure = error as { status: number | null; stderr: string; stdout: string };
    return { status: failure.status, stderr: String(failure.stderr), stdout: String(failure.stdout) };
  }
}

describe("partner-nps stats (real bin through child_process)", () => {
  it("stats nps --json prints the full result object", () => {
    const output = run([
      "stats",
      "nps",
      "--promoters",
      "40",
      "--passives",
      "30",
      "--detractors",
      "10",
      "--json",
    ]);
    const result = JSON.parse(output);
    expect(result).toMatchObject({
      n: 80,
      promoters: 40,
      passives: 30,
      detractors: 10,
      nps: 37.5,
      nps_rounded: 38,
      method: "adjusted-wald",
      confidence: 0.95,
      small_sample: false,
    });
    // Hand-computed adjusted centre: (40.75 − 10.75)/83.
    expect(result.center).toBeCloseTo((100 * 30) / 83, 10);
    expect(result.interval.low).toBeLessThan(result.center);
    expect(result.interval.high).toBeGreaterThan(result.center);
  });

  it("stats nps honours --method, --confidence and --small-sample", () => {
    const output = run([
      "stats",
      "nps",
      "--promoters",
      "6",
      "--passives",
      "139",
      "--detractors",
      "16",
      "--method",
      "tango",
      "--confidence",
      "0.95",
      "--small-sample",
      "200",
      "--json",
    ]);
    const result = JSON.parse(output);
    expect(result).toMatchObject({ method: "tango", small_sample: true, n: 161 });
    // Cavo et al. (2012), ocbe-uio/contingencytables test-ch8.R: Tango 95 % CI −0.1240 to −0.0054.
    expect(Math.abs(result.interval.low - -12.4)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(result.interval.high - -0.54)).toBeLessThanOrEqual(0.01);
  });

  it("stats nps without --json prints a one-line summary", () => {
    const output = run(["stats", "nps", "--promoters", "40", "--passives", "30", "--detractors", "10"]);
    expect(output.trim()).toMatch(/^NPS 38 \(95% adjusted-wald interval -?\d+\.\d to -?\d+\.\d, n=80\)$/);
  });

  it("stats compare --json prints difference, se, z, p, interval, method and confidence", () => {
    const output = run(["stats", "compare", "--a", "7,27,0", "--b", "1,33,0", "--method", "wald", "--json"]);
    const result = JSON.parse(output);
    expect(Object.keys(result).sort()).toEqual([
      "confidence",
      "difference",
      "interval",
      "method",
      "p",
      "se",
      "z",
    ]);
    // Perondi et al. (2004), ocbe-uio/contingencytables test-ch4.R: Wald 95 % CI 0.0292 to 0.3238.
    expect(Math.abs(result.difference - 17.65)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(result.interval.low - 2.92)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(result.interval.high - 32.38)).toBeLessThanOrEqual(0.01);
    expect(result).toMatchObject({ method: "wald", confidence: 0.95 });
  });

  it("stats compare keeps the sign of the difference", () => {
    const result = JSON.parse(run(["stats", "compare", "--a", "1,33,0", "--b", "7,27,0", "--json"]));
    expect(result.difference).toBeLessThan(0);
    expect(result.z).toBeLessThan(0);
  });

  it.each([
    [["stats", "nps", "--promoters", "-1", "--passives", "1", "--detractors", "1"], "--promoters"],
    [["stats", "nps", "--promoters", "1.5", "--passives", "1", "--detractors", "1"], "--promoters"],
    [
      ["stats", "nps", "--promoters", "1", "--passives", "1", "--detractors", "1", "--confidence", "1"],
      "--confidence",
    ],
    [
      ["stats", "nps", "--promoters", "1", "--passives", "1", "--detractors", "1", "--method", "median"],
      "median",
    ],
    [["stats", "nps", "--promoters", "1", "--passives", "1"], "--detractors"],
    [["stats", "compare", "--a", "1,2", "--b", "1,2,3"], "--a"],
    [["stats", "compare", "--a", "1,2,3", "--b", "1,2,3", "--method", "tango"], "tango"],
  ])("invalid input %j exits 2 with a clear message and no stack trace", (args, mentioned) => {
    const { status, stderr, stdout } = runFailing(args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: /);
    expect(stderr).toContain(mentioned);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
