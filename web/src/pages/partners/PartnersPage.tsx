import { type FormEvent, useEffect, useState } from "react";
import { useSettings } from "../../api/settings";
import type { PartnerTable, PartnerTableRow } from "../../api/types";
import { useApi } from "../../api/useApi";
import { type Column, DataTable, type SortState } from "../../components/DataTable";
import { ErrorState } from "../../components/ErrorState";
import { FilterBar } from "../../components/FilterBar";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { ScoreCell } from "../../components/ScoreCell";
import { formatDate, formatInteger, formatMoney, formatPercent, formatSigned, humanize } from "../../format";
import { Link, navigate, useFilters, useLocation } from "../../routing";
import { useSession } from "../../session";

const PAGE_SIZE = 50;

/** Table column key → the server's sort field (sorting runs on the server across all pages). */
const SORT_FIELDS: Record<string, string> = {
  name: "name",
  nps: "nps",
  n: "n",
  trend: "trend",
  last: "lastResponseAt",
  rate: "responseRate",
  owner: "owner",
  revenue: "revenue",
};

function TrendText({ trend }: { trend: PartnerTableRow["trend"] }) {
  if (!trend) return <span className="muted">–</span>;
  const arrow = trend.delta > 0 ? "▲" : trend.delta < 0 ? "▼" : "";
  const tone = trend.significant ? (trend.delta > 0 ? "trend-up" : "trend-down") : "trend-flat";
  return (
    <span
      className={`trend ${tone}`}
      title={`${trend.period} against ${trend.fromPeriod}${trend.significant ? ", significant" : ", not significant"}`}
    >
      {arrow} {formatSigned(trend.delta, 0)}
      {trend.significant ? <span className="visually-hidden"> (significant)</span> : null}
    </span>
  );
}

/** Every partner in scope with NPS and interval, trend, recency, response rate and owner; sortable and filterable. */
export default function PartnersPage() {
  const [filters] = useFilters();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const settings = useSettings();
  const bands = settings?.bands ?? [];
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  const sortKey = params.get("sort") ?? "name";
  const order = params.get("order") === "desc" ? "desc" : "asc";
  const q = params.get("q") ?? "";
  const session = useSession();
  const mine = params.get("owner") === "me";
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);

  const table = useApi<PartnerTable>("/partners/table", {
    from: filters.from,
    to: filters.to,
    tier: filters.tier,
    type: filters.type,
    region: filters.region,
    q: q || undefined,
    owner: mine ? session?.user.userId : undefined,
    sort: SORT_FIELDS[sortKey] ?? "name",
    order,
    page,
    pageSize: PAGE_SIZE,
  });

  const setParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const text = next.toString();
    navigate(`/partners${text ? `?${text}` : ""}`, { replace: true });
  };

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setParams({ q: search.trim() || undefined, page: undefined });
  };

  const columns: Column<PartnerTableRow>[] = [
    {
      key: "name",
      header: "Partner",
      sortValue: (r) => r.name,
      cell: (r) => (
        <span className="cell-stack">
          <Link to={`/partners/${encodeURIComponent(r.partnerId)}`} className="strong-link">
            {r.name}
          </Link>
          <span className="cell-sub">
            {[humanize(r.tier), humanize(r.type), r.region].filter((v) => v && v !== "Not set").join(" · ")}
            {r.strategic ? " · strategic" : ""}
          </span>
        </span>
      ),
    },
    {
      key: "nps",
      header: "NPS and interval",
      sortValue: (r) => r.nps,
      cell: (r) => (
        <ScoreCell
          nps={r.nps}
          rounded={r.npsRounded}
          interval={r.interval}
          smallSample={r.smallSample}
          bands={bands}
        />
      ),
    },
    {
      key: "n",
      header: "Responses",
      align: "right",
      sortValue: (r) => r.n,
      cell: (r) => formatInteger(r.n),
      priority: "low",
    },
    {
      key: "trend",
      header: "Trend",
      align: "right",
      sortValue: (r) => r.trend?.delta ?? null,
      cell: (r) => <TrendText trend={r.trend} />,
    },
    {
      key: "last",
      header: "Last response",
      align: "right",
      sortValue: (r) => r.lastResponseAt,
      cell: (r) => formatDate(r.lastResponseAt),
      priority: "low",
    },
    {
      key: "rate",
      header: "Response rate",
      align: "right",
      sortValue: (r) => r.responseRate,
      cell: (r) => (
        <span title={`${r.responded} of ${r.invited} invitations answered`}>
          {formatPercent(r.responseRate)}
        </span>
      ),
      priority: "low",
    },
    {
      key: "owner",
      header: "Owner",
      sortValue: (r) => r.owner?.name ?? null,
      cell: (r) => r.owner?.name ?? <span className="muted">Unassigned</span>,
      priority: "low",
    },
    {
      key: "revenue",
      header: "Revenue",
      align: "right",
      sortValue: (r) => r.annualRevenue,
      cell: (r) => formatMoney(r.annualRevenue),
      priority: "low",
    },
  ];

  const sort: SortState = { key: sortKey, direction: order === "asc" ? "ascending" : "descending" };
  const total = table.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <>
      <PageHeader
        title="Partners"
        description={
          table.data
            ? `${formatInteger(total)} partners. NPS is role-weighted per partner, with its ${Math.round(table.data.confidence * 100)} % interval.`
            : "Every partner with its NPS, trend and response rate."
        }
      />
      <FilterBar show={["from", "to", "tier", "type", "region"]} />
      <form className="search-row" onSubmit={onSearch}>
        <label htmlFor="partner-search" className="visually-hidden">
          Search partners by name
        </label>
        <input
          id="partner-search"
          type="search"
          placeholder="Search by partner name"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="submit" className="button button-secondary">
          Search
        </button>
        <label className="checkbox toggle-mine">
          <input
            type="checkbox"
            checked={mine}
            onChange={(event) =>
              setParams({ owner: event.target.checked ? "me" : undefined, page: undefined })
            }
          />
          <span>Only partners I own</span>
        </label>
      </form>
      <section className="card card-flush">
        {table.error ? (
          <ErrorState error={table.error} onRetry={table.reload} />
        ) : !table.data ? (
          <Loading />
        ) : (
          <>
            <DataTable
              caption={`Partners, page ${page} of ${pages}`}
              captionHidden
              columns={columns}
              rows={table.data.items}
              rowKey={(r) => r.partnerId}
              sort={sort}
              onSortChange={(next) =>
                setParams({
                  sort: next.key,
                  order: next.direction === "ascending" ? "asc" : "desc",
                  page: undefined,
                })
              }
              rowClassName={(r) => (r.nps === null ? "row-muted" : undefined)}
              empty="No partner matches these filters."
            />
            <nav className="pagination" aria-label="Pages">
              <span>
                {total === 0
                  ? "No partners"
                  : `${formatInteger((page - 1) * PAGE_SIZE + 1)}–${formatInteger(Math.min(total, page * PAGE_SIZE))} of ${formatInteger(total)}`}
                {table.loading ? " · updating…" : ""}
              </span>
              <span className="pagination-buttons">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={page <= 1}
                  onClick={() => setParams({ page: page - 1 > 1 ? String(page - 1) : undefined })}
                >
                  Previous
                </button>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={page >= pages}
                  onClick={() => setParams({ page: String(page + 1) })}
                >
                  Next
                </button>
              </span>
            </nav>
          </>
        )}
      </section>
    </>
  );
}
