import type { DemoThemeId } from "./comment-templates.js";

// One source for the planted effects, so the generator, its tests and docs/demo-data.md cannot disagree.

/** How many of the most recent quarterly waves the time-bound effects cover. */
export const RECENT_WAVES = 3;

export const DECLINING_SEGMENT = { region: "EMEA", tier: "gold" } as const;
/** Shift of the latent 0–10 score of the declining segment in the last three waves, oldest first. */
export const DECLINE_LATENT_SHIFTS = [-0.8, -1.5, -2.2] as const;
/** Support response time multiplier of the declining segment in the same waves (the planted root cause). */
export const DECLINE_SUPPORT_HOURS_FACTORS = [1.8, 2.5, 3.2] as const;

export const RISING_THEME: DemoThemeId = "deal_registration";
/** Weight multiplier of the rising theme among complaint topics in the last three waves. */
export const RISING_THEME_MULTIPLIERS = [3.5, 6.5, 10] as const;
/** Program-wide deal-registration approval time multiplier in the same waves. */
export const RISING_THEME_DAYS_FACTORS = [1.6, 2.3, 3] as const;

export const INFLATING_MANAGER_ID = "demo-u-pm-07";

export const RENEWAL_PROBABILITY = { promoter: 0.95, passive: 0.8, detractor: 0.3, silent: 0.6 } as const;

export type PlantedEffect =
  | (EffectText & {
      id: "segment_decline";
      region: string;
      tier: string;
      recentWaves: number;
      latentShifts: readonly number[];
    })
  | (EffectText & {
      id: "rising_theme";
      theme: DemoThemeId;
      amongCategory: "detractor";
      recentWaves: number;
      weightMultipliers: readonly number[];
    })
  | (EffectText & { id: "score_inflation"; ownerUserId: string })
  | (EffectText & {
      id: "renewal_follows_nps";
      metric: "renewed";
      renewalProbability: typeof RENEWAL_PROBABILITY;
      correlatedMetrics: readonly string[];
    });

interface EffectText {
  title: string;
  howPlanted: string;
  expectedFinding: string;
}

function list(values: readonly number[], unit = ""): string {
  const parts = values.map((v) => `${v}${unit}`);
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function percent(probability: number): string {
  return `${Math.round(probability * 100)} %`;
}

export function listPlantedEffects(): PlantedEffect[] {
  return [
    {
      id: "segment_decline",
      title: "EMEA gold partners decline over the last three quarters",
      howPlanted:
        `For responses whose partner was EMEA and gold at the time, the latent 0–10 score drops by ${list(DECLINE_LATENT_SHIFTS.map((s) => -s))} ` +
        `points in the last three waves; their support response hours rise ${list(DECLINE_SUPPORT_HOURS_FACTORS, "×")}, ` +
        "the technical support driver rating falls and their detractors mostly complain about support.",
      expectedFinding:
        "NPS of region EMEA × tier gold falls by 30+ points against its first nine quarters (significant), while the " +
        "rest of the program stays flat; technical support is the driver and theme that explains it.",
      region: DECLINING_SEGMENT.region,
      tier: DECLINING_SEGMENT.tier,
      recentWaves: RECENT_WAVES,
      latentShifts: DECLINE_LATENT_SHIFTS,
    },
    {
      id: "rising_theme",
      title: "Deal-registration delays rise among detractors",
      howPlanted:
        `The weight of the deal-registration theme among complaint topics is multiplied by ${list(RISING_THEME_MULTIPLIERS)} ` +
        "in the last three waves (half as much for passives, less praise of it from promoters); deal-registration " +
        `approval days rise ${list(RISING_THEME_DAYS_FACTORS, "×")} program-wide and the deal registration driver rating falls.`,
      expectedFinding:
        "The share of detractor comments mentioning deal registration grows from roughly 10–15 % in the first " +
        "nine quarters to 35–45 % in the last three (significant); the theme's impact on NPS grows; " +
        "deal_registration_days rises and correlates negatively with NPS.",
      theme: RISING_THEME,
      amongCategory: "detractor",
      recentWaves: RECENT_WAVES,
      weightMultipliers: RISING_THEME_MULTIPLIERS,
    },
    {
      id: "score_inflation",
      title: "One partner manager's partners give only 10s without comments",
      howPlanted:
        "Every response from a partner owned by demo-u-pm-07 is a 10 with no comment and all driver ratings at 5, " +
        "answered within a day at a high response rate; the partners' real sentiment (used for their renewals and " +
        "operational metrics) is as mixed as anyone's.",
      expectedFinding:
        "The integrity check flags demo-u-pm-07: 100 % tens and no comments across hundreds of responses, while " +
        "every other manager's partners give 10s in well under half of their answers and comment on ~45 %; the " +
        "operational metrics of these partners do not show the all-promoter picture their scores paint.",
      ownerUserId: INFLATING_MANAGER_ID,
    },
    {
      id: "renewal_follows_nps",
      title: "Renewals and operational metrics follow NPS",
      howPlanted:
        "Each partner whose renewal date is in the past gets a renewed metric (1/0) on that date, drawn with " +
        `probability ${percent(RENEWAL_PROBABILITY.promoter)} / ${percent(RENEWAL_PROBABILITY.passive)} / ` +
        `${percent(RENEWAL_PROBABILITY.detractor)} when the rounded mean score of its latest answered wave before ` +
        `the renewal is a promoter / passive / detractor score (${percent(RENEWAL_PROBABILITY.silent)} for partners ` +
        "that never answered); partners that do not renew are archived two weeks later and surveyed no more. " +
        "Quarterly support_response_hours, deal_registration_days, mdf_payment_days, pipeline and revenue are " +
        "drawn from the partner's true sentiment of that quarter.",
      expectedFinding:
        "Promoter partners renew far more often than detractor partners (a gap of 40+ points, passives in " +
        "between); support hours, approval days and MDF payment days correlate negatively, pipeline and revenue " +
        "positively, with partner NPS.",
      metric: "renewed",
      renewalProbability: RENEWAL_PROBABILITY,
      correlatedMetrics: [
        "support_response_hours",
        "deal_registration_days",
        "mdf_payment_days",
        "pipeline",
        "revenue",
      ],
    },
  ];
}
