import { afterEach, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { type AppDatabase, openDatabase } from "../../db/database.js";
import { CaptureSmtpServer } from "../../test-support/capture-smtp-server.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { JobRunner } from "../jobs/job.runner.js";
import { createSmtpMailer, type Mailer } from "../mail/mailer.js";
import { TokenBucket } from "../mail/token-bucket.js";
import {
  enqueueInvitationSend,
  INVITATION_SEND_JOB,
  registerInvitationSendJobs,
} from "./invitation-send.job.js";
import { createSendFixture, PUBLIC_URL } from "./invitation-send.test-fixtures.js";

const WAVE_SIZE = 5_000;
const CONCURRENCY = 4;

/** One app process: its own database connection, SMTP pool and job runner. */
interface SendingProcess {
  database: AppDatabase;
  mailer: Mailer;
  runner: JobRunner;
  shutdown(): Promise<void>;
}

describeEachDialect("a 5,000-invitation wave", (dialect) => {
  let database: TestDatabase | undefined;
  let smtp: CaptureSmtpServer | undefined;

  afterEach(async () => {
    await smtp?.stop();
    await database?.destroy();
  });

  it("mails every invitation exactly once (counted at the SMTP server) across a restart mid-wave", async () => {
    database = await createTestDatabase(dialect);
    const fixture = await createSendFixture(database);
    const clock = new ManualClock("2026-11-30T08:00:00.000Z");
    const ids = await fixture.invite(
      Array.from({ length: WAVE_SIZE }, (_, index) => ({ email: `contact-${index}@partner.example` })),
    );
    const queued = await database.db
      .transaction()
      .execute((trx) => enqueueInvitationSend(trx, fixture.organizationId, ids, { clock }));
    expect(queued).toBe(WAVE_SIZE);
    smtp = new CaptureSmtpServer();
    await smtp.start(0);
    const target = database.target;
    const server = smtp;

    function startProcess(): SendingProcess {
      const connection = openDatabase(target);
      const mailer = createSmtpMailer(server.url, { maxConnections: CONCURRENCY });
      const runner = new JobRunner(connection.db, { clock, concurrency: CONCURRENCY, pollIntervalMs: 20 });
      registerInvitationSendJobs(
        runner,
        { database: connection, clock },
        { mailer, publicUrl: PUBLIC_URL, throttle: new TokenBucket(2_000, 20) },
      );
      return {
        database: connection,
        mailer,
        runner,
        async shutdown() {
          // The order of a graceful stop: finish running jobs, then close SMTP and the database.
          await runner.stop();
          await mailer.close();
          await connection.close();
        },
      };
    }

    const first = startProcess();
    first.runner.start();
    await waitUntil(() => server.messages.length >= WAVE_SIZE / 3, 60_000);
    await first.shutdown();
    const sentBeforeRestart = server.messages.length;
    expect(sentBeforeRestart).toBeGreaterThanOrEqual(WAVE_SIZE / 3);
    expect(sentBeforeRestart).toBeLessThan(WAVE_SIZE);
    // A graceful stop leaves no mail handed to SMTP without its record.
    expect(await countInvitations(database, fixture, "unrecorded")).toBe(0);

    const second = startProcess();
    const summary = await second.runner.runDueJobs();
    await second.shutdown();

    expect(server.messages).toHaveLength(WAVE_SIZE);
    const byMessageId = server.countByMessageId();
    expect(byMessageId.size).toBe(WAVE_SIZE);
    expect([...byMessageId.values()].every((count) => count === 1)).toBe(true);
    const byRecipient = server.countByRecipient();
    expect(byRecipient.size).toBe(WAVE_SIZE);
    expect([...byRecipient.values()].every((count) => count === 1)).toBe(true);
    expect(summary).toMatchObject({ retried: 0, dead: 0, lost: 0 });
    // Each job the first process finished sent one mail, so the second one ran exactly the rest.
    expect(summary.done).toBe(WAVE_SIZE - sentBeforeRestart);
    expect(await countInvitations(database, fixture, "sent")).toBe(WAVE_SIZE);
    const jobs = await database.db
      .selectFrom("jobs")
      .select(["status", "result"])
      .where("kind", "=", INVITATION_SEND_JOB)
      .execute();
    expect(jobs.filter((job) => job.status === "done")).toHaveLength(WAVE_SIZE);
    expect(jobs.filter((job) => job.result?.includes("resentAfterUnrecordedAttempt"))).toHaveLength(0);
  }, 180_000);
});

async function countInvitations(
  database: AppDatabase,
  wave: { organizationId: string; waveId: string },
  which: "sent" | "unrecorded",
): Promise<number> {
  let query = database.db
    .selectFrom("invitations")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("organization_id", "=", wave.organizationId)
    .where("wave_id", "=", wave.waveId);
  query =
    which === "sent"
      ? query.where("status", "=", "sent").where("sent_at", "is not", null)
      : query.where("sending_at", "is not", null).where("sent_at", "is", null);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
