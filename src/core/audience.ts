/**
 * Who receives a survey: the pure rules (fatigue, partner caps, reachability) applied to candidates,
 * with a reason for every exclusion so the audience preview can explain itself.
 */

export interface AudienceCandidate {
  contact_id: string;
  partner_id: string;
  email: string | null;
  role: string | null;
  consent: boolean;
  unsubscribed_at: string | null;
  bounced_at: string | null;
  /** When this contact was last invited to any survey of the organization (null: never). */
  last_invited_at: string | null;
}

export interface FatigueRules {
  minDaysBetweenSurveys: number;
  maxInvitationsPerPartnerPerQuarter: number;
}

export type ExclusionReason =
  | { code: "unsubscribed"; since: string }
  | { code: "bounced"; since: string }
  | { code: "no_email" }
  | { code: "no_consent" }
  | { code: "already_invited" }
  | { code: "fatigue"; last_invited_at: string; next_allowed_at: string }
  | { code: "partner_cap"; cap: number };

export interface AudiencePlan {
  included: AudienceCandidate[];
  excluded: { candidate: AudienceCandidate; reason: ExclusionReason }[];
}

const DAY_MS = 86_400_000;

/** Senior roles first: when a partner's cap binds, its sponsor and decision maker are the ones asked. */
const rolePriority: Record<string, number> = { executive_sponsor: 0, decision_maker: 1 };

export function describeExclusion(reason: ExclusionReason): string {
  switch (reason.code) {
    case "unsubscribed":
      return `unsubscribed on ${reason.since.slice(0, 10)}`;
    case "bounced":
      return `email bounced on ${reason.since.slice(0, 10)}`;
    case "no_email":
      return "no email address";
    case "no_consent":
      return "no consent to be surveyed";
    case "already_invited":
      return "already invited to this wave";
    case "fatigue":
      return `surveyed on ${reason.last_invited_at.slice(0, 10)}; not again before ${reason.next_allowed_at.slice(0, 10)}`;
    case "partner_cap":
      return `partner already reaches its cap of ${reason.cap} invitations this quarter`;
  }
}

/**
 * Applies the rules in a fixed order (reachability, then fatigue, then the per-partner cap counted with
 * the invitations the partner already has this quarter).
 */
export function planAudience(
  candidates: AudienceCandidate[],
  rules: FatigueRules,
  now: Date,
  context: { alreadyInvited: Set<string>; partnerInvitationsThisQuarter: Map<string, number> },
): AudiencePlan {
  const plan: AudiencePlan = { included: [], excluded: [] };
  const reachable: AudienceCandidate[] = [];
  for (const candidate of candidates) {
    const reason = reachability(candidate, rules, now, context.alreadyInvited);
    if (reason) plan.excluded.push({ candidate, reason });
    else reachable.push(candidate);
  }
  const ordered = [...reachable].sort(
    (a, b) =>
      (a.partner_id < b.partner_id ? -1 : a.partner_id > b.partner_id ? 1 : 0) ||
      (rolePriority[a.role ?? ""] ?? 9) - (rolePriority[b.role ?? ""] ?? 9) ||
      (a.contact_id < b.contact_id ? -1 : 1),
  );
  const used = new Map(context.partnerInvitationsThisQuarter);
  for (const candidate of ordered) {
    const count = used.get(candidate.partner_id) ?? 0;
    if (count >= rules.maxInvitationsPerPartnerPerQuarter) {
      plan.excluded.push({
        candidate,
        reason: { code: "partner_cap", cap: rules.maxInvitationsPerPartnerPerQuarter },
      });
      continue;
    }
    used.set(candidate.partner_id, count + 1);
    plan.included.push(candidate);
  }
  return plan;
}

function reachability(
  candidate: AudienceCandidate,
  rules: FatigueRules,
  now: Date,
  alreadyInvited: Set<string>,
): ExclusionReason | null {
  if (alreadyInvited.has(candidate.contact_id)) return { code: "already_invited" };
  if (candidate.unsubscribed_at) return { code: "unsubscribed", since: candidate.unsubscribed_at };
  if (candidate.bounced_at) return { code: "bounced", since: candidate.bounced_at };
  if (!candidate.email) return { code: "no_email" };
  if (!candidate.consent) return { code: "no_consent" };
  if (candidate.last_invited_at && rules.minDaysBetweenSurveys > 0) {
    const next = Date.parse(candidate.last_invited_at) + rules.minDaysBetweenSurveys * DAY_MS;
    if (next > now.getTime()) {
      return {
        code: "fatigue",
        last_invited_at: candidate.last_invited_at,
        next_allowed_at: new Date(next).toISOString(),
      };
    }
  }
  return null;
}

/** First instant of the calendar quarter (UTC) containing `now`. */
export function quarterStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
}
