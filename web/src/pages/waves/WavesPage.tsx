import { useEffect, useState } from "react";
import { api } from "../../api/client";
import { useApi } from "../../api/useApi";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { formatInteger } from "../../format";
import { Link } from "../../routing";
import { canWrite, useSession } from "../../session";
import type { Survey } from "../surveys/survey-model";
import { formatDate, formatPercent, statusLabels, type Wave, type WaveProgress } from "./wave-model";
import "../surveys/pages.css";

type Row = Wave & { progress: WaveProgress | null | undefined; surveyName: string };

/** Every wave with its status and response rate; sent waves load their progress one by one. */
export default function WavesPage() {
  const session = useSession();
  const editable = canWrite(session);
  const waves = useApi<{ items: Wave[] }>("/waves");
  const surveys = useApi<{ items: Survey[] }>("/surveys");
  const [progress, setProgress] = useState<Record<string, WaveProgress | null>>({});

  useEffect(() => {
    const sent = (waves.data?.items ?? []).filter((w) => w.status === "open" || w.status === "closed");
    let current = true;
    for (const wave of sent) {
      api
        .get<WaveProgress>(`/waves/${encodeURIComponent(wave.wave_id)}/progress`)
        .then((p) => current && setProgress((all) => ({ ...all, [wave.wave_id]: p })))
        .catch(() => current && setProgress((all) => ({ ...all, [wave.wave_id]: null })));
    }
    return () => {
      current = false;
    };
  }, [waves.data]);

  const surveyNames = new Map((surveys.data?.items ?? []).map((s) => [s.survey_id, s.name]));
  const rows: Row[] = (waves.data?.items ?? []).map((w) => ({
    ...w,
    progress: w.status === "open" || w.status === "closed" ? progress[w.wave_id] : null,
    surveyName: surveyNames.get(w.survey_id) ?? "—",
  }));

  const columns: Column<Row>[] = [
    {
      key: "name",
      header: "Wave",
      cell: (w) => (
        <span className="cell-stack">
          <Link to={`/waves/${encodeURIComponent(w.wave_id)}`}>{w.name}</Link>
          <span className="cell-sub">{w.surveyName}</span>
        </span>
      ),
      sortValue: (w) => w.name,
    },
    {
      key: "status",
      header: "Status",
      cell: (w) => <span className={`pg-status pg-status-${w.status}`}>{statusLabels[w.status]}</span>,
      sortValue: (w) => w.status,
    },
    {
      key: "sent",
      header: "Sent",
      cell: (w) => formatDate(w.opened_at ?? w.scheduled_at),
      sortValue: (w) => w.opened_at ?? w.scheduled_at ?? "",
      priority: "low",
    },
    {
      key: "closes",
      header: "Closes",
      cell: (w) => formatDate(w.closed_at ?? w.closes_at),
      sortValue: (w) => w.closed_at ?? w.closes_at ?? "",
      priority: "low",
    },
    {
      key: "invited",
      header: "Invited",
      align: "right",
      cell: (w) => (w.progress ? formatInteger(w.progress.invited) : w.progress === undefined ? "…" : "—"),
      sortValue: (w) => w.progress?.invited ?? null,
      priority: "low",
    },
    {
      key: "responded",
      header: "Responded",
      align: "right",
      cell: (w) => (w.progress ? formatInteger(w.progress.responded) : w.progress === undefined ? "…" : "—"),
      sortValue: (w) => w.progress?.responded ?? null,
      priority: "low",
    },
    {
      key: "rate",
      header: "Response rate",
      align: "right",
      cell: (w) =>
        w.progress ? formatPercent(w.progress.response_rate) : w.progress === undefined ? "…" : "—",
      sortValue: (w) => w.progress?.response_rate ?? null,
    },
  ];

  return (
    <div className="pg-page">
      <PageHeader
        title="Waves"
        description="A wave sends one survey to a chosen audience, with reminders, until its close date."
        actions={
          editable ? (
            <Link className="button" to="/waves/new">
              New wave
            </Link>
          ) : undefined
        }
      />
      <section className="card">
        {waves.error ? (
          <ErrorState error={waves.error} onRetry={waves.reload} />
        ) : !waves.data ? (
          <Loading label="Loading waves…" />
        ) : rows.length === 0 ? (
          <EmptyState title="No waves yet">
            {editable ? <Link to="/waves/new">Plan the first wave</Link> : "An analyst or admin plans waves."}
          </EmptyState>
        ) : (
          <DataTable caption="Waves" captionHidden columns={columns} rows={rows} rowKey={(w) => w.wave_id} />
        )}
      </section>
    </div>
  );
}
