import { z } from "zod";

/**
 * Follow-up case rules are data (one row per organization and rule); each kind has one pure evaluator in
 * the registry below, so a new trigger (e.g. a negative comment) is one more entry, not a code path.
 */
export type ScoreCategory = "promoter" | "passive" | "detractor";
export const CASE_PRIORITIES = ["high", "normal", "low"] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export interface CaseRule {
  ruleId: string;
  kind: string;
  name: string;
  params: Record<string, unknown>;
  enabled: boolean;
  /** Null: the organization's default SLA (settings.slaBusinessDays). */
  slaBusinessDays: number | null;
  priority: CasePriority;
}

export interface RuleResponse {
  responseId: string;
  score: number;
  category: ScoreCategory;
  comment: string | null;
  waveId: string | null;
}

export interface RulePartner {
  partnerId: string;
  tier: string | null;
  strategic: boolean;
}

/** One wave's NPS for the partner; `evaluateRules` callers pass the partner's last two waves, oldest first. */
export interface PartnerWaveScore {
  waveId: string;
  responses: number;
  nps: number;
}

export interface RuleContext {
  partnerWaves: PartnerWaveScore[];
}

export interface RuleMatch {
  rule: CaseRule;
  /** Why it matched, in words shown on the case timeline. */
  reason: string;
}

interface RuleKind<P> {
  params: z.ZodType<P>;
  defaultParams: P;
  describe(params: P): string;
  evaluate(response: RuleResponse, partner: RulePartner, context: RuleContext, params: P): string | null;
}

const detractorParams = z.object({ maxScore: z.number().int().min(0).max(10).default(6) }).strict();
const keyPartnerParams = z
  .object({
    tiers: z.array(z.string().min(1)).default([]),
    includeStrategic: z.boolean().default(true),
  })
  .strict();
const dropParams = z
  .object({
    points: z.number().positive().max(200).default(20),
    minResponses: z.number().int().min(1).max(100_000).default(5),
  })
  .strict();

function defineKind<P>(kind: RuleKind<P>): RuleKind<unknown> {
  return kind as RuleKind<unknown>;
}

export const ruleKinds: Record<string, RuleKind<unknown>> = {
  detractor: defineKind({
    params: detractorParams,
    defaultParams: { maxScore: 6 },
    describe: (p) => `Score ${p.maxScore} or lower`,
    evaluate: (response, _partner, _context, p) =>
      response.score <= p.maxScore ? `Score ${response.score} (≤ ${p.maxScore})` : null,
  }),
  passive_at_key_partner: defineKind({
    params: keyPartnerParams,
    defaultParams: { tiers: ["platinum"], includeStrategic: true },
    describe: (p) =>
      `Passive (7–8) at a ${[...p.tiers, ...(p.includeStrategic ? ["strategic"] : [])].join(" or ")} partner`,
    evaluate: (response, partner, _context, p) => {
      if (response.score < 7 || response.score > 8) return null;
      const tier = partner.tier?.toLowerCase() ?? null;
      if (tier !== null && p.tiers.some((t) => t.toLowerCase() === tier))
        return `Passive ${response.score} at a ${partner.tier} partner`;
      if (p.includeStrategic && partner.strategic) return `Passive ${response.score} at a strategic partner`;
      return null;
    },
  }),
  partner_nps_drop: defineKind({
    params: dropParams,
    defaultParams: { points: 20, minResponses: 5 },
    describe: (p) => `Partner NPS fell by ${p.points} points or more between waves (n ≥ ${p.minResponses})`,
    evaluate: (response, _partner, context, p) => {
      const [previous, latest] = context.partnerWaves.slice(-2);
      // Only responses of the latest wave trigger, so an old wave's late answer never reopens a drop.
      if (!previous || !latest || response.waveId !== latest.waveId) return null;
      if (previous.responses < p.minResponses || latest.responses < p.minResponses) return null;
      const drop = previous.nps - latest.nps;
      return drop >= p.points ? `Partner NPS fell ${formatPoints(drop)} points between waves` : null;
    },
  }),
};

function formatPoints(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export const RULE_KINDS = Object.keys(ruleKinds);

/** Validates a kind's params and fills its defaults; throws a zod error naming the bad field. */
export function parseRuleParams(kind: string, params: unknown): Record<string, unknown> {
  const definition = ruleKinds[kind];
  if (!definition) throw new Error(`Unknown rule kind ${kind}`);
  return definition.params.parse(params ?? {}) as Record<string, unknown>;
}

export function describeRule(rule: Pick<CaseRule, "kind" | "params">): string {
  const definition = ruleKinds[rule.kind];
  return definition ? definition.describe(definition.params.parse(rule.params)) : rule.kind;
}

/** Every enabled rule the response matches, most urgent first; rules of an unknown kind are skipped. */
export function evaluateRules(
  rules: CaseRule[],
  response: RuleResponse,
  partner: RulePartner,
  context: RuleContext,
): RuleMatch[] {
  const matches: RuleMatch[] = [];
  for (const rule of rules) {
    const definition = ruleKinds[rule.kind];
    if (!rule.enabled || !definition) continue;
    const parsed = definition.params.safeParse(rule.params);
    if (!parsed.success) continue;
    const reason = definition.evaluate(response, partner, context, parsed.data);
    if (reason !== null) matches.push({ rule, reason });
  }
  return matches.sort(
    (a, b) => CASE_PRIORITIES.indexOf(a.rule.priority) - CASE_PRIORITIES.indexOf(b.rule.priority),
  );
}

/** The rules a new organization starts with. */
export function defaultCaseRules(): CaseRule[] {
  return [
    {
      ruleId: "detractor",
      kind: "detractor",
      name: "Every detractor",
      params: { maxScore: 6 },
      enabled: true,
      slaBusinessDays: null,
      priority: "high",
    },
    {
      ruleId: "passive_at_key_partner",
      kind: "passive_at_key_partner",
      name: "Passive at a top-tier or strategic partner",
      params: { tiers: ["platinum"], includeStrategic: true },
      enabled: true,
      slaBusinessDays: null,
      priority: "normal",
    },
    {
      ruleId: "partner_nps_drop",
      kind: "partner_nps_drop",
      name: "Partner NPS drop between waves",
      params: { points: 20, minResponses: 5 },
      enabled: true,
      slaBusinessDays: null,
      priority: "high",
    },
  ];
}
