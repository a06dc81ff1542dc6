import { addBusinessDays } from "../../core/cases/business-days.js";
import { type CaseRule, evaluateRules } from "../../core/cases/case-rules.js";
import { ManualClock } from "../../core/clock.js";
import { type DemoThemeId, detectDemoThemes } from "../../core/demo/comment-templates.js";
import { themeId } from "../../core/demo/demo-organization.js";
import { createRandom, type Random } from "../../core/demo/random.js";
import { newId } from "../../core/ids.js";
import type { OrganizationSettings } from "../../core/settings.js";
import type { Executor } from "../../db/database.js";
import type { InitiativeTable } from "../../db/schema.js";
import { recordAudit } from "../audit/audit.repository.js";
import { insertInitiative } from "../initiatives/initiative.repository.js";
import { getOrganizationSettings } from "../organizations/organization.service.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { updateCase } from "./case.repository.js";
import { addCaseNoteInTransaction, changeCaseInTransaction } from "./case.service.js";
import { addTimelineEntry, waveScoresByPartner } from "./case-opening.repository.js";
import { openCasesInTransaction } from "./case-opening.service.js";
import { loadCaseRules } from "./case-rule.service.js";

/** What the demo replays: the seed of its stories and the instant it calls "now". */
export interface DemoCaseOptions {
  seed: number;
  /** The demo's "now": no case event is dated after it. */
  referenceDate: string;
  /** How many of the latest waves go through the rules (default 4: a year of quarterly history). */
  waves?: number;
}

export interface DemoCaseSummary {
  cases: number;
  recoveries: number;
  initiatives: number;
}

export const DEMO_CASE_WAVES = 4;
/** The most recent cases an initiative links to (it answers what those partners said). */
const INITIATIVE_CASES = 12;

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** How an opened case goes; shares are of cases whose story has time to play out before "now". */
const OUTCOMES = [
  ["on_time", 78],
  ["late", 14],
  ["stalled", 5],
  ["unreachable", 3],
] as const;
type Outcome = (typeof OUTCOMES)[number][0];

const THEME_CAUSE: Record<DemoThemeId, string> = {
  deal_registration: "deal_registration",
  mdf_payments: "co_marketing",
  enablement: "enablement",
  technical_support: "technical_support",
  partner_portal: "ease_of_doing_business",
  communication: "communication",
  profitability: "profitability",
  partner_manager: "communication",
};

/** Root causes of cases whose answer names no theme (no comment, or praise only). */
const FALLBACK_CAUSES: readonly (readonly [string, number])[] = [
  ["profitability", 3],
  ["pricing", 2],
  ["product", 2],
  ["technical_support", 2],
  ["deal_registration", 2],
  ["co_marketing", 2],
  ["enablement", 2],
  ["communication", 2],
  ["ease_of_doing_business", 1],
  ["other", 1],
];

interface CauseTexts {
  contact: readonly string[];
  note: string;
  action: string;
}

/** Short texts a partner manager would write; {first} is the respondent's first name. */
const TEXTS: Record<string, CauseTexts> = {
  deal_registration: {
    contact: [
      "Call with {first}: two deal registrations waited over three weeks; they lost one deal meanwhile.",
      "Spoke with {first}. Registrations sit in the queue for weeks; asked for the deal IDs to chase them.",
    ],
    note: "Raised the backlog with the deal desk; approvals are running two to three weeks behind.",
    action: "Deal desk cleared their pending registrations and committed to approval within 2 business days.",
  },
  co_marketing: {
    contact: [
      "Call with {first}: last quarter's MDF claim is still unpaid; finance asked for proof of execution twice.",
      "Talked to {first} about co-marketing funds; the claim process is too heavy for their small team.",
    ],
    note: "Finance found the claim stuck on a missing invoice reference; payment set for the next run.",
    action: "Outstanding MDF claim paid; walked their marketing lead through the simplified claim form.",
  },
  enablement: {
    contact: [
      "Video call with {first}: new hires cannot find role-based training and exam slots are fully booked.",
      "Spoke with {first}: their presales team needs hands-on labs before they can position the new edition.",
    ],
    note: "Booked two seats for them on the next certification bootcamp.",
    action: "Enrolled their new hires in the onboarding track and reserved certification slots.",
  },
  technical_support: {
    contact: [
      "Call with {first}: a P1 ticket waited two days for a first answer; their customer escalated.",
      "Spoke with {first}: tickets bounce between support teams and nobody owns them.",
    ],
    note: "Reviewed their tickets with the support lead; two were routed to the wrong queue.",
    action: "Support lead reviewed their open tickets; they now have a named escalation contact for P1s.",
  },
  communication: {
    contact: [
      "Call with {first}: they heard about the price change from a customer before hearing it from us.",
      "Met {first}: roadmap news reaches them too late to plan their pitch; wants one contact who answers.",
    ],
    note: "Added their team to the partner newsletter and the quarterly roadmap webinar.",
    action: "Set up a monthly call with their partner manager and added them to the roadmap briefings.",
  },
  profitability: {
    contact: [
      "Call with {first}: renewal margins dropped after the discount change; they are reviewing the partnership.",
      "Spoke with {first}: services attach is their only profit now; licence margin no longer covers presales.",
    ],
    note: "Shared their margin figures with channel finance for the tier pricing review.",
    action: "Agreed a renewal margin uplift for their tier from next quarter.",
  },
  ease_of_doing_business: {
    contact: [
      "Call with {first}: the partner portal logs them out and a quote takes too many steps.",
      "Spoke with {first}: ordering needs three systems and two approvals; they want one place.",
    ],
    note: "Logged the portal issues with IT (session timeout, quote wizard).",
    action: "Portal session fix shipped; walked them through the shorter quote flow.",
  },
  product: {
    contact: [
      "Spoke with {first}: two customer escalations on stability this quarter hurt their reputation.",
      "Call with {first}: the missing SSO integration blocks two enterprise deals.",
    ],
    note: "Passed the issues to product management with the customer names.",
    action: "Product team met their two customers; fixes are scheduled in the next release.",
  },
  pricing: {
    contact: [
      "Call with {first}: the list price increase makes them uncompetitive in mid-market deals.",
      "Spoke with {first}: competitors undercut us by 20 % on their last three bids.",
    ],
    note: "Asked the pricing team whether competitive-deal discounts apply to their pipeline.",
    action: "Approved competitive-deal pricing for their open opportunities.",
  },
  other: {
    contact: [
      "Call with {first}: general frustration, no single cause; agreed to talk again after their busy season.",
      "Spoke with {first}: mostly internal changes on their side affecting the relationship.",
    ],
    note: "Booked a follow-up at their next QBR.",
    action: "Agreed a monthly check-in with their partner manager.",
  },
};

const NO_CHANGE_ACTIONS = [
  "Partner explained the score as a one-off frustration; nothing to change on our side.",
  "Issue sits with the partner's own reorganisation; agreed to revisit at the QBR.",
  "Partner already moved on from the issue; no action needed.",
];

interface WindowResponse {
  response_id: string;
  partner_id: string;
  score: number;
  category: "promoter" | "passive" | "detractor";
  comment: string | null;
  wave_id: string | null;
  submitted_at: string;
  tier: string | null;
  strategic: number;
  archived_at: string | null;
  contact_name: string | null;
}

interface CaseState {
  caseId: string;
  partnerId: string;
  closed: boolean;
  causes: string[];
  createdAt: number;
  closedAt: number | null;
}

interface Action {
  at: number;
  run: () => Promise<void>;
}

/**
 * The demo's closed loop. The organization's real case rules run over the responses of its last few waves
 * in the order they arrived (clock = each answer's time), so cases open with the real SLA, owner and
 * grouping, and the real recovery recorder sees each partner's later answers. Between answers the case
 * owners work their cases through the real services (status changes, contact and internal notes, root
 * causes, action taken) at seeded, plausible times up to the reference date; an uncontacted case past its
 * due time gets escalated_at as the case calendar would set it. Nothing is queued: no alert, no
 * "you said, we did" message for demo history. Everything runs inside the caller's transaction.
 */
export async function openDemoCases(
  db: Executor,
  organizationId: string,
  options: DemoCaseOptions,
): Promise<DemoCaseSummary> {
  const summary: DemoCaseSummary = { cases: 0, recoveries: 0, initiatives: 0 };
  const horizon = Date.parse(options.referenceDate);
  const waves = await latestWaves(db, organizationId, options.waves ?? DEMO_CASE_WAVES);
  if (waves.length === 0) return summary;
  const responses = await windowResponses(
    db,
    organizationId,
    waves.map((w) => w.waveId),
    options.referenceDate,
  );
  const clock = new ManualClock(waves[0]!.firstAt);
  // The rules and root-cause taxonomy exist from the start of the replayed history.
  const rules = await loadCaseRules(db, organizationId, clock);
  const settings = await getOrganizationSettings(db, organizationId);
  const scores = await waveScoresByPartner(db, organizationId);
  const history = new CaseHistory(
    db,
    organizationId,
    clock,
    settings,
    rules,
    createRandom(options.seed).fork("follow-up-cases"),
    horizon,
  );
  for (const r of responses) {
    const at = Date.parse(r.submitted_at);
    await history.runUntil(at);
    // The rules are evaluated here first so only answers that open a case, or may record a recovery,
    // pay for the real per-response work (which evaluates them again).
    const matches = evaluateRules(
      rules,
      {
        responseId: r.response_id,
        score: r.score,
        category: r.category,
        comment: r.comment,
        waveId: r.wave_id,
      },
      { partnerId: r.partner_id, tier: r.tier, strategic: r.strategic === 1 },
      { partnerWaves: scores.get(r.partner_id) ?? [] },
    );
    if (matches.length === 0 && !history.awaitsRecovery(r.partner_id, at)) continue;
    clock.set(r.submitted_at);
    const result = await openCasesInTransaction(db, organizationId, r.response_id, clock, {
      notify: false,
      rules,
      settings,
    });
    summary.recoveries += result.recoveries.length;
    history.answered(r.partner_id, at);
    for (const caseId of result.opened) {
      summary.cases++;
      await history.plan(caseId, r);
    }
  }
  await history.runUntil(horizon);
  summary.initiatives = await addDemoInitiatives(db, organizationId, clock, history.cases(), waves, horizon);
  return summary;
}

/** The organization's latest waves with answers, oldest first, each with its first answer's time. */
async function latestWaves(db: Executor, organizationId: string, count: number) {
  const rows = await db
    .selectFrom("responses")
    .select((eb) => ["wave_id", eb.fn.min("submitted_at").as("first_at")])
    .where("organization_id", "=", organizationId)
    .where("wave_id", "is not", null)
    .groupBy("wave_id")
    .orderBy("first_at", "desc")
    .orderBy("wave_id", "desc")
    .limit(count)
    .execute();
  return rows.reverse().map((row) => ({ waveId: row.wave_id!, firstAt: String(row.first_at) }));
}

function windowResponses(
  db: Executor,
  organizationId: string,
  waveIds: string[],
  before: string,
): Promise<WindowResponse[]> {
  return db
    .selectFrom("responses as r")
    .innerJoin("partners as p", (join) =>
      join.onRef("p.organization_id", "=", "r.organization_id").onRef("p.partner_id", "=", "r.partner_id"),
    )
    .leftJoin("contacts as c", (join) =>
      join.onRef("c.organization_id", "=", "r.organization_id").onRef("c.contact_id", "=", "r.contact_id"),
    )
    .select([
      "r.response_id",
      "r.partner_id",
      "r.score",
      "r.category",
      "r.comment",
      "r.wave_id",
      "r.submitted_at",
      "p.tier",
      "p.strategic",
      "p.archived_at",
      "c.name as contact_name",
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.wave_id", "in", waveIds)
    .where("r.submitted_at", "<=", before)
    .orderBy("r.submitted_at")
    .orderBy("r.response_id")
    .execute();
}

/** A seeded case history: planned actions run in time order between the answers. */
class CaseHistory {
  private queue: Action[] = [];
  private states = new Map<string, CaseState>();
  /** Per partner, when its closed cases that no later answer has seen yet were closed. */
  private awaiting = new Map<string, number[]>();

  constructor(
    private readonly db: Executor,
    private readonly organizationId: string,
    private readonly clock: ManualClock,
    private readonly settings: OrganizationSettings,
    private readonly rules: CaseRule[],
    private readonly random: Random,
    private readonly horizon: number,
  ) {}

  /** True when the partner has a case closed before `at` that no answer has followed yet (a recovery to record). */
  awaitsRecovery(partnerId: string, at: number): boolean {
    return this.awaiting.get(partnerId)?.some((closedAt) => closedAt < at) ?? false;
  }

  /** The real code recorded the recovery of every case the partner closed before this answer. */
  answered(partnerId: string, at: number): void {
    const left = this.awaiting.get(partnerId)?.filter((closedAt) => closedAt >= at) ?? [];
    if (left.length > 0) this.awaiting.set(partnerId, left);
    else this.awaiting.delete(partnerId);
  }

  cases(): CaseState[] {
    return [...this.states.values()];
  }

  async runUntil(at: number): Promise<void> {
    while (this.queue.length > 0 && this.queue[0]!.at <= at) {
      const action = this.queue.shift()!;
      this.clock.set(new Date(action.at));
      await action.run();
    }
  }

  private schedule(at: number, run: () => Promise<void>): void {
    if (at > this.horizon) return;
    const action = { at, run };
    let low = 0;
    let high = this.queue.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.queue[mid]!.at <= at) low = mid + 1;
      else high = mid;
    }
    this.queue.splice(low, 0, action);
  }

  /** A moment in working hours (about 09:00–16:30 local) on the Nth business day from `from`. */
  private workMoment(from: number, businessDays: number, random: Random): number {
    const close = addBusinessDays(new Date(from), businessDays, this.settings.timeZone).getTime();
    return Math.max(from + 20 * MINUTE, close - Math.round(random.between(0.5, 8) * 60) * MINUTE);
  }

  async plan(caseId: string, response: WindowResponse): Promise<void> {
    const row = await this.db
      .selectFrom("follow_up_cases")
      .select(["owner_user_id", "due_at", "created_at", "rule_id"])
      .where("organization_id", "=", this.organizationId)
      .where("case_id", "=", caseId)
      .executeTakeFirstOrThrow();
    // One stream per opening answer and case rule: the story of a case never depends on other cases.
    const random = this.random.fork(`${response.response_id}:${row.rule_id}`);
    const opened = Date.parse(row.created_at);
    const due = Date.parse(row.due_at);
    const causes = causesOf(response.comment, random);
    const texts = TEXTS[causes[0]!] ?? TEXTS.other!;
    const state: CaseState = {
      caseId,
      partnerId: response.partner_id,
      closed: false,
      causes,
      createdAt: opened,
      closedAt: null,
    };
    this.states.set(caseId, state);
    const context: ServiceContext = {
      db: this.db,
      organizationId: this.organizationId,
      actor: row.owner_user_id ? `user:${row.owner_user_id}` : "system",
      clock: this.clock,
    };
    const first = response.contact_name?.split(" ")[0] ?? "the partner";
    const outcome: Outcome = random.weighted(OUTCOMES);
    const archived = response.archived_at ? Date.parse(response.archived_at) : Number.POSITIVE_INFINITY;
    const steps: [number, () => Promise<void>][] = [];
    const close = async (input: Record<string, unknown>) => {
      if (state.closed) return;
      await changeCaseInTransaction(this.db, context, caseId, input);
      state.closed = true;
      state.closedAt = this.clock.now().getTime();
      this.awaiting.set(state.partnerId, [...(this.awaiting.get(state.partnerId) ?? []), state.closedAt]);
    };
    const whileOpen = (run: () => Promise<unknown>) => async () => {
      if (!state.closed) await run();
    };
    const note = (kind: "contact" | "note", body: string) =>
      whileOpen(() => addCaseNoteInTransaction(this.db, context, caseId, { kind, body }));

    let contactAt: number | null = null;
    if (outcome === "on_time" || outcome === "late") {
      const rule = this.rules.find((r) => r.ruleId === row.rule_id);
      const sla = rule?.slaBusinessDays ?? this.settings.slaBusinessDays;
      if (outcome === "on_time") {
        const day = Math.min(
          sla,
          random.weighted([
            [0, 4],
            [1, 4],
            [2, 2],
          ] as const),
        );
        contactAt = this.workMoment(opened, day, random);
        if (contactAt <= opened + 15 * MINUTE)
          contactAt = opened + Math.round(random.between(30, 180)) * MINUTE;
        if (contactAt > due)
          contactAt = Math.max(opened + 5 * MINUTE, due - Math.round(random.between(5, 60)) * MINUTE);
      } else {
        contactAt = this.workMoment(opened, sla + random.int(1, 4), random);
      }
    }
    if (outcome !== "unreachable" && random.chance(outcome === "stalled" ? 0.5 : 0.4)) {
      const ack = opened + Math.round(random.between(20, 240)) * MINUTE;
      if (contactAt === null || ack < contactAt - 10 * MINUTE)
        steps.push([
          ack,
          whileOpen(() => changeCaseInTransaction(this.db, context, caseId, { status: "in_progress" })),
        ]);
    }
    // The case calendar escalates an uncontacted case the minute after its due time (here without alerts).
    if (contactAt === null || contactAt > due) {
      steps.push([
        due + MINUTE,
        whileOpen(async () => {
          const now = this.clock.now().toISOString();
          await updateCase(this.db, this.organizationId, caseId, { escalated_at: now, updated_at: now });
        }),
      ]);
    }
    if (contactAt !== null) {
      const body = random.pick(texts.contact).replace("{first}", first);
      steps.push([contactAt, note("contact", body)]);
      let last = contactAt;
      if (random.chance(0.6)) {
        last = this.workMoment(last, random.int(1, 5), random);
        steps.push([last, note("note", texts.note)]);
      }
      const resolvedAt = this.workMoment(last, 15 + Math.floor(35 * random.next() ** 1.5), random);
      const resolved = random.chance(0.88);
      const action = resolved ? texts.action : random.pick(NO_CHANGE_ACTIONS);
      steps.push([
        resolvedAt,
        () =>
          close({
            status: resolved ? "resolved" : "closed_without_action",
            rootCauses: causes,
            actionTaken: action,
          }),
      ]);
    } else if (outcome === "unreachable") {
      const giveUp = this.workMoment(opened, random.int(3, 8), random);
      steps.push([
        giveUp,
        note("note", `No answer from ${first} after three attempts; the contact has left the company.`),
      ]);
      steps.push([
        giveUp + Math.round(random.between(2, 30)) * MINUTE,
        () =>
          close({
            status: "closed_without_action",
            actionTaken: "No reachable contact; revisit at the next wave.",
          }),
      ]);
    }
    // A partner that does not renew is archived: its open case closes then.
    const ordered = steps.sort((a, b) => a[0] - b[0]);
    for (const [at, run] of ordered) {
      if (at >= archived) break;
      this.schedule(at, run);
    }
    if (archived > opened && archived < Number.POSITIVE_INFINITY) {
      const at = archived + HOUR;
      this.schedule(at, async () => {
        await note("note", "Partner did not renew; closing the follow-up.")();
        await close({
          status: "closed_without_action",
          actionTaken: "Partner left the program before the follow-up finished.",
        });
      });
    }
  }
}

/** Root causes from the answer's comment (the demo taxonomy's keywords), else a plausible one. */
function causesOf(comment: string | null, random: Random): string[] {
  const themes = comment ? detectDemoThemes(comment) : [];
  const complaints = themes.filter((t) => t !== "partner_manager");
  const picked = (complaints.length > 0 ? complaints : themes).slice(0, 2).map((t) => THEME_CAUSE[t]);
  const causes = [...new Set(picked)];
  return causes.length > 0 ? causes : [random.weighted(FALLBACK_CAUSES)];
}

/**
 * Two "you said, we did" initiatives linked to the cases that raised them: one done (MDF claims, with the
 * timeline entry each linked partner gets, but no message queued) and one in progress (deal registration).
 */
async function addDemoInitiatives(
  db: Executor,
  organizationId: string,
  clock: ManualClock,
  cases: CaseState[],
  waves: { waveId: string; firstAt: string }[],
  horizon: number,
): Promise<number> {
  const DAY = 24 * HOUR;
  const oldest = Date.parse(waves[0]!.firstAt);
  const previous = Date.parse(waves[Math.max(0, waves.length - 2)]!.firstAt);
  const plans: {
    title: string;
    description: string;
    theme: string;
    cause: string;
    owner: string;
    createdAt: number;
    doneAt: number | null;
  }[] = [
    {
      title: "MDF claims paid within 30 days",
      description:
        "Partners told us co-marketing fund claims took months to pay. Finance now checks claims weekly, " +
        "accepts one proof of execution and pays within 30 days.",
      theme: themeId("mdf_payments"),
      cause: "co_marketing",
      owner: "demo-u-head-1",
      createdAt: oldest + 28 * DAY,
      doneAt: previous - 14 * DAY,
    },
    {
      title: "Deal registration approved within 2 business days",
      description:
        "Detractors keep naming deal-registration delays. The deal desk adds two reviewers and commits to " +
        "an answer within two business days.",
      theme: themeId("deal_registration"),
      cause: "deal_registration",
      owner: "demo-u-head-2",
      createdAt: previous + 21 * DAY,
      doneAt: null,
    },
  ];
  let created = 0;
  for (const plan of plans) {
    if (plan.createdAt > horizon || (plan.doneAt !== null && plan.doneAt <= plan.createdAt)) continue;
    const doneAt = plan.doneAt !== null && plan.doneAt <= horizon ? plan.doneAt : null;
    // A done initiative answers the cases closed before it was done; an ongoing one every case so far.
    const linked = cases
      .filter(
        (c) =>
          c.causes.includes(plan.cause) &&
          c.createdAt <= horizon &&
          (doneAt === null || (c.closedAt !== null && c.closedAt <= doneAt)),
      )
      .sort((a, b) => b.createdAt - a.createdAt || a.partnerId.localeCompare(b.partnerId))
      .slice(0, INITIATIVE_CASES);
    if (linked.length === 0) continue;
    const owner = await db
      .selectFrom("users")
      .select("user_id")
      .where("organization_id", "=", organizationId)
      .where("user_id", "=", plan.owner)
      .executeTakeFirst();
    clock.set(new Date(plan.createdAt));
    const row: InitiativeTable = {
      organization_id: organizationId,
      initiative_id: newId(plan.createdAt),
      title: plan.title,
      description: plan.description,
      status: doneAt === null ? "in_progress" : "done",
      theme_ids: JSON.stringify([plan.theme]),
      case_ids: JSON.stringify(linked.map((c) => c.caseId)),
      owner_user_id: owner?.user_id ?? null,
      done_at: doneAt === null ? null : new Date(doneAt).toISOString(),
      created_at: new Date(plan.createdAt).toISOString(),
    };
    await insertInitiative(db, row);
    const actor = owner ? `user:${owner.user_id}` : "system";
    await recordAudit(
      db,
      {
        organizationId,
        actor,
        action: "initiative.created",
        entityType: "initiative",
        entityId: row.initiative_id,
        details: { status: "in_progress" },
      },
      clock,
    );
    if (doneAt !== null) {
      clock.set(new Date(doneAt));
      await recordAudit(
        db,
        {
          organizationId,
          actor,
          action: "initiative.updated",
          entityType: "initiative",
          entityId: row.initiative_id,
          details: { fields: ["status"] },
        },
        clock,
      );
      for (const partnerId of [...new Set(linked.map((c) => c.partnerId))].sort()) {
        await addTimelineEntry(db, {
          organization_id: organizationId,
          entry_id: newId(doneAt),
          partner_id: partnerId,
          kind: "initiative.done",
          title: `You said, we did: ${plan.title}`,
          entity_type: "initiative",
          entity_id: row.initiative_id,
          created_at: row.done_at!,
        });
      }
    }
    created++;
  }
  return created;
}
