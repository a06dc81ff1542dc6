/** GET/PATCH /api/v1/settings (src/core/settings.ts) and the admin endpoints of the auth contract. */
export interface Band {
  key: string;
  label: string;
  min: number;
  inclusive: boolean;
  advice: string;
}

export const intervalMethods = ["adjusted-wald", "wald", "tango", "bayes"] as const;
export type IntervalMethod = (typeof intervalMethods)[number];
export const intervalMethodLabels: Record<IntervalMethod, string> = {
  "adjusted-wald": "Adjusted Wald (recommended for small samples)",
  wald: "Wald",
  tango: "Tango score interval",
  bayes: "Bayesian (Dirichlet posterior)",
};

export interface OrganizationSettings {
  bands: Band[];
  roleWeights: Record<string, number>;
  defaultRoleWeight: number;
  intervalMethod: IntervalMethod;
  confidence: number;
  smallSampleThreshold: number;
  timeZone: string;
  fatigue: { minDaysBetweenSurveys: number; maxInvitationsPerPartnerPerQuarter: number };
  slaBusinessDays: number;
  caseReminderBusinessDays: number;
}

export const userRoles = ["admin", "analyst", "partner_manager", "viewer"] as const;
export type UserRole = (typeof userRoles)[number];
export const roleLabels: Record<UserRole, string> = {
  admin: "Admin",
  analyst: "Analyst",
  partner_manager: "Partner manager",
  viewer: "Viewer",
};

export interface UserView {
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  leadUserId: string | null;
  disabled: boolean;
  createdAt: string;
}

export const apiKeyScopes = ["read", "write", "triggers", "admin"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];
export const scopeDescriptions: Record<ApiKeyScope, string> = {
  read: "Read data and analytics",
  write: "Create and change partners, contacts, surveys and waves",
  triggers: "Send transactional surveys",
  admin: "Administer the organization",
};

export interface ApiKeyView {
  apiKeyId: string;
  name: string;
  keyPrefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
}
