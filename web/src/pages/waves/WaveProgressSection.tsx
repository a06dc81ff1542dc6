import { useId, useMemo, useState } from "react";
import { useApi, useCachedApi } from "../../api/useApi";
import { ChartFrame } from "../../components/ChartFrame";
import type { Column } from "../../components/DataTable";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { formatInteger, humanize } from "../../format";
import {
  type Funnel,
  formatPercent,
  type ProgressBy,
  type WaveProgress,
  type WaveProgressGroups,
} from "./wave-model";

interface Stage {
  stage: string;
  count: number;
  share: number | null;
}

/** Darker to lighter blue down the funnel, the last step (responded) in the promoter green. */
const funnelColors = ["#1c46a6", "#2456c8", "#4a74d4", "#7396e0", "#1f7a4c"];
const byLabels: Record<ProgressBy, string> = { tier: "Tier", region: "Region", partner: "Partner" };
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function stages(f: Funnel): Stage[] {
  return [
    { stage: "Invited", count: f.invited, share: share(f.invited, f.invited) },
    { stage: "Sent", count: f.sent, share: share(f.sent, f.invited) },
    { stage: "Delivered", count: f.delivered, share: share(f.delivered, f.invited) },
    { stage: "Clicked", count: f.clicked, share: share(f.clicked, f.invited) },
    { stage: "Responded", count: f.responded, share: share(f.responded, f.invited) },
  ];
}

const stageColumns: Column<Stage>[] = [
  { key: "stage", header: "Stage", cell: (s) => s.stage },
  { key: "count", header: "Contacts", align: "right", cell: (s) => formatInteger(s.count) },
  { key: "share", header: "Share of invited", align: "right", cell: (s) => formatPercent(s.share) },
];

const groupColumns = (by: ProgressBy): Column<Funnel>[] => [
  { key: "key", header: byLabels[by], cell: (g) => g.key ?? "(none)", sortValue: (g) => g.key ?? "" },
  {
    key: "invited",
    header: "Invited",
    align: "right",
    cell: (g) => formatInteger(g.invited),
    sortValue: (g) => g.invited,
  },
  {
    key: "delivered",
    header: "Delivered",
    align: "right",
    cell: (g) => formatInteger(g.delivered),
    sortValue: (g) => g.delivered,
  },
  {
    key: "bounced",
    header: "Bounced",
    align: "right",
    priority: "low",
    cell: (g) => formatInteger(g.bounced),
    sortValue: (g) => g.bounced,
  },
  {
    key: "unsubscribed",
    header: "Unsubscribed",
    align: "right",
    priority: "low",
    cell: (g) => formatInteger(g.unsubscribed),
    sortValue: (g) => g.unsubscribed,
  },
  {
    key: "clicked",
    header: "Clicked",
    align: "right",
    priority: "low",
    cell: (g) => formatInteger(g.clicked),
    sortValue: (g) => g.clicked,
  },
  {
    key: "responded",
    header: "Responded",
    align: "right",
    cell: (g) => formatInteger(g.responded),
    sortValue: (g) => g.responded,
  },
  {
    key: "rate",
    header: "Response rate",
    align: "right",
    cell: (g) => formatPercent(g.response_rate),
    sortValue: (g) => g.response_rate,
  },
];

/** Sent → delivered → clicked → responded for the wave, and the same per tier, region or partner. */
export function WaveProgressSection({ waveId, refresh }: { waveId: string; refresh: number }) {
  const path = `/waves/${encodeURIComponent(waveId)}/progress`;
  const overall = useApi<WaveProgress>(path, { r: refresh || undefined });
  const [by, setBy] = useState<ProgressBy>("tier");
  const groups = useApi<WaveProgressGroups>(path, { by, r: refresh || undefined });
  const selectId = useId();

  const funnelOption = useMemo(() => {
    if (!overall.data) return {};
    const data = stages(overall.data);
    return {
      aria: { enabled: true },
      grid: { left: 8, right: 130, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", show: false, max: Math.max(1, overall.data.invited) },
      yAxis: {
        type: "category",
        inverse: true,
        data: data.map((s) => s.stage),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: "#3b424d", fontSize: 13 },
      },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      series: [
        {
          type: "bar",
          barWidth: "62%",
          data: data.map((s, i) => ({
            value: s.count,
            itemStyle: { color: funnelColors[i] ?? "#2456c8", borderRadius: 3 },
          })),
          label: {
            show: true,
            position: "right",
            color: "#161a20",
            formatter: (p: { dataIndex: number }) => {
              const s = data[p.dataIndex];
              return s ? `${formatInteger(s.count)}  (${formatPercent(s.share)})` : "";
            },
          },
        },
      ],
    };
  }, [overall.data]);

  // The server groups partners by id; names come from the partner list so the table reads as people expect.
  const partners = useCachedApi<{ items: { partner_id: string; name: string }[] }>("/partners", {
    limit: 1000,
  });
  const groupRows = useMemo(() => {
    const rows = groups.data?.by === by ? groups.data.groups : [];
    if (by === "tier") return rows.map((g) => ({ ...g, key: g.key ? humanize(g.key) : g.key }));
    if (by !== "partner" || !partners.data) return rows;
    const names = new Map(partners.data.items.map((p) => [p.partner_id, p.name]));
    return rows.map((g) => ({ ...g, key: g.key ? (names.get(g.key) ?? g.key) : g.key }));
  }, [groups.data, by, partners.data]);
  const rateOption = useMemo(() => {
    const rows = [...groupRows]
      .sort((a, b) => (b.response_rate ?? -1) - (a.response_rate ?? -1))
      .slice(0, 25);
    return {
      aria: { enabled: true },
      grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
      // Three gridlines fit a phone; the bar labels carry the exact rates.
      xAxis: { type: "value", max: 100, interval: 50, axisLabel: { formatter: "{value} %" } },
      yAxis: {
        type: "category",
        inverse: true,
        data: rows.map((g) => g.key ?? "(none)"),
        axisTick: { show: false },
        axisLabel: { width: 140, overflow: "truncate" },
      },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      series: [
        {
          type: "bar",
          barMaxWidth: 22,
          data: rows.map((g) => (g.response_rate === null ? null : Math.round(g.response_rate * 1000) / 10)),
          itemStyle: { color: "#2456c8", borderRadius: 3 },
          label: { show: true, position: "right", formatter: "{c} %" },
        },
      ],
    };
  }, [groupRows]);

  if (overall.error) return <ErrorState error={overall.error} onRetry={overall.reload} />;
  if (!overall.data) return <Loading label="Loading progress…" />;
  const f = overall.data;
  const rateChartHeight = Math.min(25, Math.max(groupRows.length, 3)) * 32 + 40;

  return (
    <>
      <section className="card" aria-labelledby="progress-stats">
        <h2 id="progress-stats" className="card-title">
          Progress
        </h2>
        <dl className="stat-list" style={{ marginTop: 12 }}>
          <div className="stat">
            <dt>Response rate</dt>
            <dd>
              {formatPercent(f.response_rate)}
              <span className="stat-detail">of delivered invitations</span>
            </dd>
          </div>
          <div className="stat">
            <dt>Responded</dt>
            <dd>{formatInteger(f.responded)}</dd>
          </div>
          <div className="stat">
            <dt>Delivered</dt>
            <dd>{formatInteger(f.delivered)}</dd>
          </div>
          <div className="stat">
            <dt>Bounced</dt>
            <dd>{formatInteger(f.bounced)}</dd>
          </div>
          <div className="stat">
            <dt>Unsubscribed</dt>
            <dd>{formatInteger(f.unsubscribed)}</dd>
          </div>
        </dl>
      </section>
      <ChartFrame
        title="Invitation funnel"
        description="Contacts reached at each step, as a share of those invited."
        option={funnelOption}
        height={230}
        summary={`Of ${f.invited} invited, ${f.sent} sent, ${f.delivered} delivered, ${f.clicked} clicked and ${f.responded} responded.`}
        table={{
          columns: stageColumns,
          rows: stages(f),
          rowKey: (s) => s.stage,
          caption: "Invitation funnel",
        }}
      />
      <ChartFrame
        title={`Response rate by ${byLabels[by].toLowerCase()}`}
        description={
          groupRows.length > 25
            ? "The 25 highest are drawn; the table lists all."
            : "Responded as a share of delivered invitations."
        }
        option={rateOption}
        height={rateChartHeight}
        summary={`Response rate for ${groupRows.length} ${byLabels[by].toLowerCase()} groups.`}
        actions={
          <span className="pg-inline-row">
            <label htmlFor={selectId} className="visually-hidden">
              Break down by
            </label>
            <select
              id={selectId}
              value={by}
              onChange={(e) => setBy(e.target.value as ProgressBy)}
              style={{ width: "auto" }}
            >
              <option value="tier">By tier</option>
              <option value="region">By region</option>
              <option value="partner">By partner</option>
            </select>
          </span>
        }
        table={{
          columns: groupColumns(by),
          rows: groupRows,
          rowKey: (g) => g.key ?? "(none)",
          caption: `Progress by ${byLabels[by].toLowerCase()}`,
        }}
      />
      {groups.error ? <ErrorState error={groups.error} onRetry={groups.reload} /> : null}
    </>
  );
}
