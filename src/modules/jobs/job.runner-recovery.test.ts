import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { type AppDatabase, openDatabase } from "../../db/database.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { JobLeaseLostError } from "./job.attempt.js";
import type { JobRow } from "./job.js";
import { claimJob, findJob } from "./job.repository.js";
import { JobRunner } from "./job.runner.js";
import { enqueueJob } from "./job.service.js";

const START = "2025-01-15T09:00:00.000Z";
const LEASE_MS = 30_000;
// Heartbeats would extend the lease these tests let expire on purpose.
const NO_HEARTBEAT_MS = 3_600_000;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describeEachDialect("job runner recovery and concurrency", (dialect) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let connections: AppDatabase[];

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    clock = new ManualClock(START);
    connections = [];
  });
  afterEach(async () => {
    for (const connection of connections) await connection.close().catch(() => undefined);
    await database?.destroy();
  });

  /** Another process's view of the same database: its own connection (pool) to the same target. */
  function connect(): AppDatabase {
    const connection = openDatabase(database.target);
    connections.push(connection);
    return connection;
  }

  async function stored(jobId: string): Promise<JobRow> {
    const row = await findJob(database.db, "org-1", jobId);
    if (!row) throw new Error(`job ${jobId} is missing`);
    return row;
  }

  it("survives a restart: a job whose worker crashed runs exactly once on a new worker after the lease", async () => {
    const connectionA = connect();
    const runnerA = new JobRunner(connectionA.db, {
      clock,
      workerId: "worker-a",
      leaseMs: LEASE_MS,
      heartbeatIntervalMs: NO_HEARTBEAT_MS,
    });
    const startedOnA = deferred();
    const neverFinishes = deferred();
    runnerA.register("mail.send", async () => {
      startedOnA.resolve();
      await neverFinishes.promise;
    });
    const { job } = await enqueueJob(database.db, { organizationId: "org-1", kind: "mail.send" }, clock);
    const runOnA = runnerA.runDueJobs();
    await startedOnA.promise;
    expect(await stored(job.job_id)).toMatchObject({ status: "running", locked_by: "worker-a", attempts: 1 });

    // The crash: worker A's process and its connection are gone, the row still says "running".
    await connectionA.close();

    const runnerB = new JobRunner(connect().db, { clock, workerId: "worker-b", leaseMs: LEASE_MS });
    const runsOnB = new Map<string, number>();
    runnerB.register("mail.send", ({ job: claimed }) => {
      runsOnB.set(claimed.job_id, (runsOnB.get(claimed.job_id) ?? 0) + 1);
      return { sentBy: "worker-b" };
    });
    expect(await runnerB.runDueJobs()).toMatchObject({ done: 0 });
    clock.advance(LEASE_MS);
    expect(await runnerB.runDueJobs()).toMatchObject({ done: 0 });
    clock.advance(1);
    expect(await runnerB.runDueJobs()).toMatchObject({ done: 1 });
    expect(await runnerB.runDueJobs()).toMatchObject({ done: 0 });
    expect([...runsOnB.values()]).toEqual([1]);
    expect(await stored(job.job_id)).toMatchObject({
      status: "done",
      locked_by: "worker-b",
      attempts: 2,
      result: '{"sentBy":"worker-b"}',
    });

    // A's orphaned handler finishing later cannot touch the row (its connection is gone anyway).
    neverFinishes.resolve();
    await runOnA.catch(() => undefined);
    expect((await stored(job.job_id)).result).toBe('{"sentBy":"worker-b"}');
  });

  it("discards the outcome of a worker whose lease was taken over", async () => {
    const runnerA = new JobRunner(connect().db, {
      clock,
      workerId: "worker-a",
      leaseMs: LEASE_MS,
      heartbeatIntervalMs: NO_HEARTBEAT_MS,
    });
    const runnerB = new JobRunner(connect().db, { clock, workerId: "worker-b", leaseMs: LEASE_MS });
    const startedOnA = deferred();
    const releaseA = deferred();
    runnerA.register("webhook", async () => {
      startedOnA.resolve();
      await releaseA.promise;
      return { deliveredBy: "worker-a" };
    });
    runnerB.register("webhook", () => ({ deliveredBy: "worker-b" }));
    const { job } = await enqueueJob(database.db, { organizationId: "org-1", kind: "webhook" }, clock);

    const runOnA = runnerA.runDueJobs();
    await startedOnA.promise;
    clock.advance(LEASE_MS + 1);
    expect(await runnerB.runDueJobs()).toMatchObject({ done: 1 });
    releaseA.resolve();
    expect(await runOnA).toEqual({ done: 0, retried: 0, dead: 0, lost: 1 });
    expect(await stored(job.job_id)).toMatchObject({ status: "done", locked_by: "worker-b" });
    expect((await stored(job.job_id)).result).toBe('{"deliveredBy":"worker-b"}');
  });

  it("aborts the handler's signal when a heartbeat finds the lease gone", async () => {
    const runner = new JobRunner(database.db, {
      clock,
      workerId: "worker-a",
      leaseMs: LEASE_MS,
      heartbeatIntervalMs: 5,
    });
    let reason: unknown;
    runner.register("import", async ({ signal }) => {
      await new Promise((_, reject) =>
        signal.addEventListener("abort", () => {
          reason = signal.reason;
          reject(signal.reason);
        }),
      );
    });
    const { job } = await enqueueJob(database.db, { organizationId: "org-1", kind: "import" }, clock);
    const run = runner.runDueJobs();
    await vi.waitFor(async () => expect((await stored(job.job_id)).status).toBe("running"));
    // Another worker took the job over (e.g. after a long pause of this process).
    await database.db
      .updateTable("jobs")
      .set({ locked_by: "worker-b" })
      .where("job_id", "=", job.job_id)
      .execute();
    expect(await run).toMatchObject({ lost: 1 });
    expect(reason).toBeInstanceOf(JobLeaseLostError);
    expect(await stored(job.job_id)).toMatchObject({
      status: "running",
      locked_by: "worker-b",
      last_error: null,
    });
  });

  it("buries a job whose workers keep dying once its attempts are used up, without running it again", async () => {
    const { job } = await enqueueJob(
      database.db,
      { organizationId: "org-1", kind: "poison", maxAttempts: 2 },
      clock,
    );
    for (let attempt = 0; attempt < 2; attempt++) {
      const now = clock.now();
      const claimed = await claimJob(database.db, {
        organizationId: "org-1",
        jobId: job.job_id,
        expectedAttempts: attempt,
        workerId: `doomed-${attempt}`,
        now: now.toISOString(),
        lockedUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
      });
      expect(claimed).toBe(true);
      clock.advance(LEASE_MS + 1);
    }
    const runner = new JobRunner(database.db, { clock, leaseMs: LEASE_MS });
    let runs = 0;
    runner.register("poison", () => {
      runs += 1;
    });
    expect(await runner.runDueJobs()).toMatchObject({ dead: 1 });
    expect(runs).toBe(0);
    const row = await stored(job.job_id);
    expect(row).toMatchObject({ status: "dead", attempts: 3 });
    expect(row.last_error).toMatch(/Abandoned after 2 attempts/);
  });

  it("never runs a job twice when two workers on two connections race over 200 jobs", async () => {
    const total = 200;
    const runs = new Map<string, number>();
    const runners = ["worker-a", "worker-b"].map(
      (workerId) => new JobRunner(connect().db, { clock, workerId, concurrency: 4, leaseMs: LEASE_MS }),
    );
    for (const runner of runners) {
      runner.register("count", async ({ job }) => {
        runs.set(job.job_id, (runs.get(job.job_id) ?? 0) + 1);
        // Yield so the other worker's claims interleave with this one's.
        await new Promise((resolve) => setImmediate(resolve));
      });
    }
    await database.db.transaction().execute(async (trx) => {
      for (let index = 0; index < total; index++) {
        await enqueueJob(trx, { organizationId: "org-1", kind: "count", payload: { index } }, clock);
      }
    });

    const summaries = await Promise.all(runners.map((runner) => runner.runDueJobs()));

    expect(runs.size).toBe(total);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(summaries.reduce((sum, summary) => sum + summary.done, 0)).toBe(total);
    expect(summaries.every((summary) => summary.done > 0 && summary.lost === 0)).toBe(true);
    const done = await database.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("status", "=", "done")
      .where("attempts", "=", 1)
      .executeTakeFirstOrThrow();
    expect(Number(done.count)).toBe(total);
  });
});
