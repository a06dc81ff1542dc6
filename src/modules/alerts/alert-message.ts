import { parseSettings } from "../../core/settings.js";
import type { AlertEvent } from "../../db/schema.js";
import type { CaseForAlert, InitiativeForAlert } from "./alert-content.repository.js";

/** What every channel shows, before formatting; every string here is plain (unescaped) text. */
export interface AlertMessage {
  alertId: string;
  event: AlertEvent;
  company: string;
  title: string;
  facts: { label: string; value: string }[];
  /** Verbatim partner words (scores and comments), shown quoted. */
  quotes: string[];
  url: string;
  linkLabel: string;
}

const MAX_COMMENT = 600;

export function caseMessage(
  alertId: string,
  event: AlertEvent,
  found: CaseForAlert,
  publicUrl: string,
): AlertMessage {
  const timeZone = timeZoneOf(found.organization_settings);
  const due = formatInstant(found.due_at, timeZone);
  const titles: Partial<Record<AlertEvent, string>> = {
    case_opened: `New follow-up case: ${found.partner_name}`,
    case_reminder: `Reminder: the case for ${found.partner_name} is due ${due}`,
    case_escalated: `Overdue case escalated: ${found.partner_name} (due ${due})`,
  };
  const lowest = found.responses.reduce<number | null>(
    (min, r) => (min === null || r.score < min ? r.score : min),
    null,
  );
  return {
    alertId,
    event,
    company: found.company_name,
    title: titles[event] ?? `Case update: ${found.partner_name}`,
    facts: [
      { label: "Partner", value: found.partner_name },
      ...(found.partner_tier ? [{ label: "Tier", value: found.partner_tier }] : []),
      ...(lowest === null ? [] : [{ label: "Score", value: String(lowest) }]),
      { label: "Rule", value: found.rule },
      { label: "Owner", value: found.owner_name ?? "unassigned" },
      { label: "Due", value: due },
    ],
    quotes: found.responses.map((response) => {
      const who = response.contact_name ? `${response.contact_name}, ` : "";
      const comment = response.comment?.trim() ? `: “${clip(response.comment.trim())}”` : "";
      return `${who}score ${response.score}${comment}`;
    }),
    url: `${publicUrl}/app/cases/${encodeURIComponent(found.case_id)}`,
    linkLabel: "Open the case",
  };
}

export function initiativeMessage(
  alertId: string,
  found: InitiativeForAlert,
  publicUrl: string,
): AlertMessage {
  const done = found.done_at ? formatInstant(found.done_at, timeZoneOf(found.organization_settings)) : null;
  return {
    alertId,
    event: "initiative_done",
    company: found.company_name,
    title: `Initiative done: ${found.title}`,
    facts: done ? [{ label: "Done", value: done }] : [],
    quotes: found.description?.trim() ? [clip(found.description.trim())] : [],
    url: `${publicUrl}/app/initiatives/${encodeURIComponent(found.initiative_id)}`,
    linkLabel: "Open the initiative",
  };
}

function clip(text: string): string {
  return text.length > MAX_COMMENT ? `${text.slice(0, MAX_COMMENT - 1)}…` : text;
}

export function timeZoneOf(settings: string): string {
  try {
    return parseSettings(settings).timeZone;
  } catch {
    return "UTC";
  }
}

/** e.g. "Mon 19 Jan 2026, 09:00 (Europe/Paris)": in the organization's zone, named so nobody guesses. */
export function formatInstant(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(iso));
  return `${text} (${timeZone})`;
}
