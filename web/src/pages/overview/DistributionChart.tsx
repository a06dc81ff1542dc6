import { useMemo } from "react";
import type { Distribution } from "../../api/types";
import { ChartFrame } from "../../components/ChartFrame";
import { categoryAxis, chartColors, tooltipBase, valueAxis } from "../../components/charts/chart-theme";
import type { Column } from "../../components/DataTable";
import { CATEGORY_COLORS, formatInteger, formatPercent } from "../../format";

type Row = Distribution["scores"][number];

const categoryOf = (score: number) => (score >= 9 ? "promoters" : score >= 7 ? "passives" : "detractors");
const CATEGORY_LABEL = { detractors: "Detractor", passives: "Passive", promoters: "Promoter" } as const;

const columns: Column<Row>[] = [
  { key: "score", header: "Score", cell: (r) => r.score, sortValue: (r) => r.score },
  { key: "group", header: "Group", cell: (r) => CATEGORY_LABEL[categoryOf(r.score)] },
  {
    key: "responses",
    header: "Responses",
    align: "right",
    cell: (r) => formatInteger(r.responses),
    sortValue: (r) => r.responses,
  },
  {
    key: "share",
    header: "Share",
    align: "right",
    cell: (r) => formatPercent(r.share, 1),
    sortValue: (r) => r.share,
  },
];

/** How many answers gave each score 0–10, coloured by group, with the three group totals. */
export function DistributionChart({ distribution }: { distribution: Distribution }) {
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        ...tooltipBase,
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (params: { dataIndex: number }[]) => {
          const row = distribution.scores[params[0]?.dataIndex ?? 0];
          if (!row) return "";
          return `<strong>Score ${row.score}</strong> (${CATEGORY_LABEL[categoryOf(row.score)].toLowerCase()})<br/>${formatInteger(row.responses)} responses · ${formatPercent(row.share, 1)}`;
        },
      },
      xAxis: categoryAxis(distribution.scores.map((s) => String(s.score))),
      yAxis: valueAxis({
        axisLabel: { color: chartColors.muted, formatter: (v: number) => formatInteger(v) },
      }),
      series: [
        {
          type: "bar",
          barCategoryGap: "20%",
          data: distribution.scores.map((s) => ({
            value: s.responses,
            itemStyle: { color: CATEGORY_COLORS[categoryOf(s.score)], borderRadius: [3, 3, 0, 0] },
          })),
          label: {
            show: true,
            position: "top",
            color: chartColors.muted,
            fontSize: 11,
            formatter: (p: { dataIndex: number }) =>
              formatPercent(distribution.scores[p.dataIndex]?.share, 0),
          },
          // On a phone the eleven bar labels do not all fit; the table view has every share.
          labelLayout: { hideOverlap: true },
        },
      ],
    }),
    [distribution],
  );
  const { groups, n } = distribution;
  const share = (value: number) => (n ? value / n : null);
  return (
    <ChartFrame
      title="Score distribution"
      description={`${formatInteger(n)} responses, 0 (not at all likely) to 10 (extremely likely)`}
      option={option}
      height={240}
      summary={`Score distribution: ${formatInteger(groups.detractors)} detractors, ${formatInteger(groups.passives)} passives, ${formatInteger(groups.promoters)} promoters.`}
      table={{ columns, rows: distribution.scores, rowKey: (r) => String(r.score) }}
      footer={
        <dl className="group-totals">
          {(["detractors", "passives", "promoters"] as const).map((group) => (
            <div key={group} className="group-total">
              <dt>
                <span className="legend-swatch" style={{ background: CATEGORY_COLORS[group] }} />
                {group === "detractors"
                  ? "Detractors 0–6"
                  : group === "passives"
                    ? "Passives 7–8"
                    : "Promoters 9–10"}
              </dt>
              <dd>
                {formatInteger(groups[group])}{" "}
                <span className="muted">({formatPercent(share(groups[group]))})</span>
              </dd>
            </div>
          ))}
        </dl>
      }
    />
  );
}
