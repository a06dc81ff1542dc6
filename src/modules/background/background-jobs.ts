import type { AppContext } from "../../http/context.js";
import { registerAlertJobs } from "../alerts/alert.jobs.js";
import { registerPasswordResetJob } from "../auth/password-reset.job.js";
import { registerCaseAlertJobs } from "../cases/case-alerts.job.js";
import { type ImportJobHooks, registerImportJob } from "../imports/import.job.js";
import { registerInvitationSendJobs } from "../invitations/invitation-send.job.js";
import { JobRunner } from "../jobs/job.runner.js";
import { registerResponseReceivedJob } from "../survey-page/response-received.job.js";
import { registerWaveScheduler } from "../waves/wave-scheduler.js";

type RunnerContext = Pick<AppContext, "database" | "clock"> & { logger?: AppContext["logger"] };

/**
 * Every job kind the product knows, registered in one place so the server and `partner-nps jobs run`
 * can run any queued job (an unknown kind would burn its attempts and die).
 */
export function createJobRunner(
  context: RunnerContext,
  options: { concurrency?: number; importHooks?: ImportJobHooks } = {},
): JobRunner {
  const runner = new JobRunner(context.database.db, {
    clock: context.clock,
    ...(context.logger ? { logger: context.logger } : {}),
    concurrency: options.concurrency ?? 2,
  });
  registerImportJob(runner, context.database, context.clock, options.importHooks);
  registerInvitationSendJobs(runner, context);
  registerPasswordResetJob(runner, context);
  registerResponseReceivedJob(runner, context.database, context.clock);
  registerCaseAlertJobs(runner, context.database, context.clock);
  registerAlertJobs(runner, context);
  registerWaveScheduler(runner, context.database, context.clock);
  return runner;
}
