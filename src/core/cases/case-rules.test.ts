import { describe, expect, it } from "vitest";
import { canTransition, isCaseOverdue } from "./case-lifecycle.js";
import { computeCaseMetrics, median } from "./case-metrics.js";
import { type CaseRule, defaultCaseRules, evaluateRules, type RuleResponse } from "./case-rules.js";

const rules = defaultCaseRules();
const partner = { partnerId: "p1", tier: "silver", strategic: false };
const noWaves = { partnerWaves: [] };

function response(score: number, waveId: string | null = "w2"): RuleResponse {
  const category = score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
  return { responseId: `r${score}`, score, category, comment: null, waveId };
}

const matchedKinds = (...args: Parameters<typeof evaluateRules>) =>
  evaluateRules(...args).map((m) => m.rule.kind);

describe("case rules", () => {
  it("detractor: 0–6 match, 7 does not", () => {
    expect(matchedKinds(rules, response(6), partner, noWaves)).toEqual(["detractor"]);
    expect(matchedKinds(rules, response(0), partner, noWaves)).toEqual(["detractor"]);
    expect(matchedKinds(rules, response(7), partner, noWaves)).toEqual([]);
  });

  it("passive at a key partner: 7–8 at a listed tier (any case) or a strategic partner", () => {
    expect(matchedKinds(rules, response(8), { ...partner, tier: "Platinum" }, noWaves)).toEqual([
      "passive_at_key_partner",
    ]);
    expect(matchedKinds(rules, response(7), { ...partner, strategic: true }, noWaves)).toEqual([
      "passive_at_key_partner",
    ]);
    expect(matchedKinds(rules, response(9), { ...partner, strategic: true }, noWaves)).toEqual([]);
    expect(matchedKinds(rules, response(8), partner, noWaves)).toEqual([]);
    const noStrategic: CaseRule[] = rules.map((r) =>
      r.kind === "passive_at_key_partner"
        ? { ...r, params: { tiers: ["gold"], includeStrategic: false } }
        : r,
    );
    expect(matchedKinds(noStrategic, response(8), { ...partner, strategic: true }, noWaves)).toEqual([]);
    expect(matchedKinds(noStrategic, response(8), { ...partner, tier: "gold" }, noWaves)).toEqual([
      "passive_at_key_partner",
    ]);
  });

  it("partner NPS drop: ≥ 20 points between the last two waves, both with n ≥ 5, response in the latest", () => {
    const dropped = {
      partnerWaves: [
        { waveId: "w1", responses: 5, nps: 40 },
        { waveId: "w2", responses: 6, nps: 20 },
      ],
    };
    const matches = evaluateRules(rules, response(9, "w2"), partner, dropped);
    expect(matches.map((m) => m.rule.kind)).toEqual(["partner_nps_drop"]);
    expect(matches[0]!.reason).toBe("Partner NPS fell 20 points between waves");
    // A detractor in the same wave matches both; both rules are "high" priority so order is the rule order.
    expect(matchedKinds(rules, response(3, "w2"), partner, dropped)).toEqual([
      "detractor",
      "partner_nps_drop",
    ]);
    expect(matchedKinds(rules, response(9, "w1"), partner, dropped)).toEqual([]);
    const small = { partnerWaves: [dropped.partnerWaves[0]!, { waveId: "w2", responses: 4, nps: -50 }] };
    expect(matchedKinds(rules, response(9, "w2"), partner, small)).toEqual([]);
    const lessDrop = { partnerWaves: [dropped.partnerWaves[0]!, { waveId: "w2", responses: 6, nps: 20.5 }] };
    expect(matchedKinds(rules, response(9, "w2"), partner, lessDrop)).toEqual([]);
  });

  it("skips disabled rules and rules of an unknown kind; sorts high priority first", () => {
    const custom: CaseRule[] = [
      { ...rules[1]!, priority: "low", params: { tiers: [], includeStrategic: true } },
      { ...rules[0]!, enabled: false },
      { ...rules[0]!, ruleId: "strict", params: { maxScore: 8 }, priority: "normal" },
      { ...rules[0]!, ruleId: "future", kind: "negative_comment" },
    ];
    expect(
      evaluateRules(custom, response(8), { ...partner, strategic: true }, noWaves).map((m) => m.rule.ruleId),
    ).toEqual(["strict", "passive_at_key_partner"]);
  });
});

describe("case lifecycle and metrics", () => {
  it("allows only forward moves", () => {
    expect(canTransition("new", "in_progress")).toBe(true);
    expect(canTransition("in_progress", "contacted")).toBe(true);
    expect(canTransition("contacted", "resolved")).toBe(true);
    expect(canTransition("in_progress", "closed_without_action")).toBe(true);
    expect(canTransition("new", "resolved")).toBe(false);
    expect(canTransition("contacted", "new")).toBe(false);
    expect(canTransition("resolved", "closed_without_action")).toBe(false);
  });

  it("overdue means open, never contacted and past due", () => {
    const now = new Date("2026-01-20T12:00:00Z");
    const base = { status: "new" as const, first_contact_at: null, due_at: "2026-01-20T11:59:59Z" };
    expect(isCaseOverdue(base, now)).toBe(true);
    expect(isCaseOverdue({ ...base, first_contact_at: "2026-01-20T11:00:00Z" }, now)).toBe(false);
    expect(isCaseOverdue({ ...base, status: "resolved" }, now)).toBe(false);
    expect(isCaseOverdue({ ...base, due_at: "2026-01-20T12:00:01Z" }, now)).toBe(false);
  });

  it("computes SLA share, median hours, open/overdue and recovery exactly", () => {
    const now = new Date("2026-01-30T00:00:00Z");
    const metrics = computeCaseMetrics(
      [
        // contacted after 2 h, within SLA
        {
          status: "resolved",
          created_at: "2026-01-10T00:00:00Z",
          due_at: "2026-01-12T17:00:00Z",
          first_contact_at: "2026-01-10T02:00:00Z",
        },
        // contacted after 100 h, late
        {
          status: "contacted",
          created_at: "2026-01-10T00:00:00Z",
          due_at: "2026-01-12T17:00:00Z",
          first_contact_at: "2026-01-14T04:00:00Z",
        },
        // never contacted, overdue
        {
          status: "new",
          created_at: "2026-01-10T00:00:00Z",
          due_at: "2026-01-12T17:00:00Z",
          first_contact_at: null,
        },
        // not yet due: undecided
        {
          status: "in_progress",
          created_at: "2026-01-29T00:00:00Z",
          due_at: "2026-02-02T17:00:00Z",
          first_contact_at: null,
        },
      ],
      [
        {
          partner_id: "a",
          previous_category: "detractor",
          new_category: "passive",
          created_at: "2026-01-20T00:00:00Z",
        },
        {
          partner_id: "b",
          previous_category: "detractor",
          new_category: "promoter",
          created_at: "2026-01-20T00:00:00Z",
        },
        // b's later answer is a detractor again: b counts as not recovered.
        {
          partner_id: "b",
          previous_category: "detractor",
          new_category: "detractor",
          created_at: "2026-01-25T00:00:00Z",
        },
        {
          partner_id: "c",
          previous_category: "detractor",
          new_category: "detractor",
          created_at: "2026-01-20T00:00:00Z",
        },
        {
          partner_id: "d",
          previous_category: "passive",
          new_category: "promoter",
          created_at: "2026-01-20T00:00:00Z",
        },
      ],
      now,
    );
    expect(metrics).toEqual({
      contactedWithinSlaShare: 1 / 3,
      contactedWithinSla: 1,
      slaDecided: 3,
      medianHoursToFirstContact: 51,
      open: 3,
      overdue: 1,
      recoveryRate: 1 / 3,
      recovered: 1,
      recoveryEligible: 3,
    });
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
