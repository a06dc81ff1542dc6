import { type Clock, isoNow, systemClock } from "../../core/clock.js";
import { newId } from "../../core/ids.js";
import type { Executor } from "../organizations/organization.repository.js";

export interface AuditEntry {
  organizationId: string;
  /** Who did it: `user:ID`, `api-key:ID`, `cli` or `system`. */
  actor: string;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(
  db: Executor,
  entry: AuditEntry,
  clock: Clock = systemClock,
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      organization_id: entry.organizationId,
      audit_id: newId(clock.now().getTime()),
      actor: entry.actor,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      created_at: isoNow(clock),
    })
    .execute();
}
