import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import { recordAudit } from "../audit/audit.repository.js";
import { openCasesForResponse } from "../cases/case-opening.service.js";
import type { JobRunner } from "../jobs/job.runner.js";

export const RESPONSE_RECEIVED_JOB = "response.received";

export const responseReceivedPayloadSchema = z.object({
  responseId: z.string().min(1),
  invitationId: z.string(),
  score: z.number().int().min(0).max(10),
  /** The score before an edit; null for a first answer. */
  previousScore: z.number().int().min(0).max(10).nullable(),
});
export type ResponseReceivedPayload = z.infer<typeof responseReceivedPayloadSchema>;

/**
 * Enqueued with every new or edited web response: leaves an audit trail and runs the follow-up case rules
 * (modules/cases, idempotent per rule and response). Bulk CSV imports of history do not enqueue it.
 */
export function registerResponseReceivedJob(runner: JobRunner, database: AppDatabase, clock?: Clock): void {
  runner.register<ResponseReceivedPayload>(
    RESPONSE_RECEIVED_JOB,
    async ({ job, payload }) => {
      await recordAudit(
        database.db,
        {
          organizationId: job.organization_id,
          actor: "system",
          action: RESPONSE_RECEIVED_JOB,
          entityType: "response",
          entityId: payload.responseId,
          details: { ...payload, jobId: job.job_id },
        },
        clock,
      );
      const cases = await openCasesForResponse(database.db, job.organization_id, payload.responseId, clock);
      return { audited: true, ...cases };
    },
    (payload) => responseReceivedPayloadSchema.parse(payload),
  );
}
