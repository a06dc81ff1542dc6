import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import type { JobResult } from "../jobs/job.js";
import { fanOutAlert } from "./alert-fanout.js";
import { listAdminIds } from "./alert-preference.repository.js";

export const caseOpenedPayloadSchema = z.object({
  organizationId: z.string().min(1),
  caseId: z.string().min(1),
});
export type CaseOpenedPayload = z.infer<typeof caseOpenedPayloadSchema>;

/**
 * The `case.opened` fan-out: one delivery per enabled channel of the case's owner (the admins when the
 * case has none), queued in one transaction. A re-run (a crash after commit, a retried job) adds nothing.
 */
export async function fanOutCaseOpened(
  database: AppDatabase,
  clock: Clock,
  payload: CaseOpenedPayload,
): Promise<JobResult> {
  const { organizationId, caseId } = payload;
  return database.db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom("follow_up_cases")
      .select(["owner_user_id", "status"])
      .where("organization_id", "=", organizationId)
      .where("case_id", "=", caseId)
      .executeTakeFirst();
    if (!found) return { skipped: "case_not_found" };
    const recipients = found.owner_user_id ? [found.owner_user_id] : await listAdminIds(trx, organizationId);
    const result = await fanOutAlert(
      trx,
      { organizationId, event: "case_opened", subject: { caseId }, userIds: recipients },
      clock,
    );
    return { recipients: recipients.length, deliveries: result.created };
  });
}
