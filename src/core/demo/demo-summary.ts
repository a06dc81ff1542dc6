import type { ResponseTable } from "../../db/schema.js";
import { type DemoThemeId, detectDemoThemes } from "./comment-templates.js";
import type { DemoDataset } from "./generate-demo-dataset.js";
import { DECLINING_SEGMENT, RECENT_WAVES, RISING_THEME } from "./planted-effects.js";

// Figures computed from the rows alone, so docs and the CLI quote what an analysis of the data would see.

export interface NpsFigure {
  n: number;
  nps: number;
}

export interface DemoSummary {
  counts: Record<
    "partners" | "contacts" | "users" | "waves" | "invitations" | "responses" | "operationalMetrics",
    number
  >;
  responseRate: number;
  responseRateByTier: Record<string, number>;
  commentRate: number;
  overall: NpsFigure;
  byTier: Record<string, NpsFigure>;
  byWave: { waveId: string; overall: NpsFigure; segment: NpsFigure }[];
  segmentDecline: { earlier: NpsFigure; recent: NpsFigure; restEarlier: NpsFigure; restRecent: NpsFigure };
  risingTheme: { waveId: string; detractorComments: number; mentioning: number; share: number }[];
  managers: { ownerUserId: string; responses: number; tens: number; comments: number; nps: number }[];
  renewals: Record<
    "promoter" | "passive" | "detractor" | "silent",
    { partners: number; renewed: number; rate: number }
  >;
}

export function npsOf(responses: readonly Pick<ResponseTable, "score">[]): NpsFigure {
  let promoters = 0;
  let detractors = 0;
  for (const r of responses) {
    if (r.score >= 9) promoters += 1;
    else if (r.score <= 6) detractors += 1;
  }
  const n = responses.length;
  return { n, nps: n === 0 ? 0 : (100 * (promoters - detractors)) / n };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The category of a partner's rounded mean score in its latest answered wave before a date. */
export function latestPartnerCategory(
  responses: readonly ResponseTable[],
  waveOrder: readonly string[],
  before: string,
): "promoter" | "passive" | "detractor" | "silent" {
  const earlier = responses.filter((r) => r.submitted_at < before && r.wave_id !== null);
  if (earlier.length === 0) return "silent";
  const latest = Math.max(...earlier.map((r) => waveOrder.indexOf(r.wave_id!)));
  const scores = earlier.filter((r) => waveOrder.indexOf(r.wave_id!) === latest).map((r) => r.score);
  const mean = Math.round(scores.reduce((s, x) => s + x, 0) / scores.length);
  return mean >= 9 ? "promoter" : mean >= 7 ? "passive" : "detractor";
}

export function summarizeDemoDataset(dataset: DemoDataset): DemoSummary {
  const { responses, invitations, waves } = dataset;
  const waveOrder = waves.map((w) => w.wave_id);
  const recentWaves = new Set(waveOrder.slice(-RECENT_WAVES));
  const openWaves = new Set(waves.filter((w) => w.status === "open").map((w) => w.wave_id));
  // Response rate over delivered invitations of closed waves: the open wave is still collecting answers.
  const deliveredInvitations = invitations.filter(
    (i) => i.status !== "bounced" && !openWaves.has(i.wave_id ?? ""),
  );
  const partnerTier = new Map(dataset.partners.map((p) => [p.partner_id, p.tier ?? ""]));
  const rateByTier: Record<string, number> = {};
  for (const [tier, list] of groupBy(deliveredInvitations, (i) => partnerTier.get(i.partner_id) ?? "")) {
    rateByTier[tier] = list.filter((i) => i.status === "responded").length / list.length;
  }
  const byTier: Record<string, NpsFigure> = {};
  for (const [tier, list] of groupBy(responses, (r) => r.partner_tier ?? "")) byTier[tier] = npsOf(list);

  const inSegment = (r: ResponseTable) =>
    r.partner_region === DECLINING_SEGMENT.region && r.partner_tier === DECLINING_SEGMENT.tier;
  const byWaveGroups = groupBy(responses, (r) => r.wave_id ?? "");
  const byWave = waveOrder.map((waveId) => {
    const list = byWaveGroups.get(waveId) ?? [];
    return { waveId, overall: npsOf(list), segment: npsOf(list.filter(inSegment)) };
  });
  const isRecent = (r: ResponseTable) => recentWaves.has(r.wave_id ?? "");

  const risingTheme = waveOrder.map((waveId) => {
    const comments = (byWaveGroups.get(waveId) ?? []).filter((r) => r.category === "detractor" && r.comment);
    const mentioning = comments.filter((r) =>
      detectDemoThemes(r.comment!).includes(RISING_THEME as DemoThemeId),
    ).length;
    return {
      waveId,
      detractorComments: comments.length,
      mentioning,
      share: comments.length ? mentioning / comments.length : 0,
    };
  });

  const managers = [...groupBy(responses, (r) => r.owner_user_id ?? "")]
    .map(([ownerUserId, list]) => ({
      ownerUserId,
      responses: list.length,
      tens: list.filter((r) => r.score === 10).length,
      comments: list.filter((r) => r.comment).length,
      nps: npsOf(list).nps,
    }))
    .sort((a, b) => a.ownerUserId.localeCompare(b.ownerUserId));

  const responsesByPartner = groupBy(responses, (r) => r.partner_id);
  const renewals: DemoSummary["renewals"] = {
    promoter: { partners: 0, renewed: 0, rate: 0 },
    passive: { partners: 0, renewed: 0, rate: 0 },
    detractor: { partners: 0, renewed: 0, rate: 0 },
    silent: { partners: 0, renewed: 0, rate: 0 },
  };
  for (const metric of dataset.operationalMetrics.filter((m) => m.metric === "renewed")) {
    const category = latestPartnerCategory(
      responsesByPartner.get(metric.partner_id) ?? [],
      waveOrder,
      metric.period,
    );
    renewals[category].partners += 1;
    renewals[category].renewed += metric.value;
  }
  for (const bucket of Object.values(renewals))
    bucket.rate = bucket.partners ? bucket.renewed / bucket.partners : 0;

  return {
    counts: {
      partners: dataset.partners.length,
      contacts: dataset.contacts.length,
      users: dataset.users.length,
      waves: waves.length,
      invitations: invitations.length,
      responses: responses.length,
      operationalMetrics: dataset.operationalMetrics.length,
    },
    responseRate:
      deliveredInvitations.filter((i) => i.status === "responded").length / deliveredInvitations.length,
    responseRateByTier: rateByTier,
    commentRate: responses.filter((r) => r.comment).length / responses.length,
    overall: npsOf(responses),
    byTier,
    byWave,
    segmentDecline: {
      earlier: npsOf(responses.filter((r) => inSegment(r) && !isRecent(r))),
      recent: npsOf(responses.filter((r) => inSegment(r) && isRecent(r))),
      restEarlier: npsOf(responses.filter((r) => !inSegment(r) && !isRecent(r))),
      restRecent: npsOf(responses.filter((r) => !inSegment(r) && isRecent(r))),
    },
    risingTheme,
    managers,
    renewals,
  };
}
