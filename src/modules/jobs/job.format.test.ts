import { describe, expect, it } from "vitest";
import { formatJobsTable } from "./job.format.js";
import type { JobSummary } from "./job.js";

const base: JobSummary = {
  organizationId: "org-1",
  jobId: "01job",
  kind: "mail.send",
  status: "done",
  attempts: 1,
  maxAttempts: 8,
  dedupeKey: null,
  runAt: "2025-01-15T09:00:00.000Z",
  lockedBy: null,
  lockedUntil: null,
  lastError: null,
  createdAt: "2025-01-15T09:00:00.000Z",
  finishedAt: "2025-01-15T09:00:01.000Z",
};

describe("formatJobsTable", () => {
  it("says so when there are no jobs", () => {
    expect(formatJobsTable([])).toBe("No jobs.");
  });

  it("aligns columns and shows attempts against the budget", () => {
    const text = formatJobsTable([
      base,
      {
        ...base,
        jobId: "02job",
        kind: "import",
        status: "dead",
        attempts: 8,
        finishedAt: null,
        lastError: "boom",
      },
    ]);
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^JOB\s+ORGANIZATION\s+KIND\s+STATUS\s+ATTEMPTS\s+RUN AT\s+FINISHED AT\s+LAST ERROR$/,
    );
    expect(lines[1]).toContain("1/8");
    expect(lines[2]).toContain("8/8");
    expect(lines[2]?.endsWith("boom")).toBe(true);
    // Every row's STATUS column starts where the header's does.
    const statusColumn = lines[0]?.indexOf("STATUS");
    expect(lines[1]?.indexOf("done")).toBe(statusColumn);
    expect(lines[2]?.indexOf("dead")).toBe(statusColumn);
  });

  it("cuts long multi-line errors to one short line", () => {
    const text = formatJobsTable([{ ...base, status: "dead", lastError: `first line\n${"x".repeat(200)}` }]);
    const row = text.split("\n")[1] ?? "";
    expect(row).toContain("first line x");
    expect(row.endsWith("…")).toBe(true);
    expect(row).not.toContain("x".repeat(100));
  });
});
