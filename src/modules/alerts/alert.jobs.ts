import { type Config, config as processConfig } from "../../config.js";
import type { Clock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import type { JobLogger } from "../jobs/job.attempt.js";
import type { JobRunner } from "../jobs/job.runner.js";
import { type Mailer, sharedMailer } from "../mail/mailer.js";
import {
  type AlertDeliverPayload,
  type AlertDependencies,
  alertDeliverPayloadSchema,
  deliverAlert,
} from "./alert-deliver.job.js";
import { ALERT_DELIVER_JOB } from "./alert-fanout.js";
import { registerCaseCalendar } from "./case-calendar.js";
import {
  fanOutInitiativeDone,
  INITIATIVE_DONE_JOB,
  INITIATIVE_NOTIFY_JOB,
  type InitiativeDonePayload,
  type InitiativeNotifyPayload,
  initiativeDonePayloadSchema,
  initiativeNotifyPayloadSchema,
  sendInitiativeMessage,
} from "./initiative-done.job.js";

export { ALERT_DELIVER_JOB, INITIATIVE_DONE_JOB, INITIATIVE_NOTIFY_JOB };

type MailConfig = Pick<Config, "smtpUrl" | "outboxDir" | "publicUrl" | "mailFrom">;

export interface AlertJobOptions {
  mailer?: Mailer;
  publicUrl?: string;
  fromAddress?: string;
  webhookTimeoutMs?: number;
}

/**
 * Registers `alert.deliver`, `initiative.done`, `initiative.notify` and `cases.tick`; `case.opened` is
 * registered by the cases module and calls `fanOutCaseOpened`. Returns the dependencies it built.
 */
export function registerAlertJobs(
  runner: JobRunner,
  context: { database: AppDatabase; clock: Clock; logger?: JobLogger; config?: MailConfig },
  options: AlertJobOptions = {},
): AlertDependencies {
  const settings: MailConfig = context.config ?? processConfig;
  const fromAddress = options.fromAddress ?? settings.mailFrom;
  const dependencies: AlertDependencies = {
    database: context.database,
    clock: context.clock,
    mailer: options.mailer ?? sharedMailer(settings),
    publicUrl: options.publicUrl ?? settings.publicUrl,
    ...(fromAddress ? { fromAddress } : {}),
    ...(context.logger ? { logger: context.logger } : {}),
    ...(options.webhookTimeoutMs ? { webhookTimeoutMs: options.webhookTimeoutMs } : {}),
  };
  runner.register<AlertDeliverPayload>(
    ALERT_DELIVER_JOB,
    (job) => deliverAlert(dependencies, job),
    (payload) => alertDeliverPayloadSchema.parse(payload),
  );
  runner.register<InitiativeDonePayload>(
    INITIATIVE_DONE_JOB,
    ({ payload }) => fanOutInitiativeDone(dependencies, payload),
    (payload) => initiativeDonePayloadSchema.parse(payload),
  );
  runner.register<InitiativeNotifyPayload>(
    INITIATIVE_NOTIFY_JOB,
    ({ payload }) => sendInitiativeMessage(dependencies, payload),
    (payload) => initiativeNotifyPayloadSchema.parse(payload),
  );
  registerCaseCalendar(runner, context.database, context.clock);
  return dependencies;
}
