import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ensureWebBuild } from "../test-support/web-build.js";
import { defaultWebRoot } from "./web-app.js";

interface SizeReport {
  initialJsGzipBytes: number;
  budgetKb: number;
  files: { file: string; gzipBytes: number }[];
}

/** Issue #5: a first visit (app shell + the overview with its charts) loads at most 350 KB of gzip JavaScript. */
it("keeps the first visit's JavaScript within 350 KB gzip, as the build measured it", () => {
  ensureWebBuild();
  const report = JSON.parse(
    fs.readFileSync(path.join(defaultWebRoot, "size-report.json"), "utf8"),
  ) as SizeReport;
  expect(report.budgetKb).toBe(350);
  // The landing route and the chart library are counted, not only the entry chunk.
  expect(report.files.map((f) => f.file)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/OverviewPage-.*\.js$/),
      expect.stringMatching(/index-.*\.js$/),
    ]),
  );
  expect(report.initialJsGzipBytes).toBe(report.files.reduce((sum, f) => sum + f.gzipBytes, 0));
  expect(report.initialJsGzipBytes).toBeLessThanOrEqual(350 * 1024);
  // Each listed file exists in the build.
  for (const file of report.files) {
    expect(fs.existsSync(path.join(defaultWebRoot, file.file)), file.file).toBe(true);
  }
});
