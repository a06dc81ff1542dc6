import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import { recordAudit } from "../audit/audit.repository.js";
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
 * Enqueued with every new or edited web response. For now it leaves an audit trail; closing the loop
 * (follow-up cases, alerts) hooks onto this same job kind.
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
      return { audited: true };
    },
    (payload) => responseReceivedPayloadSchema.parse(payload),
  );
}
