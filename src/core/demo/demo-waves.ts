import type { InvitationTable, ResponseTable, WaveTable } from "../../db/schema.js";
import {
  type CommentPlan,
  composeComment,
  DEMO_THEMES,
  type DemoThemeId,
  DRIVER_AREAS,
  type DriverArea,
} from "./comment-templates.js";
import { RELATIONSHIP_SURVEY_ID } from "./demo-organization.js";
import { type ContactModel, type PartnerModel, tierAt } from "./demo-partners.js";
import {
  categoryOf,
  inDecliningSegment,
  partnerSentiment,
  ROLE_EFFECT,
  recentPosition,
  scoreFromLatent,
} from "./demo-sentiment.js";
import {
  DAY_MS,
  HOUR_MS,
  iso,
  monthOf,
  type Quarter,
  REMINDER_DAYS,
  type Timeline,
} from "./demo-timeline.js";
import {
  INFLATING_MANAGER_ID,
  RENEWAL_PROBABILITY,
  RISING_THEME,
  RISING_THEME_MULTIPLIERS,
} from "./planted-effects.js";
import type { Random } from "./random.js";
import type { ContactRole, Tier } from "./word-lists.js";

export interface RenewalOutcome {
  partner: PartnerModel;
  renewed: boolean;
}

export interface SurveySimulation {
  waves: WaveTable[];
  invitations: InvitationTable[];
  responses: ResponseTable[];
  renewals: RenewalOutcome[];
}

export interface SimulationStreams {
  invitations: Random;
  scores: Random;
  answers: Random;
  comments: Random;
  tokens: Random;
  renewals: Random;
}

const RESPONSE_RATE: Record<Tier, number> = { platinum: 0.52, gold: 0.46, silver: 0.41, registered: 0.35 };
const ROLE_RESPONSE_FACTOR: Record<ContactRole, number> = {
  executive_sponsor: 0.8,
  decision_maker: 1.1,
  sales: 1.05,
  technical: 1,
  marketing: 0.9,
  operations: 0.95,
};
const COMMENT_RATE = { detractor: 0.75, passive: 0.42, promoter: 0.45 } as const;
const COMPLAINT_WEIGHTS: Record<DemoThemeId, number> = {
  deal_registration: 9,
  mdf_payments: 13,
  enablement: 12,
  technical_support: 15,
  partner_portal: 13,
  communication: 13,
  profitability: 16,
  partner_manager: 5,
};
const PRAISE_WEIGHTS: Record<DemoThemeId, number> = {
  deal_registration: 8,
  mdf_payments: 7,
  enablement: 15,
  technical_support: 14,
  partner_portal: 6,
  communication: 10,
  profitability: 12,
  partner_manager: 28,
};
const RECENT_PRAISE_FACTOR = [0.6, 0.4, 0.3];
const DEAL_REGISTRATION_RATING_SHIFT = [-0.35, -0.6, -0.9];
const SUPPORT_RATING_SHIFT = [-0.5, -0.9, -1.3];
const BASE_RATING_BIAS: Record<DriverArea, number> = {
  enablement: 0.1,
  deal_registration: -0.05,
  co_marketing_mdf: -0.25,
  technical_support: 0,
  communication: 0,
  profitability: -0.15,
  ease_of_doing_business: -0.1,
};
const THEME_DRIVER = new Map(DEMO_THEMES.map((theme) => [theme.id, theme.driver]));
/** New partners are surveyed once they have had this long to onboard. */
const ONBOARDING_MS = 45 * DAY_MS;

interface WaveContext {
  quarter: Quarter;
  position: number;
  declining: boolean;
}

function weightsFor(
  base: Record<DemoThemeId, number>,
  adjust: (theme: DemoThemeId, weight: number) => number,
) {
  return (Object.keys(base) as DemoThemeId[]).map((theme) => [theme, adjust(theme, base[theme])] as const);
}

function complaintWeights(context: WaveContext, strength: number) {
  return weightsFor(COMPLAINT_WEIGHTS, (theme, weight) => {
    let w = weight;
    if (theme === RISING_THEME && context.position >= 0) {
      w *= 1 + ((RISING_THEME_MULTIPLIERS[context.position] ?? 1) - 1) * strength;
    }
    if (theme === "technical_support" && context.declining) w *= 4;
    return w;
  });
}

function praiseWeights(context: WaveContext) {
  return weightsFor(PRAISE_WEIGHTS, (theme, weight) => {
    let w = weight;
    if (theme === RISING_THEME && context.position >= 0) w *= RECENT_PRAISE_FACTOR[context.position] ?? 1;
    if (theme === "technical_support" && context.declining) w *= 0.3;
    return w;
  });
}

function pickThemes(
  random: Random,
  weights: readonly (readonly [DemoThemeId, number])[],
  count: number,
): DemoThemeId[] {
  const picked: DemoThemeId[] = [];
  while (picked.length < count) {
    const theme = random.weighted(weights.map(([t, w]) => [t, picked.includes(t) ? 0 : w] as const));
    picked.push(theme);
  }
  return picked;
}

function commentPlan(
  random: Random,
  score: number,
  language: CommentPlan["language"],
  context: WaveContext,
): CommentPlan {
  const category = categoryOf(score);
  if (category === "detractor") {
    return {
      tone: category,
      language,
      negative: pickThemes(random, complaintWeights(context, 1), random.chance(0.25) ? 2 : 1),
      positive: [],
    };
  }
  if (category === "passive") {
    const roll = random.next();
    const positive = roll < 0.55 || roll >= 0.85 ? pickThemes(random, praiseWeights(context), 1) : [];
    const negative =
      roll < 0.85
        ? pickThemes(random, complaintWeights(context, 0.5), 1).filter((t) => !positive.includes(t))
        : [];
    return { tone: category, language, negative, positive };
  }
  const generic = random.chance(0.1);
  const positive = generic ? [] : pickThemes(random, praiseWeights(context), random.chance(0.25) ? 2 : 1);
  const negative = random.chance(0.12)
    ? pickThemes(random, complaintWeights(context, 0.5), 1).filter((t) => !positive.includes(t))
    : [];
  return { tone: category, language, negative, positive };
}

function driverRatings(
  random: Random,
  latent: number,
  plan: CommentPlan | null,
  context: WaveContext,
  inflated: boolean,
) {
  const ratings: Partial<Record<DriverArea, number>> = {};
  for (const area of DRIVER_AREAS) {
    if (!random.chance(0.93)) continue;
    if (inflated) {
      ratings[area] = 5;
      continue;
    }
    let bias = BASE_RATING_BIAS[area];
    if (area === "deal_registration" && context.position >= 0)
      bias += DEAL_REGISTRATION_RATING_SHIFT[context.position] ?? 0;
    if (area === "technical_support" && context.declining)
      bias += SUPPORT_RATING_SHIFT[context.position] ?? 0;
    let rating = Math.round(3 + 0.62 * (latent - 7.6) + bias + random.normal(0, 0.7));
    if (plan?.negative.some((theme) => THEME_DRIVER.get(theme) === area)) rating = Math.min(rating, 2);
    if (plan?.positive.some((theme) => THEME_DRIVER.get(theme) === area)) rating = Math.max(rating, 4);
    ratings[area] = Math.max(1, Math.min(5, rating));
  }
  return ratings;
}

function submissionTime(random: Random, sentMs: number, partner: PartnerModel, quick: boolean): number {
  const roll = random.next();
  let delayHours: number;
  if (quick) delayHours = random.between(0.2, 20);
  else if (roll < 0.5) delayHours = random.between(0.2, 48);
  else if (roll < 0.8) delayHours = REMINDER_DAYS[0] * 24 + random.between(0, 72);
  else delayHours = REMINDER_DAYS[1] * 24 + random.between(0, 500);
  const target = sentMs + delayHours * HOUR_MS;
  // People answer during their working day, wherever they are.
  const [from, to] = partner.country.workdayUtcHours;
  let at = Math.floor(target / DAY_MS) * DAY_MS + random.between(from, to) * HOUR_MS;
  if (at < sentMs + 10 * 60_000) at += DAY_MS;
  return Math.floor(at / 1000) * 1000;
}

function latestCategory(
  partner: PartnerModel,
  beforeMs: number,
): "promoter" | "passive" | "detractor" | "silent" {
  const earlier = partner.answered.filter((a) => a.submittedMs < beforeMs);
  if (earlier.length === 0) return "silent";
  const wave = Math.max(...earlier.map((a) => a.wave));
  const scores = earlier.filter((a) => a.wave === wave).map((a) => a.trueScore);
  const mean = scores.reduce((sum, s) => sum + s, 0) / scores.length;
  return categoryOf(Math.round(mean));
}

export function simulateWaves(
  streams: SimulationStreams,
  organizationId: string,
  partners: PartnerModel[],
  timeline: Timeline,
): SurveySimulation {
  const { referenceMs, quarters } = timeline;
  const waveCount = quarters.length;
  const waves: WaveTable[] = [];
  const invitations: InvitationTable[] = [];
  const responses: ResponseTable[] = [];
  const renewals: RenewalOutcome[] = [];
  const decided = new Set<PartnerModel>();

  const decideRenewals = (uptoMs: number) => {
    for (const partner of partners) {
      if (decided.has(partner) || partner.renewalMs > uptoMs || partner.renewalMs > referenceMs) continue;
      decided.add(partner);
      const category = latestCategory(partner, partner.renewalMs);
      const renewed = streams.renewals.chance(RENEWAL_PROBABILITY[category]);
      renewals.push({ partner, renewed });
      if (!renewed) {
        partner.churnedMs = partner.renewalMs;
        const archivedMs = Math.min(partner.renewalMs + 14 * DAY_MS, referenceMs);
        partner.row.archived_at = iso(archivedMs);
        partner.row.updated_at = iso(Math.max(archivedMs, Date.parse(partner.row.updated_at)));
      }
    }
  };

  for (const quarter of quarters) {
    decideRenewals(quarter.openedMs);
    waves.push({
      organization_id: organizationId,
      wave_id: quarter.waveId,
      survey_id: RELATIONSHIP_SURVEY_ID,
      name: `Partner relationship survey ${quarter.label}`,
      status: quarter.open ? "open" : "closed",
      audience: JSON.stringify({
        partners: { archived: false },
        contacts: { consent: true, reachable: true },
      }),
      reminder_days: JSON.stringify(REMINDER_DAYS),
      scheduled_at: iso(quarter.openedMs),
      opened_at: iso(quarter.openedMs),
      closes_at: iso(quarter.closesMs),
      closed_at: quarter.open ? null : iso(quarter.closesMs),
      created_at: iso(quarter.openedMs - 10 * DAY_MS),
    });
    const position = recentPosition(quarter, waveCount);
    let sentInWave = 0;
    for (const partner of partners) {
      if (partner.joinedMs > quarter.openedMs - ONBOARDING_MS) continue;
      if (partner.churnedMs !== null && partner.churnedMs <= quarter.openedMs) continue;
      const context: WaveContext = {
        quarter,
        position,
        declining: inDecliningSegment(partner, quarter, waveCount),
      };
      const sentiment = partnerSentiment(partner, quarter, waveCount);
      const inflated = partner.manager.userId === INFLATING_MANAGER_ID;
      for (const contact of partner.contacts) {
        if (contact.createdMs > quarter.openedMs - 7 * DAY_MS) continue;
        if (contact.bouncedMs !== null || contact.unsubscribedMs !== null) continue;
        // Mails leave in batches of fifty a minute.
        const sentMs = quarter.openedMs + Math.floor(sentInWave / 50) * 60_000;
        sentInWave += 1;
        simulateInvitation({
          streams,
          organizationId,
          partner,
          contact,
          quarter,
          context,
          sentiment,
          inflated,
          sentMs,
          referenceMs,
          invitations,
          responses,
        });
      }
    }
  }
  decideRenewals(referenceMs);
  return { waves, invitations, responses, renewals };
}

interface InvitationInput {
  streams: SimulationStreams;
  organizationId: string;
  partner: PartnerModel;
  contact: ContactModel;
  quarter: Quarter;
  context: WaveContext;
  sentiment: number;
  inflated: boolean;
  sentMs: number;
  referenceMs: number;
  invitations: InvitationTable[];
  responses: ResponseTable[];
}

function simulateInvitation(input: InvitationInput): void {
  const { streams, partner, contact, quarter, sentMs, referenceMs } = input;
  const random = streams.invitations;
  const invitationId = `demo-i-${String(input.invitations.length + 1).padStart(6, "0")}`;
  const horizonMs = Math.min(quarter.closesMs, referenceMs);
  const invitation: InvitationTable = {
    organization_id: input.organizationId,
    invitation_id: invitationId,
    wave_id: quarter.waveId,
    survey_id: RELATIONSHIP_SURVEY_ID,
    contact_id: contact.row.contact_id,
    partner_id: partner.row.partner_id,
    token_hash: streams.tokens.hex(64),
    channel: "email",
    event_type: null,
    event_id: null,
    status: quarter.open ? "sent" : "expired",
    sent_at: iso(sentMs),
    delivered_at: null,
    bounced_at: null,
    clicked_at: null,
    responded_at: null,
    reminders_sent: 0,
    last_reminded_at: null,
    sending_at: iso(sentMs),
    unsubscribed_at: null,
    complained_at: null,
    language: contact.row.language,
    created_at: iso(quarter.openedMs - HOUR_MS),
  };
  input.invitations.push(invitation);

  if (random.chance(0.006)) {
    const bouncedMs = sentMs + random.int(60, 1800) * 1000;
    invitation.status = "bounced";
    invitation.bounced_at = iso(bouncedMs);
    contact.bouncedMs = bouncedMs;
    contact.row.bounced_at = iso(bouncedMs);
    contact.row.updated_at = iso(bouncedMs);
    return;
  }
  invitation.delivered_at = iso(sentMs + random.int(3, 90) * 1000);

  const tier = tierAt(partner, sentMs);
  const probability = input.inflated
    ? 0.8
    : Math.min(0.92, RESPONSE_RATE[tier] * ROLE_RESPONSE_FACTOR[contact.role] * contact.propensity);
  let submittedMs: number | null = null;
  if (random.chance(probability)) {
    const at = submissionTime(random, sentMs, partner, input.inflated);
    if (at < horizonMs) submittedMs = at;
  }

  const until = submittedMs ?? horizonMs;
  let lastReminder: number | null = null;
  for (const days of REMINDER_DAYS) {
    const at = sentMs + days * DAY_MS;
    if (at >= until) break;
    invitation.reminders_sent += 1;
    lastReminder = at;
  }
  invitation.last_reminded_at = lastReminder === null ? null : iso(lastReminder);

  if (submittedMs === null) {
    if (random.chance(0.1))
      invitation.clicked_at = iso(Math.min(sentMs + random.between(1, 120) * HOUR_MS, horizonMs - 60_000));
    if (random.chance(0.005)) {
      const unsubscribedMs = Math.floor((sentMs + random.between(2, 140) * HOUR_MS) / 1000) * 1000;
      if (unsubscribedMs < referenceMs) {
        contact.unsubscribedMs = unsubscribedMs;
        contact.row.unsubscribed_at = iso(unsubscribedMs);
        contact.row.updated_at = iso(unsubscribedMs);
      }
    }
    return;
  }

  const submittedAt = iso(submittedMs);
  invitation.status = "responded";
  invitation.clicked_at = iso(submittedMs - random.int(60, 420) * 1000);
  invitation.responded_at = submittedAt;
  input.responses.push(buildResponse(input, invitationId, submittedMs, submittedAt));
}

function buildResponse(
  input: InvitationInput,
  invitationId: string,
  submittedMs: number,
  submittedAt: string,
): ResponseTable {
  const { streams, partner, contact, quarter, context } = input;
  const latent =
    input.sentiment +
    ROLE_EFFECT[contact.role] +
    contact.offset +
    streams.scores.normal(0, streams.scores.chance(0.07) ? 2.2 : 0.95);
  const trueScore = scoreFromLatent(latent);
  const score = input.inflated ? 10 : trueScore;
  partner.answered.push({ wave: quarter.index, submittedMs, trueScore });

  let plan: CommentPlan | null = null;
  let comment: string | null = null;
  if (!input.inflated && streams.comments.chance(COMMENT_RATE[categoryOf(score)])) {
    plan = commentPlan(streams.comments, score, contact.language, context);
    comment = composeComment(streams.comments, plan, {
      partnerManager: partner.manager.name.split(" ")[0]!,
      partnerManagerFemale: partner.manager.female,
    });
  }
  const drivers = driverRatings(streams.answers, input.inflated ? 10 : latent, plan, context, input.inflated);
  return {
    organization_id: input.organizationId,
    response_id: `demo-r-${String(input.responses.length + 1).padStart(6, "0")}`,
    partner_id: partner.row.partner_id,
    contact_id: contact.row.contact_id,
    invitation_id: invitationId,
    survey_id: RELATIONSHIP_SURVEY_ID,
    wave_id: quarter.waveId,
    external_id: null,
    score,
    category: categoryOf(score),
    comment,
    answers: JSON.stringify({ drivers }),
    language: contact.language,
    channel: "email",
    source: "demo",
    submitted_at: submittedAt,
    period_month: monthOf(submittedMs),
    partner_tier: tierAt(partner, submittedMs),
    partner_type: partner.row.type,
    partner_region: partner.row.region,
    partner_country: partner.row.country,
    partner_industry: partner.row.industry,
    partner_size: partner.row.size,
    owner_user_id: partner.row.owner_user_id,
    contact_role: contact.role,
    import_id: null,
    created_at: submittedAt,
    updated_at: submittedAt,
  };
}
