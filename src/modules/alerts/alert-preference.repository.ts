import type { Executor } from "../../db/database.js";
import type { AlertChannel } from "../../db/schema.js";
import { type AlertPreference, parseEvents } from "./alert.js";

export async function findUser(db: Executor, organizationId: string, userId: string) {
  return db
    .selectFrom("users")
    .select(["user_id", "email", "name", "role", "lead_user_id", "disabled_at"])
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Saved channels of a user; an empty list means the user never saved any (the default applies). */
export async function listPreferenceRows(
  db: Executor,
  organizationId: string,
  userId: string,
): Promise<AlertPreference[]> {
  const rows = await db
    .selectFrom("alert_preferences")
    .select(["channel", "target", "events", "enabled"])
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", userId)
    .orderBy("channel")
    .execute();
  return rows.map((row) => ({
    channel: row.channel,
    target: row.target,
    events: parseEvents(row.events),
    enabled: row.enabled === 1,
  }));
}

/** Replaces the user's channels with `preferences` (the caller's transaction makes it atomic). */
export async function replacePreferenceRows(
  db: Executor,
  organizationId: string,
  userId: string,
  preferences: AlertPreference[],
  now: string,
): Promise<void> {
  await db
    .deleteFrom("alert_preferences")
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", userId)
    .execute();
  if (preferences.length === 0) return;
  await db
    .insertInto("alert_preferences")
    .values(
      preferences.map((preference) => ({
        organization_id: organizationId,
        user_id: userId,
        channel: preference.channel,
        target: preference.target,
        events: JSON.stringify(preference.events),
        enabled: preference.enabled ? (1 as const) : (0 as const),
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

export async function findPreferenceTarget(
  db: Executor,
  organizationId: string,
  userId: string,
  channel: AlertChannel,
): Promise<string | null | undefined> {
  const row = await db
    .selectFrom("alert_preferences")
    .select("target")
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", userId)
    .where("channel", "=", channel)
    .where("enabled", "=", 1)
    .executeTakeFirst();
  return row?.target;
}

/** The organization's active admins, the escalation fallback when a case owner has no lead. */
export async function listAdminIds(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select("user_id")
    .where("organization_id", "=", organizationId)
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .orderBy("user_id")
    .execute();
  return rows.map((row) => row.user_id);
}
