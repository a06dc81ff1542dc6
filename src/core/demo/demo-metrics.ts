import type { OperationalMetricTable } from "../../db/schema.js";
import { type PartnerModel, tierAt } from "./demo-partners.js";
import { inDecliningSegment, partnerSentiment, recentPosition } from "./demo-sentiment.js";
import { DAY_MS, dateOnly, iso, monthOf, type Timeline } from "./demo-timeline.js";
import type { RenewalOutcome } from "./demo-waves.js";
import { DECLINE_SUPPORT_HOURS_FACTORS, RISING_THEME_DAYS_FACTORS } from "./planted-effects.js";
import type { Random } from "./random.js";

/** Sentiment the metrics are centred on; z = (sentiment − centre) in latent points. */
const SENTIMENT_CENTRE = 8.1;

/** Quarterly metrics (period = the quarter's first month) and renewals, drawn from true sentiment like scores. */
export function generateOperationalMetrics(
  random: Random,
  organizationId: string,
  partners: PartnerModel[],
  renewals: RenewalOutcome[],
  timeline: Timeline,
): OperationalMetricTable[] {
  const { quarters, referenceMs } = timeline;
  const rows: OperationalMetricTable[] = [];
  const renewalsByPartner = new Map(renewals.map((r) => [r.partner, r.renewed]));
  const push = (partner: PartnerModel, metric: string, period: string, value: number, createdMs: number) => {
    rows.push({
      organization_id: organizationId,
      metric_id: `demo-m-${String(rows.length + 1).padStart(6, "0")}`,
      partner_id: partner.row.partner_id,
      metric,
      period,
      value,
      created_at: iso(Math.min(createdMs, referenceMs)),
    });
  };

  for (const partner of partners) {
    const annualRevenue = partner.row.annual_revenue ?? 0;
    for (const quarter of quarters) {
      if (partner.joinedMs >= quarter.endMs) continue;
      if (partner.churnedMs !== null && partner.churnedMs < quarter.startMs) continue;
      const z = partnerSentiment(partner, quarter, quarters.length) - SENTIMENT_CENTRE;
      const position = recentPosition(quarter, quarters.length);
      const declining = inDecliningSegment(partner, quarter, quarters.length);
      const period = monthOf(quarter.startMs);
      const complete = quarter.endMs <= referenceMs;
      const createdMs = complete ? quarter.endMs + 5 * DAY_MS : referenceMs;

      const supportFactor = declining ? (DECLINE_SUPPORT_HOURS_FACTORS[position] ?? 1) : 1;
      const supportHours = random.logNormal(8 * Math.exp(-0.3 * z) * supportFactor, 0.3);
      push(partner, "support_response_hours", period, round(supportHours, 1), createdMs);

      const daysFactor = position >= 0 ? (RISING_THEME_DAYS_FACTORS[position] ?? 1) : 1;
      const dealDays = random.logNormal(3.5 * Math.exp(-0.18 * z) * daysFactor, 0.3);
      push(partner, "deal_registration_days", period, round(dealDays, 1), createdMs);

      // Registered partners have no market development funds.
      if (tierAt(partner, quarter.startMs) !== "registered") {
        push(
          partner,
          "mdf_payment_days",
          period,
          Math.round(random.logNormal(40 * Math.exp(-0.15 * z), 0.25)),
          createdMs,
        );
      }

      const pipeline = annualRevenue * 0.5 * Math.exp(0.25 * z + random.normal(0, 0.3));
      push(partner, "pipeline", period, Math.round(pipeline / 1000) * 1000, createdMs);

      if (complete) {
        const revenue = (annualRevenue / 4) * Math.exp(0.12 * z + random.normal(0, 0.12));
        push(partner, "revenue", period, Math.round(revenue / 100) * 100, createdMs);
      }
    }
    const renewed = renewalsByPartner.get(partner);
    if (renewed !== undefined) {
      push(partner, "renewed", dateOnly(partner.renewalMs), renewed ? 1 : 0, partner.renewalMs + 2 * DAY_MS);
    }
  }
  return rows;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
