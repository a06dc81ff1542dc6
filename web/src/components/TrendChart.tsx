import { useMemo } from "react";
import type { Band, TrendPoint } from "../api/types";
import { formatInteger, formatNps, formatSigned } from "../format";
import { ChartFrame } from "./ChartFrame";
import { categoryAxis, chartColors, escapeText, tooltipBase, valueAxis } from "./charts/chart-theme";
import type { Column } from "./DataTable";

export interface ReferenceLine {
  label: string;
  value: number;
  kind: "benchmark" | "target";
}

interface TrendChartProps {
  title: string;
  description?: string;
  points: TrendPoint[];
  bands: Band[];
  references?: ReferenceLine[];
  height?: number;
}

const columns: Column<TrendPoint>[] = [
  { key: "period", header: "Period", cell: (p) => p.period, sortValue: (p) => p.period },
  { key: "nps", header: "NPS", align: "right", cell: (p) => formatNps(p.nps), sortValue: (p) => p.nps },
  {
    key: "interval",
    header: "Interval",
    align: "right",
    cell: (p) => (p.interval ? `${formatNps(p.interval.low)} to ${formatNps(p.interval.high)}` : "–"),
  },
  { key: "n", header: "n", align: "right", cell: (p) => formatInteger(p.n), sortValue: (p) => p.n },
  {
    key: "change",
    header: "Change",
    align: "right",
    cell: (p) => (p.change ? formatSigned(p.change.difference) : "–"),
    sortValue: (p) => p.change?.difference ?? null,
  },
  {
    key: "significant",
    header: "Significant change",
    cell: (p) => (p.change ? (p.change.significant ? `Yes (p = ${p.change.p?.toFixed(3)})` : "No") : "–"),
  },
  { key: "small", header: "Small sample", cell: (p) => (p.small_sample ? "Yes" : "No") },
];

/** NPS per period with its interval as a shaded band, significant changes marked, reference lines drawn. */
export function TrendChart({
  title,
  description,
  points,
  bands: _bands,
  references = [],
  height = 300,
}: TrendChartProps) {
  const option = useMemo(() => {
    const periods = points.map((p) => p.period);
    const lows = points.map((p) => (p.interval ? p.interval.low : null));
    const widths = points.map((p) => (p.interval ? p.interval.high - p.interval.low : null));
    const values = points.flatMap((p) => [p.interval?.low ?? p.nps ?? 0, p.interval?.high ?? p.nps ?? 0]);
    for (const r of references) values.push(r.value);
    // The axis follows the data (a line, not bars, so no zero baseline is needed) on a round 10/20 step.
    const low = Math.min(...values) - 3;
    const high = Math.max(...values) + 3;
    const step = high - low > 80 ? 20 : 10;
    const min = Math.max(-100, Math.floor(low / step) * step);
    const max = Math.min(100, Math.ceil(high / step) * step);
    const data = points.map((p) => {
      const significant = p.change?.significant === true;
      const up = (p.change?.difference ?? 0) > 0;
      return {
        value: p.nps === null ? null : Math.round(p.nps * 10) / 10,
        symbol: significant ? "diamond" : "circle",
        symbolSize: significant ? 14 : 7,
        itemStyle: significant
          ? { color: up ? "#17703a" : "#b42318", borderColor: "#fff", borderWidth: 2 }
          : {
              color: p.small_sample ? "#ffffff" : chartColors.accent,
              borderColor: chartColors.accent,
              borderWidth: 2,
            },
        label: significant
          ? {
              show: true,
              position: up ? "top" : "bottom",
              formatter: `${up ? "▲" : "▼"} ${formatSigned(p.change?.difference ?? 0, 0)}`,
              color: up ? "#17703a" : "#b42318",
              fontWeight: 600,
            }
          : { show: false },
      };
    });
    const markLines = references.map((r) => ({
      yAxis: r.value,
      name: r.label,
      lineStyle: {
        color: r.kind === "benchmark" ? chartColors.benchmark : chartColors.target,
        type: r.kind === "benchmark" ? "dashed" : "dotted",
        width: 1.5,
      },
      label: {
        formatter: `${escapeText(r.label)}: ${formatNps(r.value)}`,
        position: "insideEndTop",
        color: r.kind === "benchmark" ? chartColors.benchmark : chartColors.target,
        fontSize: 11,
      },
    }));
    return {
      animation: false,
      aria: { enabled: false },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        ...tooltipBase,
        trigger: "axis",
        formatter: (params: { dataIndex: number }[]) => {
          const p = points[params[0]?.dataIndex ?? 0];
          if (!p) return "";
          const lines = [
            `<strong>${escapeText(p.period)}</strong>`,
            `NPS <strong>${formatNps(p.nps)}</strong>${p.interval ? ` (${formatNps(p.interval.low)} to ${formatNps(p.interval.high)})` : ""}`,
            `n = ${formatInteger(p.n)}${p.small_sample ? " · small sample" : ""}`,
          ];
          if (p.change)
            lines.push(
              `Change ${formatSigned(p.change.difference)} vs ${escapeText(p.change.from_period)}${p.change.significant ? " · significant" : " · not significant"}`,
            );
          return lines.join("<br/>");
        },
      },
      xAxis: { ...categoryAxis(periods), boundaryGap: false },
      yAxis: valueAxis({
        min,
        max,
        interval: step,
        axisLabel: { color: chartColors.muted, formatter: (v: number) => formatNps(v) },
      }),
      series: [
        {
          name: "Lower bound",
          type: "line",
          data: lows,
          stack: "interval",
          // Lows can be negative: stack across signs so the band sits between low and high.
          stackStrategy: "all",
          symbol: "none",
          lineStyle: { opacity: 0 },
          silent: true,
          tooltip: { show: false },
        },
        {
          name: "Interval",
          type: "line",
          data: widths,
          stack: "interval",
          // Lows can be negative: stack across signs so the band sits between low and high.
          stackStrategy: "all",
          symbol: "none",
          lineStyle: { opacity: 0 },
          areaStyle: { color: chartColors.accentBand },
          silent: true,
        },
        {
          name: "NPS",
          type: "line",
          data,
          z: 3,
          lineStyle: { color: chartColors.accent, width: 2.5 },
          connectNulls: false,
          markLine: markLines.length
            ? { symbol: "none", silent: true, data: markLines, animation: false }
            : undefined,
        },
      ],
    };
  }, [points, references]);

  const significantCount = points.filter((p) => p.change?.significant).length;
  const summary = `${title}: ${points.map((p) => `${p.period} ${formatNps(p.nps)}`).join(", ")}. ${significantCount} significant change${significantCount === 1 ? "" : "s"}.`;

  return (
    <ChartFrame
      title={title}
      description={description}
      option={option}
      height={height}
      summary={summary}
      table={{ columns, rows: points, rowKey: (p) => p.period }}
      footer={
        <div className="legend">
          <span>
            <span className="legend-swatch" style={{ background: chartColors.accent }} />
            NPS
          </span>
          <span>
            <span className="legend-swatch" style={{ background: chartColors.accentBand }} />
            {Math.round((points[0]?.confidence ?? 0.95) * 100)} % interval
          </span>
          <span>◆ significant change from the previous period</span>
          <span>○ small sample</span>
          {references.map((r) => (
            <span key={`${r.kind}-${r.label}`}>
              <span
                className="legend-swatch"
                style={{
                  background: r.kind === "benchmark" ? chartColors.benchmark : chartColors.target,
                  height: 2,
                }}
              />
              {r.kind === "benchmark" ? "Benchmark" : "Target"}: {r.label}
            </span>
          ))}
        </div>
      }
    />
  );
}
