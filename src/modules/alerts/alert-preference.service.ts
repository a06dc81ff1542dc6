import type { Kysely } from "kysely";
import { type Clock, isoNow, systemClock } from "../../core/clock.js";
import { NotFoundError, ValidationError } from "../../core/errors.js";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import type { Database } from "../../db/schema.js";
import {
  type AlertEvent,
  type AlertPreference,
  type AlertPreferencesView,
  DEFAULT_PREFERENCES,
  preferencesInputSchema,
  toPreferenceView,
} from "./alert.js";
import { findUser, listPreferenceRows, replacePreferenceRows } from "./alert-preference.repository.js";

export interface PreferenceContext {
  db: Kysely<Database>;
  organizationId: string;
  clock?: Clock;
}

/** The channels that apply to a user: the saved ones, or the default when none was ever saved. */
export async function effectivePreferences(
  db: Executor,
  organizationId: string,
  userId: string,
): Promise<{ preferences: AlertPreference[]; isDefault: boolean }> {
  const saved = await listPreferenceRows(db, organizationId, userId);
  return saved.length > 0
    ? { preferences: saved, isDefault: false }
    : { preferences: DEFAULT_PREFERENCES.map((p) => ({ ...p, events: [...p.events] })), isDefault: true };
}

/** Enabled channels of a user that subscribe to `event`. */
export async function channelsFor(
  db: Executor,
  organizationId: string,
  userId: string,
  event: AlertEvent,
): Promise<AlertPreference[]> {
  const { preferences } = await effectivePreferences(db, organizationId, userId);
  return preferences.filter((p) => p.enabled && p.events.includes(event));
}

export async function getPreferences(
  context: PreferenceContext,
  userId: string,
): Promise<AlertPreferencesView> {
  const user = await findUser(context.db, context.organizationId, userId);
  if (!user) throw new NotFoundError("User", userId);
  const { preferences, isDefault } = await effectivePreferences(context.db, context.organizationId, userId);
  return { userId, isDefault, channels: preferences.map(toPreferenceView) };
}

/**
 * Replaces the user's channels. A Slack or Teams entry without a target keeps the saved webhook URL,
 * since the API never returns it in full and a client cannot send it back.
 */
export async function putPreferences(
  context: PreferenceContext,
  userId: string,
  input: unknown,
): Promise<AlertPreferencesView> {
  const data = parseInput(preferencesInputSchema, input, "alert preferences");
  const user = await findUser(context.db, context.organizationId, userId);
  if (!user) throw new NotFoundError("User", userId);
  const saved = await listPreferenceRows(context.db, context.organizationId, userId);
  const issues: { field: string; message: string }[] = [];
  const preferences: AlertPreference[] = data.channels.map((entry, index) => {
    const previous = saved.find((p) => p.channel === entry.channel)?.target ?? null;
    const target = entry.target === undefined ? previous : entry.target;
    if (entry.channel !== "email" && !target) {
      issues.push({ field: `channels.${index}.target`, message: "a webhook URL is required" });
    }
    return { channel: entry.channel, target, events: entry.events, enabled: entry.enabled };
  });
  if (issues.length > 0) throw new ValidationError("Invalid alert preferences", issues);
  const now = isoNow(context.clock ?? systemClock);
  await context.db
    .transaction()
    .execute((trx) => replacePreferenceRows(trx, context.organizationId, userId, preferences, now));
  return getPreferences(context, userId);
}
