import type { Executor } from "../../db/database.js";
import type { AlertChannel, AlertDeliveryTable, AlertEvent } from "../../db/schema.js";

export type AlertDeliveryRow = AlertDeliveryTable;

/** Records that an event was fanned out; false when it already was (a reminder or escalation happens once). */
export async function insertAlertEvent(
  db: Executor,
  row: { organization_id: string; event: AlertEvent; subject_id: string; created_at: string },
): Promise<boolean> {
  const result = await db
    .insertInto("alert_events")
    .values(row)
    .onConflict((conflict) => conflict.columns(["organization_id", "event", "subject_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Inserts the delivery unless (event, subject, user, channel) has one; returns the stored row and whether it is new. */
export async function insertDelivery(
  db: Executor,
  row: AlertDeliveryRow,
): Promise<{ delivery: AlertDeliveryRow; created: boolean }> {
  await db
    .insertInto("alert_deliveries")
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(["organization_id", "event", "subject_id", "user_id", "channel"]).doNothing(),
    )
    .execute();
  const delivery = await db
    .selectFrom("alert_deliveries")
    .selectAll()
    .where("organization_id", "=", row.organization_id)
    .where("event", "=", row.event)
    .where("subject_id", "=", row.subject_id)
    .where("user_id", "=", row.user_id)
    .where("channel", "=", row.channel)
    .executeTakeFirstOrThrow();
  return { delivery, created: delivery.alert_id === row.alert_id };
}

export async function findDelivery(
  db: Executor,
  organizationId: string,
  alertId: string,
): Promise<AlertDeliveryRow | undefined> {
  return db
    .selectFrom("alert_deliveries")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("alert_id", "=", alertId)
    .executeTakeFirst();
}

/** Commits the start of an attempt before anything leaves the process; false when no longer pending. */
export async function markSending(
  db: Executor,
  organizationId: string,
  alertId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("alert_deliveries")
    .set((eb) => ({ sending_at: at, attempts: eb("attempts", "+", 1) }))
    .where("organization_id", "=", organizationId)
    .where("alert_id", "=", alertId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The one update after a receiver accepted the alert; the status condition makes it count once. */
export async function markDelivered(
  db: Executor,
  organizationId: string,
  alertId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("alert_deliveries")
    .set({ status: "delivered", delivered_at: at, last_error: null })
    .where("organization_id", "=", organizationId)
    .where("alert_id", "=", alertId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Keeps the reason of a failed attempt; `final` gives up (no channel left, or the last attempt), and
 * `surelyNotSent` clears the sending mark so the retry is not reported as a possible repeat.
 */
export async function recordFailure(
  db: Executor,
  organizationId: string,
  alertId: string,
  error: string,
  options: { final: boolean; surelyNotSent: boolean },
): Promise<void> {
  await db
    .updateTable("alert_deliveries")
    .set({
      last_error: error,
      ...(options.final ? { status: "failed" as const } : {}),
      ...(options.surelyNotSent ? { sending_at: null } : {}),
    })
    .where("organization_id", "=", organizationId)
    .where("alert_id", "=", alertId)
    .where("status", "=", "pending")
    .execute();
}

export interface DeliveryFilter {
  caseId?: string;
  initiativeId?: string;
  userId?: string;
  channel?: AlertChannel;
}

/** Deliveries of one organization, oldest first (tests and the case page read them). */
export async function listDeliveries(
  db: Executor,
  organizationId: string,
  filter: DeliveryFilter = {},
): Promise<AlertDeliveryRow[]> {
  let query = db.selectFrom("alert_deliveries").selectAll().where("organization_id", "=", organizationId);
  if (filter.caseId) query = query.where("case_id", "=", filter.caseId);
  if (filter.initiativeId) query = query.where("initiative_id", "=", filter.initiativeId);
  if (filter.userId) query = query.where("user_id", "=", filter.userId);
  if (filter.channel) query = query.where("channel", "=", filter.channel);
  return query.orderBy("created_at").orderBy("alert_id").execute();
}
