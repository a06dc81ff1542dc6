import type { CaseStatus } from "../../api/types";
import type { SessionView } from "../../session";

/** Board order; mirrors CASE_STATUSES in src/core/cases/case-lifecycle.ts (the web talks to the server only over HTTP). */
export const CASE_STATUSES: readonly CaseStatus[] = [
  "new",
  "in_progress",
  "contacted",
  "resolved",
  "closed_without_action",
];
export const OPEN_STATUSES: readonly CaseStatus[] = ["new", "in_progress", "contacted"];

export const STATUS_LABELS: Record<CaseStatus, string> = {
  new: "New",
  in_progress: "In progress",
  contacted: "Contacted",
  resolved: "Resolved",
  closed_without_action: "Closed without action",
};

export const STATUS_TONES: Record<CaseStatus, string> = {
  new: "badge-accent",
  in_progress: "badge-warning",
  contacted: "badge-neutral",
  resolved: "badge-success",
  closed_without_action: "badge-neutral",
};

// The server's lifecycle (forward only); a refused move still comes back as a 409 with the allowed moves.
const MOVES: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ["in_progress", "contacted", "closed_without_action"],
  in_progress: ["contacted", "closed_without_action"],
  contacted: ["resolved", "closed_without_action"],
  resolved: [],
  closed_without_action: [],
};

export function nextStatuses(status: CaseStatus): readonly CaseStatus[] {
  return MOVES[status];
}

/** The verb on the button that moves a case into a status. */
export const MOVE_LABELS: Record<CaseStatus, string> = {
  new: "Reopen",
  in_progress: "Start work",
  contacted: "Mark contacted",
  resolved: "Resolve",
  closed_without_action: "Close without action",
};

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Who may work a case (status, notes, root causes); see src/modules/cases/case-permissions.ts. */
export function canWorkCases(session: SessionView | null): boolean {
  const role = session?.user.role;
  return role === "admin" || role === "analyst" || role === "partner_manager";
}

/** Only admins can list users (GET /api/v1/users), so only they get the full reassignment picker. */
export function canReassign(session: SessionView | null): boolean {
  return session?.user.role === "admin";
}

/** "5.2 h" under two days, "3.1 days" beyond; null reads as a dash. */
export function formatHours(hours: number | null): string {
  if (hours === null) return "–";
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

/** Day and time in the reader's locale, for due dates and notes where the hour matters. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "–";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

export interface CaseFilters {
  /** Comma-separated statuses exactly as the API takes them. */
  status?: string;
  /** "mine" or a user id. */
  owner?: string;
  overdue?: boolean;
  partner?: string;
  view: "board" | "list";
}

export function readCaseFilters(search: string): CaseFilters {
  const params = new URLSearchParams(search);
  const filters: CaseFilters = { view: params.get("view") === "list" ? "list" : "board" };
  const status = params.get("status");
  if (status) filters.status = status;
  const owner = params.get("owner");
  if (owner) filters.owner = owner;
  if (params.get("overdue") === "true") filters.overdue = true;
  const partner = params.get("partner");
  if (partner) filters.partner = partner;
  return filters;
}

/** The statuses a filter value keeps, in board order; unknown words are dropped. */
export function statusesOf(status: string | undefined): CaseStatus[] {
  if (!status) return [...CASE_STATUSES];
  const wanted = new Set(status.split(",").map((s) => s.trim()));
  return CASE_STATUSES.filter((s) => wanted.has(s));
}
