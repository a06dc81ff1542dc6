import os from "node:os";
import type { Kysely } from "kysely";
import { type Clock, systemClock } from "../../core/clock.js";
import { newId } from "../../core/ids.js";
import type { Database } from "../../db/schema.js";
import { type AttemptSettings, type JobLogger, type JobOutcome, runAttempt } from "./job.attempt.js";
import {
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  describeJobError,
  type JobHandler,
  type JobRow,
} from "./job.js";
import { claimJob, findJob, selectClaimableJobs } from "./job.repository.js";

export interface JobRunnerOptions {
  clock?: Clock;
  logger?: JobLogger;
  /** Written to locked_by; unique per runner by default so operators can tell workers apart. */
  workerId?: string;
  /** Jobs this runner executes at once (default 2). */
  concurrency?: number;
  /** Pause between polls when nothing is due (default 500 ms). */
  pollIntervalMs?: number;
  /** How long a claim holds without a heartbeat before another worker may take the job over (default 60 s). */
  leaseMs?: number;
  /** How often a running job's lease is extended (default a third of the lease). */
  heartbeatIntervalMs?: number;
  backoff?: Partial<BackoffPolicy>;
  random?: () => number;
}

/** What one `runDueJobs` call did, by outcome. */
export type RunSummary = Record<JobOutcome, number>;

const noopLogger: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };

export class JobRunner {
  readonly workerId: string;
  private readonly clock: Clock;
  private readonly logger: JobLogger;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly attemptSettings: AttemptSettings;
  private readonly handlers = new Map<string, JobHandler>();
  /** The polling loop and every runDueJobs call in flight; stop() waits for all of them. */
  private readonly activity = new Set<Promise<unknown>>();
  private readonly controllers = new Set<AbortController>();
  private readonly sleepers = new Set<() => void>();
  private polling: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly db: Kysely<Database>,
    options: JobRunnerOptions = {},
  ) {
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${newId().slice(-8)}`;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? noopLogger;
    this.concurrency = positiveInteger("concurrency", options.concurrency ?? 2);
    this.pollIntervalMs = positiveInteger("pollIntervalMs", options.pollIntervalMs ?? 500);
    const leaseMs = positiveInteger("leaseMs", options.leaseMs ?? 60_000);
    this.attemptSettings = {
      db,
      clock: this.clock,
      logger: this.logger,
      workerId: this.workerId,
      leaseMs,
      heartbeatIntervalMs: positiveInteger(
        "heartbeatIntervalMs",
        options.heartbeatIntervalMs ?? Math.max(1, Math.floor(leaseMs / 3)),
      ),
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      random: options.random ?? Math.random,
    };
  }

  register(kind: string, handler: JobHandler<unknown>): this;
  /** `parsePayload` (e.g. a zod schema's `parse`) validates the stored payload; a throw fails the attempt. */
  register<TPayload>(
    kind: string,
    handler: JobHandler<TPayload>,
    parsePayload: (payload: unknown) => TPayload,
  ): this;
  register<TPayload>(
    kind: string,
    handler: JobHandler<TPayload>,
    parsePayload?: (payload: unknown) => TPayload,
  ): this {
    if (this.handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered`);
    // Without a parser the overloads make TPayload `unknown`, so passing the payload through is sound.
    const parse = parsePayload ?? ((payload: unknown) => payload as TPayload);
    this.handlers.set(kind, (context) => handler({ ...context, payload: parse(context.payload) }));
    return this;
  }

  /** Runs every job that is due now (and any that become due meanwhile), then resolves. */
  runDueJobs(options: { maxJobs?: number } = {}): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, retried: 0, dead: 0, lost: 0 };
    let budget = options.maxJobs ?? Number.POSITIVE_INFINITY;
    const slot = async (): Promise<void> => {
      while (budget > 0 && !this.stopping) {
        budget -= 1;
        const job = await this.claimNext();
        if (!job) {
          budget += 1;
          return;
        }
        summary[await this.execute(job)] += 1;
      }
    };
    const run = Promise.all(Array.from({ length: this.concurrency }, slot)).then(() => summary);
    return this.trackActivity(run);
  }

  /** Starts polling in the background; call stop() to end it. */
  start(): void {
    if (this.polling) return;
    this.stopping = false;
    this.polling = this.trackActivity(
      Promise.all(Array.from({ length: this.concurrency }, () => this.poll())).then(() => undefined),
    );
  }

  /** Polls now instead of waiting out the interval, e.g. right after enqueueing in this process. */
  wake(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /** Stops claiming and waits for running jobs; `abortAfterMs` aborts their signals once it passes. */
  async stop(options: { abortAfterMs?: number } = {}): Promise<void> {
    this.stopping = true;
    this.wake();
    const deadline =
      options.abortAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            for (const controller of this.controllers) {
              controller.abort(new Error("The job runner is stopping"));
            }
          }, options.abortAfterMs);
    try {
      while (this.activity.size > 0) await Promise.allSettled([...this.activity]);
    } finally {
      clearTimeout(deadline);
      this.polling = null;
      this.stopping = false;
    }
  }

  private trackActivity<T>(work: Promise<T>): Promise<T> {
    this.activity.add(work);
    const forget = () => this.activity.delete(work);
    work.then(forget, forget);
    return work;
  }

  private async poll(): Promise<void> {
    while (!this.stopping) {
      let job: JobRow | null = null;
      try {
        job = await this.claimNext();
      } catch (error) {
        // A database outage must not end the loop: log and try again after the interval.
        this.logger.error(
          { workerId: this.workerId, error: describeJobError(error) },
          "Could not claim jobs",
        );
      }
      if (job) await this.execute(job);
      else await this.sleep(this.pollIntervalMs);
    }
  }

  private sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, milliseconds);
      this.sleepers.add(done);
    });
  }

  /**
   * Runs one given job now if it is due and free (a foreground CLI import, say), with the same claim,
   * retry and bookkeeping as the background loop; returns null when another worker holds it.
   */
  async runJob(organizationId: string, jobId: string): Promise<JobOutcome | null> {
    const candidate = await findJob(this.db, organizationId, jobId);
    const job = candidate ? await this.tryClaim(candidate) : null;
    return job ? this.trackActivity(this.execute(job)) : null;
  }

  private async tryClaim(candidate: JobRow): Promise<JobRow | null> {
    const now = this.clock.now();
    const lockedUntil = new Date(now.getTime() + this.attemptSettings.leaseMs).toISOString();
    const claimed = await claimJob(this.db, {
      organizationId: candidate.organization_id,
      jobId: candidate.job_id,
      expectedAttempts: candidate.attempts,
      workerId: this.workerId,
      now: now.toISOString(),
      lockedUntil,
    });
    if (!claimed) return null;
    return {
      ...candidate,
      status: "running",
      locked_by: this.workerId,
      locked_until: lockedUntil,
      attempts: candidate.attempts + 1,
    };
  }

  private async claimNext(): Promise<JobRow | null> {
    const batchSize = this.concurrency * 4;
    for (;;) {
      const candidates = await selectClaimableJobs(this.db, this.clock.now().toISOString(), batchSize);
      for (const candidate of candidates) {
        const claimed = await this.tryClaim(candidate);
        if (claimed) return claimed;
      }
      // Every candidate went to another worker; only a full batch means more may wait behind them.
      if (candidates.length < batchSize) return null;
    }
  }

  private async execute(job: JobRow): Promise<JobOutcome> {
    const controller = new AbortController();
    this.controllers.add(controller);
    try {
      return await runAttempt(job, this.handlers.get(job.kind), controller, this.attemptSettings);
    } finally {
      this.controllers.delete(controller);
    }
  }
}

function positiveInteger(name: string, value: number): number {
  if (Number.isInteger(value) && value >= 1) return value;
  throw new RangeError(`${name} must be a whole number of at least 1`);
}
