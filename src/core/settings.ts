import { z } from "zod";

/** Interpretation bands, highest first; the source page's defaults, editable per organization. */
export const bandSchema = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  /** Lower bound in NPS points; `inclusive` says whether a score equal to it belongs to the band. */
  min: z.number().min(-100).max(100),
  inclusive: z.boolean(),
  advice: z.string(),
});
export type Band = z.infer<typeof bandSchema>;

export const intervalMethods = ["adjusted-wald", "wald", "tango", "bayes"] as const;
export type IntervalMethod = (typeof intervalMethods)[number];

export const organizationSettingsSchema = z.object({
  bands: z.array(bandSchema).min(1),
  roleWeights: z.record(z.string(), z.number().min(0).max(100)),
  defaultRoleWeight: z.number().min(0).max(100),
  intervalMethod: z.enum(intervalMethods),
  confidence: z.number().gt(0).lt(1),
  smallSampleThreshold: z.number().int().min(1).max(100_000),
  timeZone: z.string().min(1),
  fatigue: z.object({
    minDaysBetweenSurveys: z.number().int().min(0).max(3650),
    maxInvitationsPerPartnerPerQuarter: z.number().int().min(0).max(100_000),
  }),
  slaBusinessDays: z.number().int().min(0).max(60),
  /** Business days before a case's due date when its owner is reminded (0 = on the due day). */
  caseReminderBusinessDays: z.number().int().min(0).max(30),
  /** Who owns a follow-up case when its partner has no manager; null = the organization's first admin. */
  caseDefaultOwnerUserId: z.string().min(1).nullable(),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

export const defaultSettings: OrganizationSettings = Object.freeze({
  bands: [
    {
      key: "exceptional",
      label: "Exceptional",
      min: 70,
      inclusive: true,
      advice: "Keep doing what works; ask promoters for referrals.",
    },
    {
      key: "strong",
      label: "Strong",
      min: 50,
      inclusive: false,
      advice: "Strong loyalty; partners are likely to recommend you.",
    },
    {
      key: "moderate",
      label: "Moderate",
      min: 30,
      inclusive: true,
      advice: "Moderate loyalty; room for improvement exists.",
    },
    { key: "low", label: "Low", min: -100, inclusive: true, advice: "Low loyalty; urgent action required." },
  ],
  roleWeights: { executive_sponsor: 2, decision_maker: 2 },
  defaultRoleWeight: 1,
  intervalMethod: "adjusted-wald",
  confidence: 0.95,
  smallSampleThreshold: 30,
  timeZone: "UTC",
  fatigue: { minDaysBetweenSurveys: 60, maxInvitationsPerPartnerPerQuarter: 10 },
  slaBusinessDays: 2,
  caseReminderBusinessDays: 1,
  caseDefaultOwnerUserId: null,
}) as OrganizationSettings;

/** Reads stored settings, filling anything missing from the defaults so old rows stay valid. */
export function parseSettings(json: string | null | undefined): OrganizationSettings {
  const stored = json ? (JSON.parse(json) as Partial<OrganizationSettings>) : {};
  return organizationSettingsSchema.parse({ ...defaultSettings, ...stored });
}

/** The band an NPS value falls in (bands are checked highest first). */
export function bandFor(nps: number, bands: Band[]): Band | null {
  const ordered = [...bands].sort((a, b) => b.min - a.min);
  return ordered.find((band) => (band.inclusive ? nps >= band.min : nps > band.min)) ?? null;
}
