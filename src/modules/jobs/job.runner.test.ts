import pino from "pino";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { z } from "zod";
import { ManualClock } from "../../core/clock.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import type { JobLogger } from "./job.attempt.js";
import type { JobRow } from "./job.js";
import { findJob } from "./job.repository.js";
import { JobRunner } from "./job.runner.js";
import { enqueueJob, retryJob } from "./job.service.js";

const START = "2025-01-15T09:00:00.000Z";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function recordingLogger(): JobLogger & { entries: { level: string; details: object; message: string }[] } {
  const entries: { level: string; details: object; message: string }[] = [];
  const record = (level: string) => (details: object, message: string) => {
    entries.push({ level, details, message });
  };
  return { entries, info: record("info"), warn: record("warn"), error: record("error") };
}

describeEachDialect("job runner", (dialect) => {
  let database: TestDatabase;
  let clock: ManualClock;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    clock = new ManualClock(START);
  });
  afterEach(async () => database?.destroy());

  async function stored(organizationId: string, jobId: string): Promise<JobRow> {
    const row = await findJob(database.db, organizationId, jobId);
    if (!row) throw new Error(`job ${jobId} is missing`);
    return row;
  }

  it("runs due jobs of every organization once, marks them done and stores the result", async () => {
    const runner = new JobRunner(database.db, { clock });
    const greeted: string[] = [];
    runner.register(
      "greet",
      async ({ payload, attempt }) => {
        greeted.push(payload.name);
        return { greeted: payload.name, attempt };
      },
      z.object({ name: z.string() }).parse,
    );
    const first = await enqueueJob(
      database.db,
      { organizationId: "org-1", kind: "greet", payload: { name: "Ada" } },
      clock,
    );
    const second = await enqueueJob(
      database.db,
      { organizationId: "org-2", kind: "greet", payload: { name: "Bo" } },
      clock,
    );

    expect(await runner.runDueJobs()).toEqual({ done: 2, retried: 0, dead: 0, lost: 0 });
    expect(greeted.sort()).toEqual(["Ada", "Bo"]);
    const row = await stored("org-1", first.job.job_id);
    expect(row).toMatchObject({
      status: "done",
      attempts: 1,
      finished_at: START,
      locked_until: null,
      last_error: null,
    });
    expect(JSON.parse(row.result ?? "null")).toEqual({ greeted: "Ada", attempt: 1 });
    expect((await stored("org-2", second.job.job_id)).status).toBe("done");

    expect(await runner.runDueJobs()).toEqual({ done: 0, retried: 0, dead: 0, lost: 0 });
    expect(greeted).toHaveLength(2);
  });

  it("waits for run_at before running a scheduled job", async () => {
    const runner = new JobRunner(database.db, { clock });
    runner.register("later", () => undefined);
    await enqueueJob(
      database.db,
      { organizationId: "org-1", kind: "later", runAt: "2025-01-15T09:01:00.000Z" },
      clock,
    );
    expect((await runner.runDueJobs()).done).toBe(0);
    clock.advance(60_000);
    expect((await runner.runDueJobs()).done).toBe(1);
  });

  it("retries a failing job with exponential backoff, then buries it with the last error, secrets removed", async () => {
    const logger = recordingLogger();
    const runner = new JobRunner(database.db, { clock, logger, backoff: { jitter: false } });
    const attempts: number[] = [];
    runner.register("mail.send", ({ attempt }) => {
      attempts.push(attempt);
      throw new Error(`attempt ${attempt}: connect ECONNREFUSED smtp://mailer:hunter2@mail.example.com:587`);
    });
    const { job } = await enqueueJob(
      database.db,
      { organizationId: "org-1", kind: "mail.send", maxAttempts: 3 },
      clock,
    );

    expect(await runner.runDueJobs()).toMatchObject({ retried: 1 });
    let row = await stored("org-1", job.job_id);
    expect(row).toMatchObject({
      status: "queued",
      attempts: 1,
      run_at: "2025-01-15T09:00:02.000Z",
      locked_by: null,
    });
    expect(row.last_error).toBe("attempt 1: connect ECONNREFUSED smtp://mailer:***@mail.example.com:587");

    expect(await runner.runDueJobs()).toMatchObject({ retried: 0 });
    clock.advance(1_999);
    expect(await runner.runDueJobs()).toMatchObject({ retried: 0 });
    clock.advance(1);
    expect(await runner.runDueJobs()).toMatchObject({ retried: 1 });
    row = await stored("org-1", job.job_id);
    expect(row).toMatchObject({ attempts: 2, run_at: "2025-01-15T09:00:06.000Z" });

    clock.advance(4_000);
    expect(await runner.runDueJobs()).toMatchObject({ dead: 1 });
    row = await stored("org-1", job.job_id);
    expect(row).toMatchObject({ status: "dead", attempts: 3, finished_at: "2025-01-15T09:00:06.000Z" });
    expect(row.last_error).toContain("attempt 3: connect ECONNREFUSED smtp://mailer:***@mail.example.com");

    clock.advance(24 * 3_600_000);
    await runner.runDueJobs();
    expect(attempts).toEqual([1, 2, 3]);
    expect(JSON.stringify(logger.entries)).not.toContain("hunter2");
    expect(logger.entries.map((entry) => entry.level)).toEqual(["warn", "warn", "error"]);
  });

  it("runs a retried dead job again from a fresh attempt budget", async () => {
    const runner = new JobRunner(database.db, { clock, backoff: { jitter: false } });
    let healthy = false;
    runner.register("flaky", () => {
      if (!healthy) throw new Error("down");
      return { ok: true };
    });
    const { job } = await enqueueJob(
      database.db,
      { organizationId: "org-1", kind: "flaky", maxAttempts: 1 },
      clock,
    );
    expect(await runner.runDueJobs()).toMatchObject({ dead: 1 });
    healthy = true;
    await retryJob(database.db, "org-1", job.job_id, clock);
    expect(await runner.runDueJobs()).toMatchObject({ done: 1 });
    expect(await stored("org-1", job.job_id)).toMatchObject({ status: "done", attempts: 1 });
  });

  it("records an unknown kind and an invalid payload on the job instead of crashing", async () => {
    const runner = new JobRunner(database.db, { clock });
    runner.register("typed", () => undefined, z.object({ id: z.string() }).parse);
    const unknown = await enqueueJob(
      database.db,
      { organizationId: "org-1", kind: "nobody.handles", maxAttempts: 1 },
      clock,
    );
    const invalid = await enqueueJob(
      database.db,
      { organizationId: "org-1", kind: "typed", payload: { id: 7 }, maxAttempts: 1 },
      clock,
    );
    expect(await runner.runDueJobs()).toMatchObject({ dead: 2 });
    expect((await stored("org-1", unknown.job.job_id)).last_error).toBe(
      'UnknownJobKindError: No handler is registered for job kind "nobody.handles"',
    );
    expect((await stored("org-1", invalid.job.job_id)).last_error).toMatch(/ZodError/);
  });

  it("refuses to register two handlers for one kind", () => {
    const runner = new JobRunner(database.db, { clock });
    runner.register("x", () => undefined);
    expect(() => runner.register("x", () => undefined)).toThrow(/already registered/);
  });

  it("polls in the background and stop() waits for the job in progress", async () => {
    const runner = new JobRunner(database.db, {
      clock,
      pollIntervalMs: 10,
      logger: pino({ level: "silent" }),
    });
    const started = deferred();
    const release = deferred();
    runner.register("slow", async () => {
      started.resolve();
      await release.promise;
      return { finished: true };
    });
    runner.start();
    const { job } = await enqueueJob(database.db, { organizationId: "org-1", kind: "slow" }, clock);
    runner.wake();
    await started.promise;

    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(await stored("org-1", job.job_id)).toMatchObject({ status: "done", result: '{"finished":true}' });

    // Once stopped, nothing new is picked up.
    const later = await enqueueJob(database.db, { organizationId: "org-1", kind: "slow" }, clock);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await stored("org-1", later.job.job_id)).status).toBe("queued");
  });

  it("aborts a job's signal when stop() runs out of patience", async () => {
    const runner = new JobRunner(database.db, { clock, pollIntervalMs: 10 });
    const started = deferred();
    runner.register("endless", async ({ signal }) => {
      started.resolve();
      await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    });
    const { job } = await enqueueJob(database.db, { organizationId: "org-1", kind: "endless" }, clock);
    runner.start();
    await started.promise;
    await runner.stop({ abortAfterMs: 20 });
    expect(await stored("org-1", job.job_id)).toMatchObject({
      status: "queued",
      last_error: "The job runner is stopping",
    });
  });

  it("honours maxJobs in runDueJobs", async () => {
    const runner = new JobRunner(database.db, { clock, concurrency: 3 });
    runner.register("x", () => undefined);
    for (let i = 0; i < 5; i++) await enqueueJob(database.db, { organizationId: "org-1", kind: "x" }, clock);
    expect((await runner.runDueJobs({ maxJobs: 2 })).done).toBe(2);
    expect((await runner.runDueJobs()).done).toBe(3);
  });

  it("keeps the lease alive with heartbeats so a long job is not taken over", async () => {
    const leaseMs = 1_000;
    const runnerA = new JobRunner(database.db, { clock, workerId: "a", leaseMs, heartbeatIntervalMs: 5 });
    const runnerB = new JobRunner(database.db, { clock, workerId: "b", leaseMs });
    let runsOnB = 0;
    runnerB.register("long", () => {
      runsOnB += 1;
    });
    const { job } = await enqueueJob(database.db, { organizationId: "org-1", kind: "long" }, clock);
    runnerA.register("long", async () => {
      for (let step = 0; step < 3; step++) {
        clock.advance(800);
        const expected = new Date(clock.now().getTime() + leaseMs).toISOString();
        await vi.waitFor(async () => expect((await stored("org-1", job.job_id)).locked_until).toBe(expected));
        expect(await runnerB.runDueJobs()).toMatchObject({ done: 0 });
      }
      return { steps: 3 };
    });
    expect(await runnerA.runDueJobs()).toMatchObject({ done: 1 });
    expect(runsOnB).toBe(0);
  });
});
