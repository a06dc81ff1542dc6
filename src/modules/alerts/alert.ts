import { z } from "zod";
import type { AlertChannel, AlertEvent } from "../../db/schema.js";

export type { AlertChannel, AlertEvent };

export const ALERT_CHANNELS: readonly AlertChannel[] = ["email", "slack", "teams"];
export const ALERT_EVENTS: readonly AlertEvent[] = [
  "case_opened",
  "case_reminder",
  "case_escalated",
  "initiative_done",
];

/** One channel as stored and used by the sender (target in full). */
export interface AlertPreference {
  channel: AlertChannel;
  target: string | null;
  events: AlertEvent[];
  enabled: boolean;
}

/** One channel as the API shows it: a webhook URL is a secret, so only its host and last 4 characters. */
export interface AlertPreferenceView {
  channel: AlertChannel;
  target: string | null;
  events: AlertEvent[];
  enabled: boolean;
}

export interface AlertPreferencesView {
  userId: string;
  /** True when the user saved nothing yet and the default (email for every event) applies. */
  isDefault: boolean;
  channels: AlertPreferenceView[];
}

/** With no saved rows a user gets email for every event at their own address. */
export const DEFAULT_PREFERENCES: readonly AlertPreference[] = Object.freeze([
  { channel: "email", target: null, events: [...ALERT_EVENTS], enabled: true },
]);

const webhookUrl = z
  .string()
  .trim()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), "must be an http(s) URL");

const channelInput = z
  .object({
    channel: z.enum(ALERT_CHANNELS as [AlertChannel, ...AlertChannel[]]),
    /** Email: an address (default: the user's); Slack/Teams: the incoming webhook URL. Omit to keep the saved one. */
    target: z.string().trim().min(1).max(2_000).nullable().optional(),
    events: z
      .array(z.enum(ALERT_EVENTS as [AlertEvent, ...AlertEvent[]]))
      .max(ALERT_EVENTS.length)
      .transform((events) => [...new Set(events)]),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.target == null) return;
    const valid =
      entry.channel === "email"
        ? z.string().email().safeParse(entry.target).success
        : webhookUrl.safeParse(entry.target).success;
    if (valid) return;
    ctx.addIssue({
      code: "custom",
      path: ["target"],
      message: entry.channel === "email" ? "must be an email address" : "must be an http(s) webhook URL",
    });
  });

export const preferencesInputSchema = z
  .object({ channels: z.array(channelInput).max(ALERT_CHANNELS.length) })
  .strict()
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.channels.forEach((entry, index) => {
      if (seen.has(entry.channel)) {
        ctx.addIssue({ code: "custom", path: ["channels", index, "channel"], message: "appears twice" });
      }
      seen.add(entry.channel);
    });
  });
export type PreferencesInput = z.infer<typeof preferencesInputSchema>;

/** `hooks.slack.com/…abcd`: enough to recognise a webhook, never enough to use it. */
export function maskWebhook(url: string): string {
  let host = "webhook";
  try {
    host = new URL(url).host;
  } catch {
    // A stored value that is no URL still gets masked, just without its host.
  }
  return `${host}/…${url.slice(-4)}`;
}

export function toPreferenceView(preference: AlertPreference): AlertPreferenceView {
  return {
    channel: preference.channel,
    target:
      preference.target === null || preference.channel === "email"
        ? preference.target
        : maskWebhook(preference.target),
    events: preference.events,
    enabled: preference.enabled,
  };
}

export function parseEvents(json: string): AlertEvent[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value)
      ? value.filter((item): item is AlertEvent => (ALERT_EVENTS as readonly unknown[]).includes(item))
      : [];
  } catch {
    return [];
  }
}
