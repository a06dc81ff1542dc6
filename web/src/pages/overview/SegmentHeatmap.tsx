import { useMemo } from "react";
import type { Band, SegmentCell, Segments } from "../../api/types";
import { ChartFrame } from "../../components/ChartFrame";
import { chartColors, escapeText, tint, tooltipBase } from "../../components/charts/chart-theme";
import type { Column } from "../../components/DataTable";
import { bandColor, bandFor, formatInteger, formatNps, formatSigned, humanize } from "../../format";
import { useMediaQuery } from "../../useMediaQuery";

export const HEATMAP_DIMENSIONS = [
  { value: "tier", label: "Tier" },
  { value: "type", label: "Type" },
  { value: "region", label: "Region" },
] as const;
export type HeatmapDimension = (typeof HEATMAP_DIMENSIONS)[number]["value"];

interface Row {
  segment: string;
  label: string;
  overall: SegmentCell | undefined;
  cells: Map<string, SegmentCell>;
}

function cellText(cell: SegmentCell | undefined): string {
  if (!cell || cell.nps === null) return "–";
  const gap = cell.vs_rest?.significant ? ((cell.vs_rest.difference ?? 0) > 0 ? " ▲" : " ▼") : "";
  return `${formatNps(cell.nps)}${gap}${cell.small_sample ? " (small sample)" : ""}`;
}

const segmentLabel = (dimension: string, value: string | null) =>
  value === null ? "Not set" : dimension === "region" ? value : humanize(value);

/** Segments × periods: each cell's NPS in its band tint, small samples greyed, significant gaps marked. */
export function SegmentHeatmap({
  segments,
  bands,
  dimension,
  onDimensionChange,
}: {
  segments: Segments;
  bands: Band[];
  dimension: HeatmapDimension;
  onDimensionChange: (dimension: HeatmapDimension) => void;
}) {
  const narrow = useMediaQuery("(max-width: 720px)");
  const allPeriods = segments.periods.map((p) => p.period).sort();
  const periods = allPeriods.slice(narrow ? -4 : -8);

  const rows: Row[] = useMemo(() => {
    const bySegment = new Map<string, Row>();
    for (const overall of [...segments.segments].sort((a, b) => (b.nps ?? -101) - (a.nps ?? -101))) {
      const key = overall.value ?? "";
      bySegment.set(key, {
        segment: key,
        label: segmentLabel(segments.dimension, overall.value),
        overall,
        cells: new Map(),
      });
    }
    for (const cell of segments.cells) {
      const row = bySegment.get(cell.value ?? "");
      if (row && cell.period) row.cells.set(cell.period, cell);
    }
    return [...bySegment.values()];
  }, [segments]);

  const option = useMemo(() => {
    const yLabels = rows.map((r) => r.label).reverse();
    const data = rows.flatMap((row, rowIndex) =>
      periods.map((period, columnIndex) => {
        const cell = row.cells.get(period);
        const y = rows.length - 1 - rowIndex;
        if (!cell || cell.nps === null) {
          return { value: [columnIndex, y, null], itemStyle: { color: "#fafbfc" }, cell: null };
        }
        const significant = cell.vs_rest?.significant === true;
        const color = cell.small_sample
          ? chartColors.smallSample
          : tint(bandColor(bandFor(cell.nps_rounded, bands), bands), 0.22);
        return {
          value: [columnIndex, y, Math.round(cell.nps)],
          cell,
          itemStyle: {
            color,
            borderColor: significant ? "#161a20" : "#ffffff",
            borderWidth: significant ? 2 : 1,
          },
          label: {
            color: cell.small_sample ? "#6b7380" : "#161a20",
            fontWeight: significant ? 700 : 400,
          },
        };
      }),
    );
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        ...tooltipBase,
        formatter: (params: {
          data: { cell: SegmentCell | null; value: [number, number, number | null] };
        }) => {
          const cell = params.data.cell;
          const period = periods[params.data.value[0]] ?? "";
          const row = rows[rows.length - 1 - params.data.value[1]];
          if (!cell) return `${escapeText(row?.label)} · ${escapeText(period)}<br/>No responses`;
          const gap = cell.vs_rest;
          return [
            `<strong>${escapeText(row?.label)} · ${escapeText(period)}</strong>`,
            `NPS <strong>${formatNps(cell.nps)}</strong>${cell.interval ? ` (${formatNps(cell.interval.low)} to ${formatNps(cell.interval.high)})` : ""}`,
            `n = ${formatInteger(cell.n)}${cell.small_sample ? " · small sample" : ""}`,
            gap?.difference != null
              ? `${formatSigned(gap.difference)} vs the rest of the program${gap.significant ? " · significant" : ""}`
              : "",
          ]
            .filter(Boolean)
            .join("<br/>");
        },
      },
      xAxis: {
        type: "category",
        data: periods,
        position: "top",
        axisLine: { show: false },
        axisTick: { show: false },
        splitArea: { show: false },
        axisLabel: { color: chartColors.muted },
      },
      yAxis: {
        type: "category",
        data: yLabels,
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { color: chartColors.text },
      },
      series: [
        {
          type: "heatmap",
          data,
          label: {
            show: true,
            fontSize: 12,
            formatter: (params: {
              data: { cell: SegmentCell | null; value: [number, number, number | null] };
            }) => {
              const cell = params.data.cell;
              if (!cell) return "";
              const gap = cell.vs_rest?.significant ? ((cell.vs_rest.difference ?? 0) > 0 ? "▲" : "▼") : "";
              return `${formatNps(cell.nps)}${gap ? ` ${gap}` : ""}`;
            },
          },
          emphasis: { disabled: true },
        },
      ],
    };
  }, [rows, periods, bands]);

  const columns: Column<Row>[] = [
    {
      key: "segment",
      header: HEATMAP_DIMENSIONS.find((d) => d.value === dimension)?.label ?? "Segment",
      cell: (r) => r.label,
      sortValue: (r) => r.label,
    },
    ...periods.map(
      (period): Column<Row> => ({
        key: period,
        header: period,
        align: "right",
        cell: (r) => cellText(r.cells.get(period)),
        sortValue: (r) => r.cells.get(period)?.nps ?? null,
      }),
    ),
    {
      key: "overall",
      header: "All periods",
      align: "right",
      cell: (r) => cellText(r.overall),
      sortValue: (r) => r.overall?.nps ?? null,
    },
  ];

  return (
    <ChartFrame
      title="Segments over time"
      description="NPS per segment and quarter, segments ordered by their NPS over all periods."
      option={option}
      height={Math.max(160, rows.length * 44 + 48)}
      summary={`Heatmap of NPS by ${dimension} and quarter for ${rows.length} segments.`}
      footer={
        <div className="legend">
          {[...bands]
            .sort((a, b) => b.min - a.min)
            .map((band) => (
              <span key={band.key}>
                <span className="legend-swatch" style={{ background: tint(bandColor(band, bands), 0.22) }} />
                {band.label}
              </span>
            ))}
          <span>
            <span className="legend-swatch" style={{ background: chartColors.smallSample }} />
            Small sample
          </span>
          <span>
            <span className="legend-swatch legend-outline" />
            Significant gap to the rest (▲ above, ▼ below)
          </span>
        </div>
      }
      table={{ columns, rows, rowKey: (r) => r.segment }}
      actions={
        <label className="inline-select">
          <span className="visually-hidden">Segment by</span>
          <select
            value={dimension}
            onChange={(event) => onDimensionChange(event.target.value as HeatmapDimension)}
          >
            {HEATMAP_DIMENSIONS.map((d) => (
              <option key={d.value} value={d.value}>
                By {d.label.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      }
    />
  );
}
