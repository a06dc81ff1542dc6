/** Waves as /api/v1/waves speaks them (src/modules/waves/wave.ts, wave.service.ts, audience.service.ts). */
export interface Audience {
  tier?: string[];
  type?: string[];
  region?: string[];
  country?: string[];
  owner?: string[];
  partner_ids?: string[];
  strategic?: boolean;
  roles?: string[];
  languages?: string[];
}

export type WaveStatus = "draft" | "scheduled" | "open" | "closed";

export interface Wave {
  wave_id: string;
  survey_id: string;
  name: string;
  status: WaveStatus;
  audience: Audience;
  reminder_days: number[];
  scheduled_at: string | null;
  opened_at: string | null;
  closes_at: string | null;
  closed_at: string | null;
  created_at: string;
}

export interface Funnel {
  key: string | null;
  invited: number;
  sent: number;
  bounced: number;
  unsubscribed: number;
  clicked: number;
  responded: number;
  delivered: number;
  response_rate: number | null;
}

export type ProgressBy = "partner" | "tier" | "region";
export type WaveProgress = { wave_id: string } & Funnel;
export interface WaveProgressGroups {
  wave_id: string;
  by: ProgressBy;
  groups: Funnel[];
}

export interface AudiencePerson {
  contact_id: string;
  name: string | null;
  email: string | null;
  role: string | null;
  partner_id: string;
  partner: string;
  tier: string | null;
}

export interface AudiencePreview {
  recipients: number;
  partners: number;
  excluded: number;
  excluded_by_reason: Record<string, number>;
  included: AudiencePerson[];
  exclusions: (AudiencePerson & { reason: string; explanation: string })[];
}

export const exclusionLabels: Record<string, string> = {
  unsubscribed: "Unsubscribed",
  bounced: "Email bounced",
  no_email: "No email address",
  no_consent: "No consent to be surveyed",
  already_invited: "Already invited to this wave",
  fatigue: "Surveyed too recently (fatigue rule)",
  partner_cap: "Partner reached its invitation cap this quarter",
};

export const statusLabels: Record<WaveStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  open: "Open",
  closed: "Closed",
};

export function formatDate(iso: string | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function formatPercent(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)} %`;
}

/** Non-empty lists only, so an untouched filter means "everyone" as the server reads it. */
export function compactAudience(audience: Audience): Audience {
  const out: Audience = {};
  for (const [key, value] of Object.entries(audience) as [keyof Audience, Audience[keyof Audience]][]) {
    if (Array.isArray(value) ? value.length > 0 : value !== undefined)
      (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

export function describeAudienceFilters(audience: Audience): string {
  const parts: string[] = [];
  const list = (label: string, values?: string[]) => {
    if (values?.length) parts.push(`${label}: ${values.join(", ")}`);
  };
  list("Tier", audience.tier);
  list("Type", audience.type);
  list("Region", audience.region);
  list("Country", audience.country);
  if (audience.strategic !== undefined)
    parts.push(audience.strategic ? "Strategic partners only" : "Non-strategic partners only");
  if (audience.partner_ids?.length) parts.push(`${audience.partner_ids.length} chosen partners`);
  list("Roles", audience.roles);
  list("Languages", audience.languages);
  return parts.length ? parts.join(" · ") : "All reachable contacts of active partners";
}
