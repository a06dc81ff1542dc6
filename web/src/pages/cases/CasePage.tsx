import { useEffect, useState } from "react";
import type { CaseDetail, Initiative } from "../../api/types";
import { useApi } from "../../api/useApi";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { humanize } from "../../format";
import { Link } from "../../routing";
import { useSession } from "../../session";
import { CaseFacts } from "./CaseFacts";
import { CaseOutcome } from "./CaseOutcome";
import { CaseResponses } from "./CaseResponses";
import { CaseTimeline } from "./CaseTimeline";
import { CaseWork } from "./CaseWork";
import { canWorkCases, STATUS_LABELS, STATUS_TONES } from "./case-model";
// The confirmation dialog's styles live with the pages that first used it.
import "../surveys/pages.css";

/** Initiatives that list this case: what the program is doing about what the partner said. */
function LinkedInitiatives({ caseId }: { caseId: string }) {
  const initiatives = useApi<{ items: Initiative[] }>("/initiatives");
  if (initiatives.error)
    return (
      <ErrorState
        error={initiatives.error}
        onRetry={initiatives.reload}
        title="Initiatives could not be loaded"
      />
    );
  const linked = (initiatives.data?.items ?? []).filter((i) => i.caseIds.includes(caseId));
  if (linked.length === 0) return null;
  return (
    <section className="card" aria-labelledby="case-initiatives-title">
      <h2 id="case-initiatives-title" className="card-title">
        Improvement initiatives
      </h2>
      <ul className="plain-list">
        {linked.map((initiative) => (
          <li key={initiative.id}>
            <div className="goal-head">
              <span>{initiative.title}</span>
              <span className="badge badge-neutral">{humanize(initiative.status)}</span>
            </div>
            {initiative.description ? <p className="muted">{initiative.description}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One follow-up case: the answers behind it, the work on it (status, contact, notes, causes) and its story. */
export default function CasePage({ id }: { id: string }) {
  const loaded = useApi<CaseDetail>(`/cases/${encodeURIComponent(id)}`);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const session = useSession();
  const canWork = canWorkCases(session);

  useEffect(() => {
    if (loaded.data) setDetail(loaded.data);
  }, [loaded.data]);

  const back = (
    <Link to="/cases" className="back-link">
      ← Cases
    </Link>
  );
  if (loaded.error) {
    return (
      <>
        {back}
        <ErrorState error={loaded.error} onRetry={loaded.reload} title="This case could not be loaded" />
      </>
    );
  }
  if (!detail) return <Loading />;

  return (
    <div className="case-page">
      {back}
      <PageHeader
        eyebrow="Follow-up case"
        title={detail.partnerName}
        description={detail.reason ?? humanize(detail.rule)}
        actions={
          <>
            <span className={`badge ${STATUS_TONES[detail.status]}`}>{STATUS_LABELS[detail.status]}</span>
            {detail.overdue ? <span className="badge badge-danger">Overdue</span> : null}
            {detail.escalatedAt ? <span className="badge badge-warning">Escalated</span> : null}
          </>
        }
      />
      <div className="grid grid-main-side align-start">
        <div className="grid">
          <CaseResponses detail={detail} />
          {canWork ? <CaseWork detail={detail} onUpdated={setDetail} /> : null}
          <CaseTimeline detail={detail} />
        </div>
        <div className="grid">
          <CaseFacts detail={detail} onUpdated={setDetail} />
          <CaseOutcome detail={detail} onUpdated={setDetail} canWork={canWork} />
          <LinkedInitiatives caseId={detail.id} />
        </div>
      </div>
    </div>
  );
}
