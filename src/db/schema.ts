/*
 * Row types of every table. Portable storage conventions (docs/decisions.md):
 * ids are text, timestamps are ISO-8601 UTC text, dates are YYYY-MM-DD text, booleans are 0/1 integers
 * and structured values are JSON text, so one query reads the same on SQLite and PostgreSQL.
 * organization_id leads every primary, unique and foreign key, so the schema can be distributed by
 * organization (Citus) unchanged.
 */

export type Flag = 0 | 1;

export interface OrganizationTable {
  organization_id: string;
  name: string;
  slug: string;
  /** The company name used in the NPS question ("How likely are you to recommend {company_name}…"). */
  company_name: string;
  /** JSON: bands, role weights, interval method, small-sample threshold, fatigue rules, time zone. */
  settings: string;
  /** 256-bit secret survey-link tokens are derived from (never logged, never sent to the browser). */
  invitation_secret: string | null;
  created_at: string;
}

export type UserRole = "admin" | "analyst" | "partner_manager" | "viewer";

export interface UserTable {
  organization_id: string;
  user_id: string;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string | null;
  /** Escalation target for overdue follow-up cases. */
  lead_user_id: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionTable {
  organization_id: string;
  session_id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** Single-use password reset (or first password) links: only the token's SHA-256 is stored. */
export interface PasswordResetTable {
  organization_id: string;
  reset_id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Failed sign-ins for rate limiting; attempt_key = SHA-256 of email and client IP. */
export interface LoginAttemptTable {
  attempt_key: string;
  attempt_id: string;
  attempted_at: string;
}

export interface ApiKeyTable {
  organization_id: string;
  api_key_id: string;
  name: string;
  key_prefix: string;
  key_hash: string;
  /** JSON array of scopes, e.g. ["responses:write","triggers:write"]. */
  scopes: string;
  created_by_user_id: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface PartnerTable {
  organization_id: string;
  partner_id: string;
  external_id: string | null;
  name: string;
  type: string | null;
  tier: string | null;
  region: string | null;
  country: string | null;
  industry: string | null;
  size: string | null;
  owner_user_id: string | null;
  annual_revenue: number | null;
  renewal_date: string | null;
  strategic: Flag;
  /** JSON object of custom attributes. */
  custom: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactTable {
  organization_id: string;
  contact_id: string;
  partner_id: string;
  external_id: string | null;
  name: string | null;
  email: string | null;
  role: string | null;
  language: string | null;
  consent: Flag;
  unsubscribed_at: string | null;
  bounced_at: string | null;
  custom: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SurveyTable {
  organization_id: string;
  survey_id: string;
  name: string;
  kind: "relationship" | "transactional";
  anonymous: Flag;
  default_language: string;
  /** JSON array of languages offered. */
  languages: string;
  /** JSON: driver areas enabled and custom questions with per-language text. */
  questions: string;
  created_at: string;
  archived_at: string | null;
}

export interface WaveTable {
  organization_id: string;
  wave_id: string;
  survey_id: string;
  name: string;
  status: "draft" | "scheduled" | "open" | "closed";
  /** JSON: partner and contact filters that define the audience. */
  audience: string;
  /** JSON array of days after sending when non-responders get a reminder. */
  reminder_days: string;
  scheduled_at: string | null;
  opened_at: string | null;
  closes_at: string | null;
  closed_at: string | null;
  created_at: string;
}

export interface InvitationTable {
  organization_id: string;
  invitation_id: string;
  wave_id: string | null;
  survey_id: string;
  contact_id: string;
  partner_id: string;
  /** SHA-256 of the survey token; the token itself is only ever in the link. */
  token_hash: string;
  channel: "email" | "link" | "trigger";
  event_type: string | null;
  event_id: string | null;
  status: "pending" | "sent" | "bounced" | "responded" | "expired";
  sent_at: string | null;
  delivered_at: string | null;
  bounced_at: string | null;
  clicked_at: string | null;
  responded_at: string | null;
  reminders_sent: number;
  last_reminded_at: string | null;
  /** Set just before the mail is handed to SMTP; with sent_at still null it marks an uncertain send. */
  sending_at: string | null;
  unsubscribed_at: string | null;
  complained_at: string | null;
  /** The language the invitation was written in. */
  language: string | null;
  created_at: string;
}

export type ScoreCategory = "promoter" | "passive" | "detractor";

export interface ResponseTable {
  organization_id: string;
  response_id: string;
  partner_id: string;
  contact_id: string | null;
  invitation_id: string | null;
  survey_id: string | null;
  wave_id: string | null;
  external_id: string | null;
  score: number;
  category: ScoreCategory;
  comment: string | null;
  /** JSON: driver ratings and custom answers. */
  answers: string;
  language: string | null;
  channel: string;
  source: "web" | "email" | "api" | "import" | "demo";
  submitted_at: string;
  /** YYYY-MM of submitted_at (UTC); the rollups' period key. */
  period_month: string;
  // Snapshot of the partner and contact at response time, so later edits do not rewrite history.
  partner_tier: string | null;
  partner_type: string | null;
  partner_region: string | null;
  partner_country: string | null;
  partner_industry: string | null;
  partner_size: string | null;
  owner_user_id: string | null;
  contact_role: string | null;
  import_id: string | null;
  created_at: string;
  updated_at: string;
}

/** The stored row adds the comment folded for search (lower case, no accents), derived by modules/responses. */
export interface StoredResponseTable extends ResponseTable {
  comment_search: string | null;
}

/** Counts per (partner, month, segment snapshot, role, survey, wave, channel, score); '' means missing. */
export interface ResponseRollupTable {
  organization_id: string;
  partner_id: string;
  period_month: string;
  tier: string;
  type: string;
  region: string;
  country: string;
  industry: string;
  owner_user_id: string;
  role: string;
  survey_id: string;
  wave_id: string;
  channel: string;
  score: number;
  responses: number;
}

/** Counts per (one dimension's value, month, score): the small cube the overview reads. */
export interface ScoreRollupTable {
  organization_id: string;
  dimension: string;
  dimension_value: string;
  period_month: string;
  score: number;
  responses: number;
}

export interface ImportTable {
  organization_id: string;
  import_id: string;
  kind: "partners" | "contacts" | "responses" | "metrics";
  file_name: string;
  encoding: string;
  delimiter: string;
  status: "completed" | "completed_with_rejections";
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** JSON list of {row, column, reason}. */
  errors: string;
  created_by: string;
  created_at: string;
}

export interface SavedMappingTable {
  organization_id: string;
  mapping_id: string;
  kind: string;
  name: string;
  /** JSON object field → column. */
  mapping: string;
  created_at: string;
}

export interface FollowUpCaseTable {
  organization_id: string;
  case_id: string;
  partner_id: string;
  owner_user_id: string | null;
  rule: string;
  status: "new" | "in_progress" | "contacted" | "resolved" | "closed_without_action";
  due_at: string;
  first_contact_at: string | null;
  resolved_at: string | null;
  escalated_at: string | null;
  /** JSON array of root-cause tags. */
  root_causes: string;
  action_taken: string | null;
  created_at: string;
  updated_at: string;
  /** Added by 005-cases: the case_rules row that opened it (rule holds its kind), its priority, the
   * category of the response that opened it (for recovery) and why the rule matched. */
  rule_id: string | null;
  priority: string | null;
  opened_category: ScoreCategory | null;
  reason: string | null;
}

/** A follow-up rule of one organization (005-cases); kind names an evaluator in core/cases/case-rules.ts. */
export interface CaseRuleTable {
  organization_id: string;
  rule_id: string;
  kind: string;
  name: string;
  /** JSON: the kind's parameters (tiers, points, minimum n…). */
  params: string;
  enabled: Flag;
  /** Null: the organization's slaBusinessDays setting. */
  sla_business_days: number | null;
  priority: "high" | "normal" | "low";
  created_at: string;
  updated_at: string;
}

/** One (rule, response) pair that opened or joined a case: the response.received job's idempotency key. */
export interface CaseRuleMatchTable {
  organization_id: string;
  rule_id: string;
  response_id: string;
  case_id: string;
  created_at: string;
}

export interface RootCauseTable {
  organization_id: string;
  root_cause_id: string;
  name: string;
  description: string | null;
  archived_at: string | null;
  created_at: string;
}

/** The first answer of a partner after one of its cases was closed: category at case open → new one. */
export interface CaseRecoveryTable {
  organization_id: string;
  case_id: string;
  partner_id: string;
  response_id: string;
  previous_category: ScoreCategory;
  new_category: ScoreCategory;
  created_at: string;
}

/** What happened with a partner that its manager should see in one list (cases, "you said, we did"). */
export interface PartnerTimelineTable {
  organization_id: string;
  entry_id: string;
  partner_id: string;
  kind: string;
  title: string;
  entity_type: string | null;
  entity_id: string | null;
  created_at: string;
}

export interface CaseResponseTable {
  organization_id: string;
  case_id: string;
  response_id: string;
}

export interface CaseNoteTable {
  organization_id: string;
  note_id: string;
  case_id: string;
  user_id: string | null;
  kind: "note" | "contact" | "status";
  body: string;
  created_at: string;
}

export interface ThemeTable {
  organization_id: string;
  theme_id: string;
  name: string;
  /** JSON array of keywords / phrases that tag a comment with this theme. */
  keywords: string;
  created_at: string;
}

export interface InitiativeTable {
  organization_id: string;
  initiative_id: string;
  title: string;
  description: string | null;
  status: "planned" | "in_progress" | "done";
  /** JSON arrays of theme ids and case ids the initiative answers. */
  theme_ids: string;
  case_ids: string;
  owner_user_id: string | null;
  done_at: string | null;
  created_at: string;
}

export interface OperationalMetricTable {
  organization_id: string;
  metric_id: string;
  partner_id: string;
  /** e.g. support_response_hours, deal_registration_days, mdf_payment_days, pipeline, revenue, renewed. */
  metric: string;
  /** YYYY-MM or YYYY-MM-DD. */
  period: string;
  value: number;
  created_at: string;
}

export interface BenchmarkTable {
  organization_id: string;
  benchmark_id: string;
  name: string;
  source: string;
  year: number | null;
  segment: string | null;
  statistic: string;
  value: number;
  created_at: string;
}

export interface TargetTable {
  organization_id: string;
  target_id: string;
  name: string;
  /** JSON filter the target applies to (empty object = whole program). */
  segment: string;
  start_value: number;
  target_value: number;
  start_date: string;
  due_date: string;
  created_at: string;
}

export type JobStatus = "queued" | "running" | "done" | "dead";

export interface JobTable {
  organization_id: string;
  job_id: string;
  kind: string;
  payload: string;
  status: JobStatus;
  /** Deduplicates enqueues of the same work (e.g. one mail per invitation). */
  dedupe_key: string | null;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  result: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface AuditLogTable {
  organization_id: string;
  audit_id: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: string;
  created_at: string;
}

export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  sessions: SessionTable;
  password_resets: PasswordResetTable;
  login_attempts: LoginAttemptTable;
  api_keys: ApiKeyTable;
  partners: PartnerTable;
  contacts: ContactTable;
  surveys: SurveyTable;
  waves: WaveTable;
  invitations: InvitationTable;
  responses: StoredResponseTable;
  response_rollups: ResponseRollupTable;
  score_rollups: ScoreRollupTable;
  imports: ImportTable;
  saved_mappings: SavedMappingTable;
  follow_up_cases: FollowUpCaseTable;
  case_responses: CaseResponseTable;
  case_notes: CaseNoteTable;
  themes: ThemeTable;
  initiatives: InitiativeTable;
  case_rules: CaseRuleTable;
  case_rule_matches: CaseRuleMatchTable;
  root_causes: RootCauseTable;
  case_recoveries: CaseRecoveryTable;
  partner_timeline: PartnerTimelineTable;
  operational_metrics: OperationalMetricTable;
  benchmarks: BenchmarkTable;
  targets: TargetTable;
  jobs: JobTable;
  audit_log: AuditLogTable;
  alert_preferences: AlertPreferenceTable;
  alert_events: AlertEventTable;
  alert_deliveries: AlertDeliveryTable;
  initiative_messages: InitiativeMessageTable;
}

export type AlertChannel = "email" | "slack" | "teams";
export type AlertEvent = "case_opened" | "case_reminder" | "case_escalated" | "initiative_done";

/** One alert channel of a user; target is an email address or a webhook URL (a secret). */
export interface AlertPreferenceTable {
  organization_id: string;
  user_id: string;
  channel: AlertChannel;
  target: string | null;
  /** JSON array of AlertEvent. */
  events: string;
  enabled: Flag;
  created_at: string;
  updated_at: string;
}

/** Marks that an event (e.g. a case's reminder) was fanned out, so it happens once per subject. */
export interface AlertEventTable {
  organization_id: string;
  event: AlertEvent;
  subject_id: string;
  created_at: string;
}

export interface AlertDeliveryTable {
  organization_id: string;
  alert_id: string;
  event: AlertEvent;
  /** The case or initiative id; with event, user and channel it is unique. */
  subject_id: string;
  case_id: string | null;
  initiative_id: string | null;
  user_id: string;
  channel: AlertChannel;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  sending_at: string | null;
  delivered_at: string | null;
  last_error: string | null;
  created_at: string;
}

/** The "you said, we did" mail of one initiative to one contact. */
export interface InitiativeMessageTable {
  organization_id: string;
  initiative_id: string;
  contact_id: string;
  partner_id: string;
  status: "pending" | "sent" | "skipped";
  sending_at: string | null;
  sent_at: string | null;
  skipped_reason: string | null;
  created_at: string;
}
