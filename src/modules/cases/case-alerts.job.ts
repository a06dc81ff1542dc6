import type { Clock } from "../../core/clock.js";
import { systemClock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import {
  type CaseOpenedPayload,
  caseOpenedPayloadSchema,
  fanOutCaseOpened,
} from "../alerts/case-opened.alerts.js";
import type { JobRunner } from "../jobs/job.runner.js";
import { CASE_OPENED_JOB } from "./case-opening.service.js";

/**
 * `case.opened` (payload {organizationId, caseId}, queued in the transaction that opens the case): the
 * alerts module fans it out to one `alert.deliver` job per enabled channel of the case's owner.
 */
export function registerCaseAlertJobs(runner: JobRunner, database: AppDatabase, clock?: Clock): void {
  runner.register<CaseOpenedPayload>(
    CASE_OPENED_JOB,
    ({ payload }) => fanOutCaseOpened(database, clock ?? systemClock, payload),
    (payload) => caseOpenedPayloadSchema.parse(payload),
  );
}
