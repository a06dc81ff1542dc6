import { type CaseStatus, isCaseOverdue, isOpenStatus } from "./case-lifecycle.js";

export interface MetricCase {
  status: CaseStatus;
  created_at: string;
  due_at: string;
  first_contact_at: string | null;
}

export interface MetricRecovery {
  partner_id: string;
  previous_category: string;
  new_category: string;
  created_at: string;
}

export interface CaseMetrics {
  /** Share (0–1) of cases whose SLA outcome is known that were first contacted by their due time. */
  contactedWithinSlaShare: number | null;
  contactedWithinSla: number;
  slaDecided: number;
  medianHoursToFirstContact: number | null;
  open: number;
  overdue: number;
  /** Share (0–1) of recoveryEligible partners whose latest answer after a closed detractor case was 7–10. */
  recoveryRate: number | null;
  recovered: number;
  recoveryEligible: number;
}

const HOUR = 3_600_000;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * A case's SLA outcome is decided once it was contacted or once its due time passed; open cases that
 * are still within their SLA count in neither the numerator nor the denominator.
 */
export function computeCaseMetrics(
  cases: MetricCase[],
  recoveries: MetricRecovery[],
  now: Date,
): CaseMetrics {
  let slaDecided = 0;
  let contactedWithinSla = 0;
  const hours: number[] = [];
  let open = 0;
  let overdue = 0;
  for (const row of cases) {
    const due = Date.parse(row.due_at);
    if (row.first_contact_at !== null) {
      const contact = Date.parse(row.first_contact_at);
      slaDecided++;
      if (contact <= due) contactedWithinSla++;
      hours.push((contact - Date.parse(row.created_at)) / HOUR);
    } else if (due < now.getTime() || !isOpenStatus(row.status)) {
      slaDecided++;
    }
    if (isOpenStatus(row.status)) open++;
    if (isCaseOverdue(row, now)) overdue++;
  }
  // Each partner counts once, by its latest answer after a closed detractor case.
  const latestByPartner = new Map<string, MetricRecovery>();
  for (const recovery of recoveries) {
    if (recovery.previous_category !== "detractor") continue;
    const seen = latestByPartner.get(recovery.partner_id);
    if (!seen || seen.created_at < recovery.created_at) latestByPartner.set(recovery.partner_id, recovery);
  }
  const recoveryEligible = latestByPartner.size;
  const recovered = [...latestByPartner.values()].filter((r) => r.new_category !== "detractor").length;
  return {
    contactedWithinSlaShare: slaDecided === 0 ? null : contactedWithinSla / slaDecided,
    contactedWithinSla,
    slaDecided,
    medianHoursToFirstContact: median(hours),
    open,
    overdue,
    recoveryRate: recoveryEligible === 0 ? null : recovered / recoveryEligible,
    recovered,
    recoveryEligible,
  };
}
