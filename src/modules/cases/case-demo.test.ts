import { afterAll, beforeAll, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { loadDemoOrganization } from "../demo/demo.service.js";
import { openDemoCases } from "./case-demo.service.js";

interface Raw {
  response_id: string;
  partner_id: string;
  wave_id: string | null;
  score: number;
  submitted_at: string;
}

describeEachDialect("demo cases: the rules run over the latest wave", (dialect) => {
  let database: TestDatabase;
  let org: string;
  let cases: Map<string, string[]>;
  let rows: Raw[];
  let latestWave: string;
  let openedAgain = 0;
  const DROP = { points: 10, minResponses: 2 };
  const key = (rule: string, partner: string) => `${rule}|${partner}`;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const clock = new ManualClock("2026-06-10T08:00:00Z");
    const demo = await loadDemoOrganization(database, {
      seed: 7,
      partners: 60,
      referenceDate: "2026-06-10T00:00:00Z",
      clock,
    });
    org = demo.organization.organization_id;
    // Demo partners rarely give 5 answers a wave: loosen the drop rule and run the rules again, which must
    // leave the cases already opened untouched and add the drop cases.
    await database.db
      .updateTable("case_rules")
      .set({ params: JSON.stringify(DROP) })
      .where("organization_id", "=", org)
      .where("rule_id", "=", "partner_nps_drop")
      .execute();
    openedAgain = await openDemoCases(database.db, org, clock);
    rows = await database.db
      .selectFrom("responses")
      .select(["response_id", "partner_id", "wave_id", "score", "submitted_at"])
      .where("organization_id", "=", org)
      .execute();
    const firstAt = new Map<string, string>();
    for (const r of rows)
      if (r.wave_id && (!firstAt.has(r.wave_id) || r.submitted_at < firstAt.get(r.wave_id)!))
        firstAt.set(r.wave_id, r.submitted_at);
    latestWave = [...firstAt.entries()].sort((a, b) => (a[1] < b[1] ? 1 : -1))[0]![0];
    const caseRows = await database.db
      .selectFrom("follow_up_cases as c")
      .innerJoin("case_responses as cr", (j) =>
        j.onRef("cr.organization_id", "=", "c.organization_id").onRef("cr.case_id", "=", "c.case_id"),
      )
      .select(["c.rule", "c.partner_id", "cr.response_id"])
      .where("c.organization_id", "=", org)
      .execute();
    cases = new Map();
    for (const c of caseRows)
      cases.set(
        key(c.rule, c.partner_id),
        [...(cases.get(key(c.rule, c.partner_id)) ?? []), c.response_id].sort(),
      );
    const keys = new Set(caseRows.map((c) => key(c.rule, c.partner_id)));
    expect(demo.counts.cases).toBe([...keys].filter((k) => !k.startsWith("partner_nps_drop|")).length);
    expect(openedAgain).toBe([...keys].filter((k) => k.startsWith("partner_nps_drop|")).length);
  });
  afterAll(async () => database?.destroy());

  const latest = () => rows.filter((r) => r.wave_id === latestWave);
  const expectedBy = (pick: (r: Raw) => boolean) => {
    const out = new Map<string, string[]>();
    for (const r of latest().filter(pick))
      out.set(r.partner_id, [...(out.get(r.partner_id) ?? []), r.response_id].sort());
    return out;
  };
  const casesOf = (rule: string) =>
    new Map(
      [...cases.entries()].filter(([k]) => k.startsWith(`${rule}|`)).map(([k, v]) => [k.split("|")[1]!, v]),
    );

  it("one detractor case per partner with detractors in the latest wave, holding all of them", () => {
    const expected = expectedBy((r) => r.score <= 6);
    expect(expected.size).toBeGreaterThan(0);
    expect(casesOf("detractor")).toEqual(expected);
  });

  it("one passive case per Platinum or strategic partner with passives in the latest wave", async () => {
    const partners = await database.db
      .selectFrom("partners")
      .select(["partner_id", "tier", "strategic"])
      .where("organization_id", "=", org)
      .execute();
    const key = new Set(
      partners
        .filter((p) => p.tier?.toLowerCase() === "platinum" || p.strategic === 1)
        .map((p) => p.partner_id),
    );
    expect(casesOf("passive_at_key_partner")).toEqual(
      expectedBy((r) => r.score >= 7 && r.score <= 8 && key.has(r.partner_id)),
    );
  });

  it("a drop case for each partner whose NPS fell 10+ points between its last two waves (n ≥ 2 each)", () => {
    const dropped = new Set<string>();
    const byPartner = new Map<string, Raw[]>();
    for (const r of rows)
      if (r.wave_id) byPartner.set(r.partner_id, [...(byPartner.get(r.partner_id) ?? []), r]);
    for (const [partner, answers] of byPartner) {
      const waves = new Map<string, Raw[]>();
      for (const r of answers) waves.set(r.wave_id!, [...(waves.get(r.wave_id!) ?? []), r]);
      const ordered = [...waves.entries()].sort((a, b) => {
        const first = (list: Raw[]) => list.map((r) => r.submitted_at).sort()[0]!;
        return first(a[1]) < first(b[1]) ? -1 : 1;
      });
      const [prev, last] = ordered.slice(-2);
      if (
        !prev ||
        !last ||
        last[0] !== latestWave ||
        prev[1].length < DROP.minResponses ||
        last[1].length < DROP.minResponses
      )
        continue;
      const nps = (list: Raw[]) =>
        (100 * (list.filter((r) => r.score >= 9).length - list.filter((r) => r.score <= 6).length)) /
        list.length;
      if (nps(prev[1]) - nps(last[1]) >= DROP.points) dropped.add(partner);
    }
    expect(dropped.size).toBeGreaterThan(0);
    expect(casesOf("partner_nps_drop")).toEqual(expectedBy((r) => dropped.has(r.partner_id)));
  });

  it("queues no alerts for demo cases and owns each by the partner's manager", async () => {
    const jobs = await database.db
      .selectFrom("jobs")
      .select("job_id")
      .where("organization_id", "=", org)
      .where("kind", "=", "case.opened")
      .execute();
    expect(jobs).toEqual([]);
    const mismatched = await database.db
      .selectFrom("follow_up_cases as c")
      .innerJoin("partners as p", (j) =>
        j.onRef("p.organization_id", "=", "c.organization_id").onRef("p.partner_id", "=", "c.partner_id"),
      )
      .select("c.case_id")
      .where("c.organization_id", "=", org)
      .whereRef("c.owner_user_id", "!=", "p.owner_user_id")
      .execute();
    expect(mismatched).toEqual([]);
  });
});
