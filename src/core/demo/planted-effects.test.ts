import { describe, expect, it } from "vitest";
import type { ResponseTable } from "../../db/schema.js";
import { detectDemoThemes } from "./comment-templates.js";
import { summarizeDemoDataset } from "./demo-summary.js";
import { type DemoDataset, generateDemoDataset } from "./generate-demo-dataset.js";
import { listPlantedEffects, type PlantedEffect } from "./planted-effects.js";

// Checked with plain statistics on seed 1 and two other seeds, so the effects do not hinge on one draw.
const SEEDS = [1, 7, 42];
const datasets = new Map<number, DemoDataset>(
  SEEDS.map((seed) => [seed, generateDemoDataset({ seed, organizationId: "org-effects" })]),
);

function effect<T extends PlantedEffect["id"]>(id: T): Extract<PlantedEffect, { id: T }> {
  const found = listPlantedEffects().find((e) => e.id === id);
  if (!found) throw new Error(`No planted effect ${id}`);
  return found as Extract<PlantedEffect, { id: T }>;
}

interface Nps {
  n: number;
  nps: number;
  variance: number;
}

function nps(responses: readonly ResponseTable[]): Nps {
  const n = responses.length;
  const p = responses.filter((r) => r.score >= 9).length / n;
  const d = responses.filter((r) => r.score <= 6).length / n;
  // Variance of the NPS estimate on the −100..100 scale.
  return { n, nps: 100 * (p - d), variance: (10_000 * (p + d - (p - d) ** 2)) / n };
}

function zOf(a: Nps, b: Nps): number {
  return (a.nps - b.nps) / Math.sqrt(a.variance + b.variance);
}

function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rank = (values: readonly number[]) => {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    const ranks = new Array<number>(values.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2;
      i = j + 1;
    }
    return ranks;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const mean = (rx.length - 1) / 2;
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < rx.length; i++) {
    num += (rx[i]! - mean) * (ry[i]! - mean);
    dx += (rx[i]! - mean) ** 2;
    dy += (ry[i]! - mean) ** 2;
  }
  return num / Math.sqrt(dx * dy);
}

function recentWaveIds(dataset: DemoDataset, count: number): Set<string> {
  return new Set(dataset.waves.slice(-count).map((w) => w.wave_id));
}

describe("listPlantedEffects", () => {
  it("lists the four planted effects with their explanation", () => {
    const effects = listPlantedEffects();
    expect(effects.map((e) => e.id)).toEqual([
      "segment_decline",
      "rising_theme",
      "score_inflation",
      "renewal_follows_nps",
    ]);
    for (const e of effects) {
      expect(e.title.length).toBeGreaterThan(10);
      expect(e.howPlanted.length).toBeGreaterThan(40);
      expect(e.expectedFinding.length).toBeGreaterThan(40);
    }
  });
});

describe.each(SEEDS)("planted effects, seed %i", (seed) => {
  const dataset = datasets.get(seed)!;

  it("EMEA gold falls by 30+ points in the last three quarters, significantly, while the rest holds", () => {
    const { region, tier, recentWaves } = effect("segment_decline");
    const recent = recentWaveIds(dataset, recentWaves);
    const inSegment = (r: ResponseTable) => r.partner_region === region && r.partner_tier === tier;
    const earlier = nps(dataset.responses.filter((r) => inSegment(r) && !recent.has(r.wave_id!)));
    const later = nps(dataset.responses.filter((r) => inSegment(r) && recent.has(r.wave_id!)));
    expect(earlier.n).toBeGreaterThan(200);
    expect(later.n).toBeGreaterThan(60);
    expect(earlier.nps - later.nps).toBeGreaterThanOrEqual(30);
    expect(zOf(earlier, later)).toBeGreaterThan(4);
    const latestWave = dataset.waves[dataset.waves.length - 1]!.wave_id;
    const latest = nps(dataset.responses.filter((r) => inSegment(r) && r.wave_id === latestWave));
    expect(earlier.nps - latest.nps).toBeGreaterThanOrEqual(30);

    const restEarlier = nps(dataset.responses.filter((r) => !inSegment(r) && !recent.has(r.wave_id!)));
    const restLater = nps(dataset.responses.filter((r) => !inSegment(r) && recent.has(r.wave_id!)));
    expect(Math.abs(restEarlier.nps - restLater.nps)).toBeLessThan(10);
  });

  it("the segment's decline comes with slower support", () => {
    const { region, tier, recentWaves } = effect("segment_decline");
    const partners = new Map(dataset.partners.map((p) => [p.partner_id, p]));
    // Metric periods are the first month of each quarter.
    const opened = dataset.waves[dataset.waves.length - recentWaves]!.opened_at!;
    const firstRecentPeriod = `${opened.slice(0, 5)}${String(Math.floor((Number(opened.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}`;
    const medianHours = (recent: boolean, segment: boolean) => {
      const values = dataset.operationalMetrics
        .filter((m) => m.metric === "support_response_hours" && m.period >= firstRecentPeriod === recent)
        .filter((m) => {
          const partner = partners.get(m.partner_id)!;
          return (partner.region === region && partner.tier === tier) === segment;
        })
        .map((m) => m.value)
        .sort((a, b) => a - b);
      return values[Math.floor(values.length / 2)]!;
    };
    expect(medianHours(true, true)).toBeGreaterThan(1.8 * medianHours(false, true));
    expect(medianHours(true, false)).toBeLessThan(1.3 * medianHours(false, false));
  });

  it("deal registration grows clearly among detractor comments", () => {
    const { theme, recentWaves } = effect("rising_theme");
    const recent = recentWaveIds(dataset, recentWaves);
    const share = (list: ResponseTable[]) =>
      list.filter((r) => detectDemoThemes(r.comment!).includes(theme)).length / list.length;
    const detractorComments = dataset.responses.filter((r) => r.category === "detractor" && r.comment);
    const earlier = detractorComments.filter((r) => !recent.has(r.wave_id!));
    const later = detractorComments.filter((r) => recent.has(r.wave_id!));
    expect(later.length).toBeGreaterThan(120);
    expect(share(earlier)).toBeLessThan(0.2);
    expect(share(later)).toBeGreaterThan(0.3);
    expect(share(later) - share(earlier)).toBeGreaterThan(0.18);
    const latestWave = dataset.waves[dataset.waves.length - 1]!.wave_id;
    expect(share(later.filter((r) => r.wave_id === latestWave))).toBeGreaterThan(share(earlier) + 0.2);
    // Two-proportion z-test on the shares.
    const p1 = share(earlier);
    const p2 = share(later);
    const pooled = (p1 * earlier.length + p2 * later.length) / (earlier.length + later.length);
    const z = (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1 / earlier.length + 1 / later.length));
    expect(z).toBeGreaterThan(5);
  });

  it("one partner manager's partners give only 10s and never comment", () => {
    const { ownerUserId } = effect("score_inflation");
    const byOwner = new Map<string, ResponseTable[]>();
    for (const r of dataset.responses) {
      const list = byOwner.get(r.owner_user_id!) ?? [];
      list.push(r);
      byOwner.set(r.owner_user_id!, list);
    }
    const inflated = byOwner.get(ownerUserId)!;
    expect(inflated.length).toBeGreaterThan(150);
    expect(inflated.every((r) => r.score === 10 && r.comment === null)).toBe(true);
    for (const [owner, list] of byOwner) {
      if (owner === ownerUserId) continue;
      expect(list.filter((r) => r.score === 10).length / list.length, owner).toBeLessThan(0.45);
      expect(list.filter((r) => r.comment).length / list.length, owner).toBeGreaterThan(0.3);
    }
  });

  it("renewals follow the partner's latest NPS category", () => {
    const summary = summarizeDemoDataset(dataset);
    const { promoter, passive, detractor } = summary.renewals;
    expect(promoter.partners).toBeGreaterThan(30);
    expect(passive.partners).toBeGreaterThan(30);
    expect(detractor.partners).toBeGreaterThan(8);
    expect(promoter.rate - detractor.rate).toBeGreaterThan(0.35);
    expect(passive.rate).toBeGreaterThan(detractor.rate);
  });

  it("operational metrics correlate with partner NPS", () => {
    const { ownerUserId } = effect("score_inflation");
    const scores = new Map<string, number[]>();
    for (const r of dataset.responses) {
      if (r.owner_user_id === ownerUserId) continue;
      const list = scores.get(r.partner_id) ?? [];
      list.push(r.score);
      scores.set(r.partner_id, list);
    }
    const partnerNps = new Map<string, number>();
    for (const [partner, list] of scores)
      if (list.length >= 5)
        partnerNps.set(partner, nps(list.map((score) => ({ score }) as ResponseTable)).nps);
    const correlation = (metric: string) => {
      const sums = new Map<string, { total: number; n: number }>();
      for (const m of dataset.operationalMetrics) {
        if (m.metric !== metric || !partnerNps.has(m.partner_id)) continue;
        const s = sums.get(m.partner_id) ?? { total: 0, n: 0 };
        s.total += metric === "pipeline" || metric === "revenue" ? Math.log(m.value + 1) : m.value;
        s.n += 1;
        sums.set(m.partner_id, s);
      }
      const ids = [...sums.keys()];
      return spearman(
        ids.map((id) => partnerNps.get(id)!),
        ids.map((id) => sums.get(id)!.total / sums.get(id)!.n),
      );
    };
    expect(correlation("support_response_hours")).toBeLessThan(-0.3);
    expect(correlation("deal_registration_days")).toBeLessThan(-0.2);
    expect(correlation("mdf_payment_days")).toBeLessThan(-0.2);
    expect(correlation("pipeline")).toBeGreaterThan(0);
  });
});
