import { type FormEvent, useEffect, useId, useState } from "react";
import { downloadUrl } from "../../api/client";
import type { ListOf, Survey } from "../../api/types";
import { useApi, useCachedApi } from "../../api/useApi";
import { type Column, DataTable, type SortState } from "../../components/DataTable";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { FilterBar } from "../../components/FilterBar";
import { PageHeader } from "../../components/PageHeader";
import { formatDate, formatInteger, humanize } from "../../format";
import { FILTER_KEYS, Link, navigate, useLocation } from "../../routing";
import { ScoreChip } from "./ScoreChip";
import "../surveys/pages.css";

/** GET /api/v1/responses (src/modules/responses-explorer/response-explorer.ts). */
interface ResponseItem {
  responseId: string;
  partner: { partnerId: string; name: string; tier: string | null };
  contact: { contactId: string; name: string | null; role: string | null } | null;
  score: number;
  category: "detractor" | "passive" | "promoter";
  comment: string | null;
  respondedAt: string;
  survey: { surveyId: string; name: string } | null;
  wave: { waveId: string; name: string } | null;
  language: string | null;
}

interface ResponsePage {
  items: ResponseItem[];
  total: number;
  page: number;
  pageSize: number;
}

interface WaveOption {
  wave_id: string;
  name: string;
}

const PAGE_SIZE = 50;
/** Params this page keeps in the URL besides the shared filters. */
const OWN_KEYS = ["partner", "category", "q", "sort", "order", "page"] as const;
const sortKeys = ["respondedAt", "partner", "score", "category"];

const humanRole = (role: string | null) => (role ? role.replace(/_/g, " ") : null);

/** Every response, filterable and searchable, with the same selection as a CSV or XLSX download. */
export default function ResponsesPage() {
  const { path, search } = useLocation();
  const params = new URLSearchParams(search);
  const searchId = useId();

  const query: Record<string, string | undefined> = {};
  for (const key of [...FILTER_KEYS, "partner", "category", "q"]) query[key] = params.get(key) || undefined;
  const sort = sortKeys.includes(params.get("sort") ?? "") ? params.get("sort")! : "respondedAt";
  const order = params.get("order") === "asc" ? "asc" : "desc";
  const page = Math.max(1, Number(params.get("page")) || 1);

  const update = (changes: Partial<Record<(typeof OWN_KEYS)[number], string | undefined>>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    // A new filter starts again on page 1 unless the change is the page itself.
    if (!("page" in changes)) next.delete("page");
    const text = next.toString();
    navigate(`${path}${text ? `?${text}` : ""}`, { replace: true });
  };

  const list = useApi<ResponsePage>("/responses", {
    ...query,
    sort,
    order,
    page,
    pageSize: PAGE_SIZE,
  });
  const waves = useCachedApi<ListOf<WaveOption>>("/waves").data?.items ?? [];
  const surveys = useCachedApi<ListOf<Survey>>("/surveys").data?.items ?? [];

  const [text, setText] = useState(query.q ?? "");
  const urlQ = params.get("q") ?? "";
  // The box follows the URL when it changes from outside (back button, a removed search chip).
  useEffect(() => setText(urlQ), [urlQ]);
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() || undefined });
  };

  const data = list.data;
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);

  const exportQuery = { ...query, sort, order };
  const partnerName = query.partner
    ? (data?.items.find((r) => r.partner.partnerId === query.partner)?.partner.name ?? "one partner")
    : null;

  const columns: Column<ResponseItem>[] = [
    {
      key: "respondedAt",
      header: "Date",
      cell: (r) => <span className="pg-nowrap">{formatDate(r.respondedAt)}</span>,
      sortValue: (r) => r.respondedAt,
    },
    {
      key: "partner",
      header: "Partner",
      cell: (r) => (
        <span className="cell-stack">
          <Link to={`/partners/${encodeURIComponent(r.partner.partnerId)}`}>{r.partner.name}</Link>
          {r.partner.tier ? <span className="cell-sub">{humanize(r.partner.tier)}</span> : null}
        </span>
      ),
      sortValue: (r) => r.partner.name,
    },
    {
      key: "contact",
      header: "Contact",
      cell: (r) =>
        r.contact ? (
          <span className="cell-stack">
            <span>{r.contact.name ?? "Unnamed contact"}</span>
            {r.contact.role ? <span className="cell-sub">{humanRole(r.contact.role)}</span> : null}
          </span>
        ) : (
          <span className="muted">anonymous</span>
        ),
    },
    {
      key: "score",
      header: "Score",
      align: "center",
      cell: (r) => <ScoreChip score={r.score} category={r.category} />,
      sortValue: (r) => r.score,
    },
    {
      key: "comment",
      header: "Comment",
      cell: (r) =>
        r.comment ? (
          <span className="pg-comment" lang={r.language ?? undefined}>
            {r.comment}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: "survey",
      header: "Wave / survey",
      priority: "low",
      cell: (r) => (
        <span className="cell-stack pg-survey-cell">
          {r.wave ? (
            <Link to={`/waves/${encodeURIComponent(r.wave.waveId)}`}>{r.wave.name}</Link>
          ) : (
            <span>—</span>
          )}
          {r.survey ? <span className="cell-sub">{r.survey.name}</span> : null}
        </span>
      ),
    },
  ];

  const sortState: SortState = { key: sort, direction: order === "asc" ? "ascending" : "descending" };

  return (
    <div className="pg-page">
      <PageHeader
        title="Responses"
        description="Every answer with its comment. Filters, search and sorting stay in the address, so a view can be shared."
        actions={
          <>
            <a
              className="button button-secondary"
              href={downloadUrl("/responses/export", { format: "csv", ...exportQuery })}
              download
            >
              Export CSV
            </a>
            <a
              className="button button-secondary"
              href={downloadUrl("/responses/export", { format: "xlsx", ...exportQuery })}
              download
            >
              Export XLSX
            </a>
          </>
        }
      />
      <FilterBar show={["from", "tier", "type", "region", "survey"]} />
      <div className="filter-bar pg-toolbar">
        <form onSubmit={submitSearch} className="filter-field pg-search">
          <label htmlFor={`${searchId}-q`}>Search comments</label>
          <div className="pg-search-row">
            <input
              id={`${searchId}-q`}
              type="search"
              value={text}
              placeholder="e.g. deal registration, support, délai"
              onChange={(e) => setText(e.target.value)}
            />
            <button type="submit" className="button">
              Search
            </button>
          </div>
        </form>
        <div className="filter-field">
          <label htmlFor={`${searchId}-category`}>Category</label>
          <select
            id={`${searchId}-category`}
            value={query.category ?? ""}
            onChange={(e) => update({ category: e.target.value || undefined })}
          >
            <option value="">All</option>
            <option value="promoter">Promoters (9–10)</option>
            <option value="passive">Passives (7–8)</option>
            <option value="detractor">Detractors (0–6)</option>
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor={`${searchId}-wave`}>Wave</label>
          <select
            id={`${searchId}-wave`}
            value={query.wave ?? ""}
            onChange={(e) => {
              const next = new URLSearchParams(search);
              if (e.target.value) next.set("wave", e.target.value);
              else next.delete("wave");
              next.delete("page");
              navigate(`${path}?${next.toString()}`, { replace: true });
            }}
          >
            <option value="">All</option>
            {waves.map((w) => (
              <option key={w.wave_id} value={w.wave_id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {partnerName || query.q ? (
        <div className="pg-inline-row">
          {partnerName ? (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => update({ partner: undefined })}
            >
              Partner: {partnerName} <span aria-hidden="true">×</span>
              <span className="visually-hidden"> (remove)</span>
            </button>
          ) : null}
          {query.q ? (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => update({ q: undefined })}
            >
              Search: “{query.q}” <span aria-hidden="true">×</span>
              <span className="visually-hidden"> (remove)</span>
            </button>
          ) : null}
        </div>
      ) : null}

      <section className="card" aria-labelledby="responses-title" aria-busy={list.loading}>
        <div className="card-header">
          <div>
            <h2 id="responses-title" className="card-title">
              {data ? `${formatInteger(total)} response${total === 1 ? "" : "s"}` : "Responses"}
            </h2>
            {query.survey ? (
              <p className="card-description">
                Survey: {surveys.find((s) => s.survey_id === query.survey)?.name ?? query.survey}
              </p>
            ) : null}
          </div>
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {list.loading ? "Loading responses…" : data ? `${formatInteger(total)} responses found.` : ""}
        </p>
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : data && data.items.length === 0 ? (
          <EmptyState title="No responses match">
            Try a longer period, fewer filters or another search word.
          </EmptyState>
        ) : data ? (
          <>
            <ul className="pg-response-cards" aria-label="Responses">
              {data.items.map((r) => (
                <li key={r.responseId} className="pg-response-card">
                  <div className="pg-response-card-head">
                    <ScoreChip score={r.score} category={r.category} />
                    <span className="cell-stack">
                      <Link to={`/partners/${encodeURIComponent(r.partner.partnerId)}`}>
                        {r.partner.name}
                      </Link>
                      <span className="cell-sub">
                        {r.contact
                          ? [r.contact.name ?? "Unnamed contact", humanRole(r.contact.role)]
                              .filter(Boolean)
                              .join(" · ")
                          : "anonymous"}
                      </span>
                    </span>
                    <span className="cell-sub pg-nowrap">{formatDate(r.respondedAt)}</span>
                  </div>
                  {r.comment ? (
                    <p className="pg-comment" lang={r.language ?? undefined}>
                      {r.comment}
                    </p>
                  ) : null}
                  {r.wave ? <span className="cell-sub">{r.wave.name}</span> : null}
                </li>
              ))}
            </ul>
            <div className="pg-responses-table">
              <DataTable
                caption="Responses"
                captionHidden
                columns={columns}
                rows={data.items}
                rowKey={(r) => r.responseId}
                sort={sortState}
                onSortChange={(next) =>
                  update({ sort: next.key, order: next.direction === "ascending" ? "asc" : "desc" })
                }
              />
            </div>
            <nav className="pagination" aria-label="Pages of responses">
              <span>
                {formatInteger(first)}–{formatInteger(last)} of {formatInteger(total)}
              </span>
              <span className="pagination-buttons">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={page <= 1}
                  onClick={() => update({ page: String(page - 1) })}
                >
                  Previous
                </button>
                <span className="pg-nowrap" aria-current="page">
                  Page {page} of {pages}
                </span>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={page >= pages}
                  onClick={() => update({ page: String(page + 1) })}
                >
                  Next
                </button>
              </span>
            </nav>
          </>
        ) : (
          <p className="muted">Loading responses…</p>
        )}
      </section>
    </div>
  );
}
