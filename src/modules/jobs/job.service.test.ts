import { afterEach, beforeEach, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { ConflictError, NotFoundError, ValidationError } from "../../core/errors.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { claimJob } from "./job.repository.js";
import { cancelJob, enqueueJob, getJob, listJobs, retryJob } from "./job.service.js";

const START = "2025-01-15T09:00:00.000Z";

describeEachDialect("job service", (dialect) => {
  let database: TestDatabase;
  let clock: ManualClock;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    clock = new ManualClock(START);
  });
  afterEach(async () => database?.destroy());

  async function countJobs(): Promise<number> {
    const row = await database.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  it("enqueues a queued job due now with the default attempt budget", async () => {
    const { job, created } = await enqueueJob(
      database.db,
      { organizationId: "org-1", kind: "mail.send", payload: { to: "a@example.com" } },
      clock,
    );
    expect(created).toBe(true);
    const stored = await getJob(database.db, "org-1", job.job_id);
    expect(stored).toMatchObject({
      status: "queued",
      attempts: 0,
      maxAttempts: 8,
      runAt: START,
      createdAt: START,
    });
    expect(JSON.parse(job.payload)).toEqual({ to: "a@example.com" });
  });

  it("returns the existing job for a repeated dedupe key instead of adding one", async () => {
    const input = {
      organizationId: "org-1",
      kind: "mail.send",
      dedupeKey: "invitation:42",
      payload: { n: 1 },
    };
    const first = await enqueueJob(database.db, input, clock);
    const second = await enqueueJob(database.db, { ...input, payload: { n: 2 } }, clock);
    expect(second.created).toBe(false);
    expect(second.job.job_id).toBe(first.job.job_id);
    expect(JSON.parse(second.job.payload)).toEqual({ n: 1 });
    // The key is scoped to the organization.
    const other = await enqueueJob(database.db, { ...input, organizationId: "org-2" }, clock);
    expect(other.created).toBe(true);
    expect(await countJobs()).toBe(2);
  });

  it("keeps one job when the same dedupe key is enqueued concurrently", async () => {
    const input = { organizationId: "org-1", kind: "alert", dedupeKey: "case:7" };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => enqueueJob(database.db, input, clock)),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.job.job_id)).size).toBe(1);
    expect(await countJobs()).toBe(1);
  });

  it("leaves no job when the caller's transaction rolls back", async () => {
    const attempt = database.db.transaction().execute(async (trx) => {
      await enqueueJob(trx, { organizationId: "org-1", kind: "webhook", dedupeKey: "event:1" }, clock);
      throw new Error("the caller's own write failed");
    });
    await expect(attempt).rejects.toThrow("the caller's own write failed");
    expect(await countJobs()).toBe(0);
    // The dedupe key is free again because the rolled-back insert never happened.
    const { created } = await enqueueJob(database.db, {
      organizationId: "org-1",
      kind: "webhook",
      dedupeKey: "event:1",
    });
    expect(created).toBe(true);
  });

  it("commits the job together with the caller's writes", async () => {
    await database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("organizations")
        .values({
          organization_id: "org-1",
          name: "O",
          slug: "o",
          company_name: "O",
          settings: "{}",
          created_at: START,
        })
        .execute();
      await enqueueJob(trx, { organizationId: "org-1", kind: "welcome" }, clock);
    });
    expect(await countJobs()).toBe(1);
  });

  it("rejects jobs it could never run", async () => {
    const attempt = enqueueJob(
      database.db,
      { organizationId: "org-1", kind: " ", maxAttempts: 0, runAt: "not a date", payload: 1n },
      clock,
    );
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      issues: [{ field: "kind" }, { field: "maxAttempts" }, { field: "runAt" }, { field: "payload" }],
    });
  });

  it("lists newest first, filtered by organization, status and kind", async () => {
    for (const [organizationId, kind] of [
      ["org-1", "mail.send"],
      ["org-1", "import"],
      ["org-2", "mail.send"],
    ] as const) {
      await enqueueJob(database.db, { organizationId, kind }, clock);
      clock.advance(1_000);
    }
    const all = await listJobs(database.db, null);
    expect(all.map((job) => `${job.organizationId}/${job.kind}`)).toEqual([
      "org-2/mail.send",
      "org-1/import",
      "org-1/mail.send",
    ]);
    expect(await listJobs(database.db, "org-1", { kind: "mail.send" })).toHaveLength(1);
    expect(await listJobs(database.db, null, { status: "dead" })).toHaveLength(0);
    expect(await listJobs(database.db, null, { limit: 2 })).toHaveLength(2);
    await expect(listJobs(database.db, null, { status: "finished" })).rejects.toBeInstanceOf(ValidationError);
    await expect(listJobs(database.db, null, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });

  it("retries only dead jobs, with a fresh attempt budget due now", async () => {
    const { job } = await enqueueJob(database.db, { organizationId: "org-1", kind: "x" }, clock);
    await expect(retryJob(database.db, "org-1", job.job_id, clock)).rejects.toBeInstanceOf(ConflictError);
    await expect(retryJob(database.db, "org-1", "missing", clock)).rejects.toBeInstanceOf(NotFoundError);
    await database.db
      .updateTable("jobs")
      .set({ status: "dead", attempts: 8, last_error: "boom", finished_at: START })
      .where("job_id", "=", job.job_id)
      .execute();
    clock.advance(60_000);
    const retried = await retryJob(database.db, "org-1", job.job_id, clock);
    expect(retried).toMatchObject({
      status: "queued",
      attempts: 0,
      runAt: clock.now().toISOString(),
      finishedAt: null,
    });
  });

  it("cancels queued jobs but not running ones", async () => {
    const queued = await enqueueJob(database.db, { organizationId: "org-1", kind: "x" }, clock);
    const cancelled = await cancelJob(database.db, "org-1", queued.job.job_id, {
      reason: "duplicate",
      clock,
    });
    expect(cancelled).toMatchObject({ status: "dead", lastError: "Cancelled: duplicate", finishedAt: START });

    const running = await enqueueJob(database.db, { organizationId: "org-1", kind: "x" }, clock);
    const claimed = await claimJob(database.db, {
      organizationId: "org-1",
      jobId: running.job.job_id,
      expectedAttempts: 0,
      workerId: "w",
      now: START,
      lockedUntil: "2025-01-15T09:01:00.000Z",
    });
    expect(claimed).toBe(true);
    await expect(cancelJob(database.db, "org-1", running.job.job_id)).rejects.toBeInstanceOf(ConflictError);
  });
});
