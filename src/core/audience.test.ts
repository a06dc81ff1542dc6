import { describe, expect, it } from "vitest";
import { type AudienceCandidate, describeExclusion, planAudience, quarterStart } from "./audience.js";

const now = new Date("2026-06-15T00:00:00Z");
const rules = { minDaysBetweenSurveys: 60, maxInvitationsPerPartnerPerQuarter: 2 };
const none = { alreadyInvited: new Set<string>(), partnerInvitationsThisQuarter: new Map<string, number>() };

function candidate(id: string, overrides: Partial<AudienceCandidate> = {}): AudienceCandidate {
  return {
    contact_id: id,
    partner_id: "p1",
    email: `${id}@partner.example`,
    role: "sales",
    consent: true,
    unsubscribed_at: null,
    bounced_at: null,
    last_invited_at: null,
    ...overrides,
  };
}

describe("audience rules", () => {
  it("excludes unsubscribed, bounced, unreachable and already-invited contacts with the reason", () => {
    const plan = planAudience(
      [
        candidate("a", { unsubscribed_at: "2026-01-02T00:00:00Z" }),
        candidate("b", { bounced_at: "2026-02-03T00:00:00Z", partner_id: "p2" }),
        candidate("c", { email: null, partner_id: "p3" }),
        candidate("d", { consent: false, partner_id: "p4" }),
        candidate("e", { partner_id: "p5" }),
      ],
      rules,
      now,
      { ...none, alreadyInvited: new Set(["e"]) },
    );
    expect(plan.included).toEqual([]);
    expect(plan.excluded.map((x) => [x.candidate.contact_id, describeExclusion(x.reason)])).toEqual([
      ["a", "unsubscribed on 2026-01-02"],
      ["b", "email bounced on 2026-02-03"],
      ["c", "no email address"],
      ["d", "no consent to be surveyed"],
      ["e", "already invited to this wave"],
    ]);
  });

  it("applies the minimum days between surveys to one contact, to the day", () => {
    const plan = planAudience(
      [
        candidate("recent", { last_invited_at: "2026-04-17T00:00:01Z", partner_id: "p1" }),
        candidate("old", { last_invited_at: "2026-04-16T00:00:00Z", partner_id: "p2" }),
      ],
      rules,
      now,
      none,
    );
    expect(plan.included.map((c) => c.contact_id)).toEqual(["old"]);
    expect(describeExclusion(plan.excluded[0]!.reason)).toBe(
      "surveyed on 2026-04-17; not again before 2026-06-16",
    );
  });

  it("caps invitations per partner per quarter, asking sponsors and decision makers first", () => {
    const plan = planAudience(
      [
        candidate("s1"),
        candidate("x", { role: "executive_sponsor" }),
        candidate("s2"),
        candidate("dm", { role: "decision_maker" }),
      ],
      rules,
      now,
      none,
    );
    expect(plan.included.map((c) => c.contact_id)).toEqual(["x", "dm"]);
    expect(plan.excluded.map((x) => x.reason.code)).toEqual(["partner_cap", "partner_cap"]);
  });

  it("counts the partner's earlier invitations this quarter against the cap", () => {
    const plan = planAudience([candidate("a"), candidate("b")], rules, now, {
      ...none,
      partnerInvitationsThisQuarter: new Map([["p1", 1]]),
    });
    expect(plan.included).toHaveLength(1);
  });

  it("finds the start of the quarter", () => {
    expect(quarterStart(now).toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });
});
