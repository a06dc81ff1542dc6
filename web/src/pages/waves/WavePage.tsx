import { useCallback, useEffect, useState } from "react";
import { ApiError, api, downloadUrl } from "../../api/client";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { Link, useSearchParams } from "../../routing";
import { canWrite, useSession } from "../../session";
import type { Survey } from "../surveys/survey-model";
import { AudiencePreviewPanel } from "./AudiencePreviewPanel";
import { ConfirmDialog } from "./ConfirmDialog";
import { WaveCreateForm } from "./WaveCreateForm";
import { WaveProgressSection } from "./WaveProgressSection";
import {
  type AudiencePreview,
  describeAudienceFilters,
  formatDate,
  statusLabels,
  type Wave,
} from "./wave-model";
import "../surveys/pages.css";

/** /waves/new creates a wave; /waves/:id shows one: audience, launch, close, progress and links. */
export default function WavePage({ id }: { id: string }) {
  return id === "new" ? <NewWave /> : <WaveDetail waveId={id} />;
}

function NewWave() {
  const params = useSearchParams();
  const [surveys, setSurveys] = useState<Survey[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    api
      .get<{ items: Survey[] }>("/surveys")
      .then((answer) => setSurveys(answer.items.filter((s) => !s.archived_at)))
      .catch(setError);
  }, []);
  useEffect(load, [load]);
  return (
    <div className="pg-page">
      <PageHeader eyebrow={<Link to="/waves">Waves</Link>} title="New wave" />
      {error ? (
        <ErrorState error={error} onRetry={load} />
      ) : surveys ? (
        <WaveCreateForm surveys={surveys} initialSurvey={params.get("survey")} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

type Pending = "launch" | "close" | null;

function WaveDetail({ waveId }: { waveId: string }) {
  const session = useSession();
  const editable = canWrite(session);
  const [wave, setWave] = useState<Wave | null>(null);
  const [survey, setSurvey] = useState<Survey | null>(null);
  const [audience, setAudience] = useState<AudiencePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [refresh, setRefresh] = useState(0);

  const path = `/waves/${encodeURIComponent(waveId)}`;
  const load = useCallback(async () => {
    setError(null);
    try {
      const loaded = await api.get<Wave>(path);
      setWave(loaded);
      api
        .get<Survey>(`/surveys/${encodeURIComponent(loaded.survey_id)}`)
        .then(setSurvey)
        .catch(() => setSurvey(null));
      if (loaded.status === "draft" || loaded.status === "scheduled") {
        setAudience(await api.get<AudiencePreview>(`${path}/audience`));
      } else setAudience(null);
    } catch (caught) {
      setError(caught);
    }
  }, [path]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act() {
    if (!pending) return;
    setBusy(true);
    setMessage(null);
    try {
      if (pending === "launch") {
        const result = await api.post<{ invited: number; excluded: number }>(`${path}/launch`);
        setMessage({
          kind: "ok",
          text: `Wave launched: ${result.invited} invitations queued, ${result.excluded} contacts excluded.`,
        });
      } else {
        await api.post<Wave>(`${path}/close`);
        setMessage({ kind: "ok", text: "Wave closed. Unanswered invitations have expired." });
      }
      setPending(null);
      setRefresh((n) => n + 1);
      await load();
    } catch (caught) {
      setPending(null);
      setMessage({ kind: "error", text: caught instanceof ApiError ? caught.message : "The action failed." });
    } finally {
      setBusy(false);
    }
  }

  if (error) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!wave) return <Loading label="Loading wave…" />;

  const launchable = wave.status === "draft" || wave.status === "scheduled";
  const sent = wave.status === "open" || wave.status === "closed";

  return (
    <div className="pg-page">
      <PageHeader
        eyebrow={<Link to="/waves">Waves</Link>}
        title={
          <>
            {wave.name}{" "}
            <span className={`pg-status pg-status-${wave.status}`}>{statusLabels[wave.status]}</span>
          </>
        }
        description={
          survey ? (
            <>
              Survey: <Link to={`/surveys/${survey.survey_id}`}>{survey.name}</Link>
            </>
          ) : undefined
        }
        actions={
          <>
            {sent && editable ? (
              <a className="button button-secondary" href={downloadUrl(`${path}/links.csv`)} download>
                Download links (CSV)
              </a>
            ) : null}
            {launchable && editable ? (
              <button type="button" className="button" onClick={() => setPending("launch")}>
                Launch now
              </button>
            ) : null}
            {wave.status === "open" && editable ? (
              <button
                type="button"
                className="button button-secondary pg-danger-outline"
                onClick={() => setPending("close")}
              >
                Close wave
              </button>
            ) : null}
          </>
        }
      />
      <p
        role="status"
        aria-live="polite"
        className={message?.kind === "error" ? "pg-error-text" : "pg-ok-text"}
      >
        {message?.text ?? ""}
      </p>
      <section className="card pg-section" aria-labelledby="wave-facts">
        <h2 id="wave-facts" className="visually-hidden">
          Details
        </h2>
        <dl className="pg-facts">
          <div>
            <dt>Created</dt>
            <dd>{formatDate(wave.created_at)}</dd>
          </div>
          <div>
            <dt>{wave.opened_at ? "Sent" : "Scheduled"}</dt>
            <dd>{formatDate(wave.opened_at ?? wave.scheduled_at)}</dd>
          </div>
          <div>
            <dt>{wave.closed_at ? "Closed" : "Closes"}</dt>
            <dd>{formatDate(wave.closed_at ?? wave.closes_at)}</dd>
          </div>
          <div>
            <dt>Reminders</dt>
            <dd>{wave.reminder_days.length ? `after ${wave.reminder_days.join(" and ")} days` : "none"}</dd>
          </div>
          <div className="pg-facts-wide">
            <dt>Audience</dt>
            <dd>{describeAudienceFilters(wave.audience)}</dd>
          </div>
        </dl>
      </section>
      {launchable ? (
        <section className="card pg-section" aria-labelledby="wave-audience-title">
          <h2 id="wave-audience-title">Who receives it if launched now</h2>
          {audience ? (
            <AudiencePreviewPanel preview={audience} />
          ) : (
            <Loading label="Computing the audience…" />
          )}
        </section>
      ) : null}
      {sent ? <WaveProgressSection waveId={waveId} refresh={refresh} /> : null}
      <ConfirmDialog
        open={pending !== null}
        title={pending === "launch" ? "Launch this wave now?" : "Close this wave?"}
        confirmLabel={pending === "launch" ? "Launch and send" : "Close wave"}
        danger={pending === "close"}
        busy={busy}
        onConfirm={() => void act()}
        onCancel={() => setPending(null)}
      >
        {pending === "launch" ? (
          <p>
            {audience
              ? `${audience.recipients} contact${audience.recipients === 1 ? "" : "s"} at ${audience.partners} partner${audience.partners === 1 ? "" : "s"} will get an invitation email now; ${audience.excluded} excluded.`
              : "Invitation emails are sent to the audience now."}{" "}
            Emails cannot be recalled.
          </p>
        ) : (
          <p>Partners can no longer answer or edit their answers, and unanswered invitations expire.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}
