import { afterAll, beforeAll, expect, it } from "vitest";
import { defaultRootCauses } from "../../core/cases/root-causes.js";
import { ManualClock } from "../../core/clock.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { loadDemoOrganization } from "../demo/demo.service.js";
import { caseMetrics } from "./case-metrics.service.js";

interface Answer {
  response_id: string;
  partner_id: string;
  wave_id: string | null;
  score: number;
  category: string;
  submitted_at: string;
}
interface Case {
  case_id: string;
  partner_id: string;
  owner_user_id: string | null;
  rule: string;
  status: string;
  opened_category: string | null;
  created_at: string;
  due_at: string;
  first_contact_at: string | null;
  resolved_at: string | null;
  escalated_at: string | null;
  root_causes: string;
  action_taken: string | null;
  updated_at: string;
  responses: string[];
}
interface Note {
  case_id: string;
  kind: string;
  body: string;
  user_id: string | null;
  created_at: string;
}
interface Recovery {
  case_id: string;
  partner_id: string;
  response_id: string;
  previous_category: string;
  new_category: string;
  created_at: string;
}

const REFERENCE = "2026-06-10T00:00:00.000Z";
const NOW = new Date(REFERENCE);
const OPEN = ["new", "in_progress", "contacted"];
const HOUR = 3_600_000;
const ZONE = "Europe/Paris";

/** Local calendar date and wall time in the demo organization's zone, read with Intl only. */
function local(iso: string): { date: string; time: string; weekday: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
      hourCycle: "h23",
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: parts.weekday!,
  };
}

/** The calendar date two weekdays after `date` (a weekend date first moves to Monday). */
function twoBusinessDaysAfter(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  const weekend = () => day.getUTCDay() === 0 || day.getUTCDay() === 6;
  while (weekend()) day.setUTCDate(day.getUTCDate() + 1);
  for (let counted = 0; counted < 2; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (!weekend()) counted++;
  }
  return day.toISOString().slice(0, 10);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

describeEachDialect("demo cases: a year of closed-loop history", (dialect) => {
  let database: TestDatabase;
  let org: string;
  let counts: Record<string, number>;
  let answers: Answer[];
  let cases: Case[];
  let notes: Note[];
  let recoveries: Recovery[];
  let windowWaves: string[];
  let partners: Map<string, { owner_user_id: string | null; tier: string | null; strategic: number }>;

  const load = async () => {
    const demo = await loadDemoOrganization(database, {
      seed: 7,
      partners: 60,
      referenceDate: REFERENCE,
      clock: new ManualClock("2026-06-10T08:00:00Z"),
    });
    return demo;
  };

  const read = async (organizationId: string) => {
    const db = database.db;
    const links = await db
      .selectFrom("case_responses")
      .select(["case_id", "response_id"])
      .where("organization_id", "=", organizationId)
      .execute();
    const rows = await db
      .selectFrom("follow_up_cases")
      .select([
        "case_id",
        "partner_id",
        "owner_user_id",
        "rule",
        "status",
        "opened_category",
        "created_at",
        "due_at",
        "first_contact_at",
        "resolved_at",
        "escalated_at",
        "root_causes",
        "action_taken",
        "updated_at",
      ])
      .where("organization_id", "=", organizationId)
      .execute();
    return {
      cases: rows.map((row) => ({
        ...row,
        responses: links
          .filter((l) => l.case_id === row.case_id)
          .map((l) => l.response_id)
          .sort(),
      })) as Case[],
      notes: (await db
        .selectFrom("case_notes")
        .select(["case_id", "kind", "body", "user_id", "created_at"])
        .where("organization_id", "=", organizationId)
        .execute()) as Note[],
      recoveries: (await db
        .selectFrom("case_recoveries")
        .select(["case_id", "partner_id", "response_id", "previous_category", "new_category", "created_at"])
        .where("organization_id", "=", organizationId)
        .execute()) as Recovery[],
    };
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const demo = await load();
    org = demo.organization.organization_id;
    counts = demo.counts;
    ({ cases, notes, recoveries } = await read(org));
    answers = (await database.db
      .selectFrom("responses")
      .select(["response_id", "partner_id", "wave_id", "score", "category", "submitted_at"])
      .where("organization_id", "=", org)
      .orderBy("submitted_at")
      .orderBy("response_id")
      .execute()) as Answer[];
    const firstAt = new Map<string, string>();
    for (const a of answers) if (a.wave_id && !firstAt.has(a.wave_id)) firstAt.set(a.wave_id, a.submitted_at);
    windowWaves = [...firstAt.entries()]
      .sort((a, b) => (a[1] < b[1] ? -1 : 1))
      .slice(-4)
      .map(([wave]) => wave);
    partners = new Map(
      (
        await database.db
          .selectFrom("partners")
          .select(["partner_id", "owner_user_id", "tier", "strategic"])
          .where("organization_id", "=", org)
          .execute()
      ).map((p) => [p.partner_id, p]),
    );
  }, 120_000);
  afterAll(async () => database?.destroy());

  const answerById = () => new Map(answers.map((a) => [a.response_id, a]));
  const openingWave = (c: Case) => answerById().get(c.responses[0]!)!.wave_id;

  it("opens a case for every detractor and key-partner passive of the last four waves, and none before", () => {
    expect(counts.cases).toBe(cases.length);
    const inWindow = answers.filter((a) => windowWaves.includes(a.wave_id ?? ""));
    const linked = (rule: string) =>
      cases.filter((c) => c.rule === rule).flatMap((c) => c.responses.map((id) => [id, c.partner_id]));
    const detractors = inWindow.filter((a) => a.score <= 6);
    expect(new Set(detractors.map((a) => a.wave_id)).size).toBe(4);
    expect(linked("detractor").sort()).toEqual(detractors.map((a) => [a.response_id, a.partner_id]).sort());
    const key = (partnerId: string) => {
      const p = partners.get(partnerId)!;
      return p.tier?.toLowerCase() === "platinum" || p.strategic === 1;
    };
    expect(linked("passive_at_key_partner").sort()).toEqual(
      inWindow
        .filter((a) => a.score >= 7 && a.score <= 8 && key(a.partner_id))
        .map((a) => [a.response_id, a.partner_id])
        .sort(),
    );
    // Earlier waves exist but are history before the follow-up process.
    expect(answers.some((a) => a.wave_id && !windowWaves.includes(a.wave_id) && a.score <= 6)).toBe(true);
  });

  it("opens each case at its first answer's time, due at 17:00 Paris two business days later, owned by the partner's manager", () => {
    const byId = answerById();
    for (const c of cases) {
      const first = c.responses.map((id) => byId.get(id)!.submitted_at).sort()[0]!;
      expect({ case: c.case_id, created: c.created_at }).toEqual({ case: c.case_id, created: first });
      const due = local(c.due_at);
      expect({ case: c.case_id, due: due.date, time: due.time }).toEqual({
        case: c.case_id,
        due: twoBusinessDaysAfter(local(c.created_at).date),
        time: "17:00",
      });
      expect(c.owner_user_id).toBe(partners.get(c.partner_id)!.owner_user_id);
    }
  });

  it("spreads the statuses: older waves mostly closed with a few stuck and overdue, the latest wave mostly open", () => {
    const latest = windowWaves[3]!;
    const older = cases.filter((c) => openingWave(c) !== latest);
    const current = cases.filter((c) => openingWave(c) === latest);
    const count = (list: Case[], statuses: string[]) =>
      list.filter((c) => statuses.includes(c.status)).length;
    expect(count(older, ["resolved"])).toBeGreaterThan(older.length / 2);
    expect(count(older, ["closed_without_action"])).toBeGreaterThan(0);
    expect(count(older, ["new", "in_progress"])).toBeGreaterThan(0);
    expect(count(current, OPEN)).toBeGreaterThan(current.length / 2);
    for (const status of ["new", "in_progress", "contacted", "resolved", "closed_without_action"])
      expect({ status, present: cases.some((c) => c.status === status) }).toEqual({ status, present: true });
  });

  it("records the lifecycle through notes: contact notes at first contact, root causes and action on resolution", () => {
    const causes = new Set(defaultRootCauses().map((c) => c.id));
    const notesOf = (c: Case) => notes.filter((n) => n.case_id === c.case_id);
    for (const c of cases) {
      const own = notesOf(c);
      for (const n of own) {
        expect(n.created_at >= c.created_at && n.created_at <= REFERENCE).toBe(true);
        expect(n.user_id).toBe(c.owner_user_id);
      }
      expect(c.updated_at <= REFERENCE).toBe(true);
      const contacts = own.filter((n) => n.kind === "contact");
      if (c.first_contact_at === null) expect(contacts).toEqual([]);
      else expect(contacts.map((n) => n.created_at)).toEqual([c.first_contact_at]);
      if (OPEN.includes(c.status)) expect(c.resolved_at).toBeNull();
      else {
        expect(c.resolved_at).not.toBeNull();
        expect(own.filter((n) => n.kind === "status").map((n) => n.body)).toContain(
          `${c.first_contact_at ? "contacted" : own.some((n) => n.body === "new → in_progress") ? "in_progress" : "new"} → ${c.status}`,
        );
        expect(c.action_taken?.length ?? 0).toBeGreaterThan(10);
      }
      if (c.status === "resolved") {
        const tags = JSON.parse(c.root_causes) as string[];
        expect(tags.length).toBeGreaterThan(0);
        for (const tag of tags) expect(causes.has(tag)).toBe(true);
        expect(c.first_contact_at).not.toBeNull();
      }
      // The case calendar escalates exactly the cases still open and uncontacted a minute after their due time.
      const handled = Math.min(
        ...[c.first_contact_at, c.resolved_at, REFERENCE].filter((t) => t !== null).map((t) => Date.parse(t)),
      );
      const escalates = Date.parse(c.due_at) + 60_000 <= handled;
      expect({ case: c.case_id, escalated: c.escalated_at }).toEqual({
        case: c.case_id,
        escalated: escalates ? new Date(Date.parse(c.due_at) + 60_000).toISOString() : null,
      });
    }
    const kinds = new Set(notes.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(["contact", "note", "status"]);
    expect(notes.filter((n) => n.kind === "contact").every((n) => n.body.length > 20)).toBe(true);
  });

  it("records a recovery at each partner's first answer after a closed case, as the real recorder does", () => {
    const expected: Recovery[] = [];
    for (const c of cases.filter((c) => c.resolved_at !== null)) {
      const next = answers.find((a) => a.partner_id === c.partner_id && a.submitted_at > c.resolved_at!);
      if (!next) continue;
      expected.push({
        case_id: c.case_id,
        partner_id: c.partner_id,
        response_id: next.response_id,
        previous_category: c.opened_category!,
        new_category: next.category,
        created_at: next.submitted_at,
      });
    }
    const order = (list: Recovery[]) => [...list].sort((a, b) => (a.case_id < b.case_id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(5);
    expect(order(recoveries)).toEqual(order(expected));
    expect(counts.case_recoveries).toBe(recoveries.length);
  });

  it("gives plausible follow-up metrics that match the rows", async () => {
    const metrics = await caseMetrics(
      { db: database.db, organizationId: org, actor: "test", clock: new ManualClock(NOW) },
      {},
    );
    let decided = 0;
    let within = 0;
    const hours: number[] = [];
    for (const c of cases) {
      if (c.first_contact_at) {
        decided++;
        if (c.first_contact_at <= c.due_at) within++;
        hours.push((Date.parse(c.first_contact_at) - Date.parse(c.created_at)) / HOUR);
      } else if (c.due_at < REFERENCE || !OPEN.includes(c.status)) decided++;
    }
    const open = cases.filter((c) => OPEN.includes(c.status));
    const overdue = open.filter((c) => c.first_contact_at === null && c.due_at < REFERENCE);
    const latest = new Map<string, Recovery>();
    for (const r of recoveries.filter((r) => r.previous_category === "detractor"))
      if (!latest.has(r.partner_id) || latest.get(r.partner_id)!.created_at < r.created_at)
        latest.set(r.partner_id, r);
    const recovered = [...latest.values()].filter((r) => r.new_category !== "detractor").length;
    expect(metrics).toMatchObject({
      slaDecided: decided,
      contactedWithinSla: within,
      open: open.length,
      overdue: overdue.length,
      recoveryEligible: latest.size,
      recovered,
    });
    expect(metrics.contactedWithinSlaShare).toBeCloseTo(within / decided, 10);
    expect(metrics.medianHoursToFirstContact).toBeCloseTo(median(hours), 10);
    // Plausible ranges: most contacted within the SLA, about a day to first contact, some still overdue.
    expect(within / decided).toBeGreaterThan(0.6);
    expect(within / decided).toBeLessThan(0.95);
    expect(median(hours)).toBeGreaterThan(4);
    expect(median(hours)).toBeLessThan(48);
    expect(overdue.length).toBeGreaterThan(0);
    expect(latest.size).toBeGreaterThan(0);
    expect(recovered / latest.size).toBeGreaterThan(0);
    expect(recovered / latest.size).toBeLessThan(1);
  });

  it("adds two initiatives linked to cases, one done, and queues no alert or message", async () => {
    const initiatives = await database.db
      .selectFrom("initiatives")
      .selectAll()
      .where("organization_id", "=", org)
      .orderBy("created_at")
      .execute();
    expect(initiatives.map((i) => i.status)).toEqual(["done", "in_progress"]);
    expect(counts.initiatives).toBe(2);
    const byId = new Map(cases.map((c) => [c.case_id, c]));
    const done = initiatives[0]!;
    expect(done.done_at! > done.created_at && done.done_at! <= REFERENCE).toBe(true);
    for (const initiative of initiatives) {
      const linked = (JSON.parse(initiative.case_ids) as string[]).map((id) => byId.get(id));
      expect(linked.length).toBeGreaterThan(0);
      for (const c of linked) expect(c).toBeDefined();
    }
    const donePartners = [
      ...new Set((JSON.parse(done.case_ids) as string[]).map((id) => byId.get(id)!.partner_id)),
    ].sort();
    for (const id of JSON.parse(done.case_ids) as string[])
      expect(byId.get(id)!.resolved_at! <= done.done_at!).toBe(true);
    const timeline = await database.db
      .selectFrom("partner_timeline")
      .select(["partner_id", "created_at"])
      .where("organization_id", "=", org)
      .where("kind", "=", "initiative.done")
      .execute();
    expect(timeline.map((t) => t.partner_id).sort()).toEqual(donePartners);
    expect(timeline.every((t) => t.created_at === done.done_at)).toBe(true);
    const jobs = await database.db
      .selectFrom("jobs")
      .select("kind")
      .where("organization_id", "=", org)
      .execute();
    expect(jobs).toEqual([]);
  });

  it("is deterministic: the same seed and date give the same cases, notes and recoveries", async () => {
    const again = await load();
    expect(again.counts).toEqual(counts);
    const second = await read(again.organization.organization_id);
    const signature = (data: { cases: Case[]; notes: Note[]; recoveries: Recovery[] }) => {
      const key = new Map(data.cases.map((c) => [c.case_id, `${c.partner_id}|${c.rule}|${c.created_at}`]));
      return {
        cases: data.cases.map(({ case_id: _, ...rest }) => JSON.stringify(rest)).sort(),
        notes: data.notes.map((n) => `${key.get(n.case_id)}|${n.kind}|${n.created_at}|${n.body}`).sort(),
        recoveries: data.recoveries
          .map((r) => `${key.get(r.case_id)}|${r.response_id}|${r.new_category}`)
          .sort(),
      };
    };
    expect(signature(second)).toEqual(signature({ cases, notes, recoveries }));
  }, 120_000);
});
