/** Case statuses and the moves between them; the service turns a refused move into a 409. */
export const CASE_STATUSES = [
  "new",
  "in_progress",
  "contacted",
  "resolved",
  "closed_without_action",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ["new", "in_progress", "contacted"];
export const CLOSED_CASE_STATUSES: readonly CaseStatus[] = ["resolved", "closed_without_action"];

// Forward only; "contacted" may be reached straight from "new" because logging a contact is the work itself.
const allowed: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ["in_progress", "contacted", "closed_without_action"],
  in_progress: ["contacted", "closed_without_action"],
  contacted: ["resolved", "closed_without_action"],
  resolved: [],
  closed_without_action: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return allowed[from].includes(to);
}

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return allowed[from];
}

export function isOpenStatus(status: CaseStatus): boolean {
  return OPEN_CASE_STATUSES.includes(status);
}

/** Overdue = still open, nobody has contacted the partner yet, and the SLA's due time has passed. */
export function isCaseOverdue(
  row: { status: CaseStatus; first_contact_at: string | null; due_at: string },
  now: Date,
): boolean {
  return isOpenStatus(row.status) && row.first_contact_at === null && Date.parse(row.due_at) < now.getTime();
}
