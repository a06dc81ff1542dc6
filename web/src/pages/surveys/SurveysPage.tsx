import { useApi } from "../../api/useApi";
import { type Column, DataTable } from "../../components/DataTable";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { formatDate } from "../../format";
import { Link } from "../../routing";
import { canWrite, useSession } from "../../session";
import { driverLabels, languageNames, type Survey } from "./survey-model";
import "./pages.css";

/** Every survey of the organization, with what it asks and in which languages. */
export default function SurveysPage() {
  const session = useSession();
  const editable = canWrite(session);
  const { data, error, reload } = useApi<{ items: Survey[] }>("/surveys");

  const columns: Column<Survey>[] = [
    {
      key: "name",
      header: "Survey",
      cell: (s) => (
        <span className="cell-stack">
          <Link to={`/surveys/${encodeURIComponent(s.survey_id)}`}>{s.name}</Link>
          <span className="cell-sub">
            {s.kind === "relationship" ? "Relationship" : "Transactional"}
            {/* The identity column is hidden on phones; an anonymous survey still says so here. */}
            {s.anonymous ? <span className="pg-phone-only"> · anonymous</span> : null}
          </span>
        </span>
      ),
      sortValue: (s) => s.name,
    },
    {
      key: "questions",
      header: "Asks",
      cell: (s) => {
        const parts = ["NPS"];
        if (s.questions.reason) parts.push("reason");
        if (s.questions.drivers.length) parts.push(`${s.questions.drivers.length} drivers`);
        if (s.questions.custom.length)
          parts.push(
            `${s.questions.custom.length} custom question${s.questions.custom.length === 1 ? "" : "s"}`,
          );
        return (
          <span title={s.questions.drivers.map((d) => driverLabels[d]).join(", ") || undefined}>
            {parts.join(" · ")}
          </span>
        );
      },
    },
    {
      key: "languages",
      header: "Languages",
      cell: (s) => s.languages.map((l) => languageNames[l] ?? l).join(", "),
      priority: "low",
    },
    {
      key: "anonymous",
      header: "Identity",
      cell: (s) =>
        s.anonymous ? (
          <span className="badge badge-accent">Anonymous</span>
        ) : (
          <span className="muted">Named</span>
        ),
      sortValue: (s) => (s.anonymous ? 1 : 0),
      priority: "low",
    },
    {
      key: "created",
      header: "Created",
      cell: (s) => formatDate(s.created_at),
      sortValue: (s) => s.created_at,
      priority: "low",
    },
    {
      key: "actions",
      header: <span className="visually-hidden">Actions</span>,
      align: "right",
      cell: (s) =>
        editable ? (
          <Link
            className="button button-ghost button-small"
            to={`/waves/new?survey=${encodeURIComponent(s.survey_id)}`}
          >
            New wave<span className="visually-hidden"> of {s.name}</span>
          </Link>
        ) : null,
    },
  ];

  return (
    <div className="pg-page">
      <PageHeader
        title="Surveys"
        description="What partners are asked: the NPS question, the reason, driver ratings and your own questions."
        actions={
          editable ? (
            <Link className="button" to="/surveys/new">
              New survey
            </Link>
          ) : undefined
        }
      />
      <section className="card">
        {error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data ? (
          <Loading label="Loading surveys…" />
        ) : data.items.length === 0 ? (
          <EmptyState title="No surveys yet">
            {editable ? (
              <Link to="/surveys/new">Create the first survey</Link>
            ) : (
              "An analyst or admin creates surveys."
            )}
          </EmptyState>
        ) : (
          <DataTable
            caption="Surveys"
            captionHidden
            columns={columns}
            rows={data.items}
            rowKey={(s) => s.survey_id}
            initialSort={{ key: "created", direction: "descending" }}
            rowClassName={(s) => (s.archived_at ? "row-muted" : undefined)}
          />
        )}
      </section>
    </div>
  );
}
