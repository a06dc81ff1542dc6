import { useId } from "react";
import type { ListOf, Segments, Survey } from "../api/types";
import { useCachedApi } from "../api/useApi";
import { humanize } from "../format";
import { type FilterKey, type Filters, useFilters } from "../routing";

export interface PeriodPreset {
  value: string;
  label: string;
  from?: string;
  to?: string;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** Quarter, year and rolling presets relative to today; the URL keeps plain from/to dates. */
export function periodPresets(today = new Date()): PeriodPreset[] {
  const year = today.getUTCFullYear();
  const quarter = Math.floor(today.getUTCMonth() / 3);
  const presets: PeriodPreset[] = [{ value: "all", label: "All time" }];
  const yearAgo = new Date(today);
  yearAgo.setUTCFullYear(year - 1);
  yearAgo.setUTCDate(yearAgo.getUTCDate() + 1);
  presets.push({ value: "12m", label: "Last 12 months", from: iso(yearAgo), to: iso(today) });
  presets.push({ value: `${year}`, label: `${year}`, from: `${year}-01-01`, to: `${year}-12-31` });
  presets.push({
    value: `${year - 1}`,
    label: `${year - 1}`,
    from: `${year - 1}-01-01`,
    to: `${year - 1}-12-31`,
  });
  for (let i = 0; i < 6; i++) {
    const q = quarter - i;
    const y = year + Math.floor(q / 4);
    const qi = ((q % 4) + 4) % 4;
    const start = new Date(Date.UTC(y, qi * 3, 1));
    const end = new Date(Date.UTC(y, qi * 3 + 3, 0));
    presets.push({ value: `${y}-Q${qi + 1}`, label: `${y} Q${qi + 1}`, from: iso(start), to: iso(end) });
  }
  return presets;
}

function useOptions(dimension: "tier" | "type" | "region") {
  const { data } = useCachedApi<Segments>("/analytics/segments", { dimension });
  return (data?.segments ?? [])
    .map((segment) => segment.value)
    .filter((value): value is string => value !== null)
    .sort();
}

interface FilterBarProps {
  /** Which filters this page offers; all by default. */
  show?: FilterKey[];
}

/** The shared filter row: every choice is written to the URL, so the view can be bookmarked and shared. */
export function FilterBar({ show }: FilterBarProps) {
  const [filters, setFilters] = useFilters();
  const id = useId();
  const tiers = useOptions("tier");
  const types = useOptions("type");
  const regions = useOptions("region");
  const surveys = useCachedApi<ListOf<Survey>>("/surveys").data?.items ?? [];
  const presets = periodPresets();
  const visible = (key: FilterKey) => !show || show.includes(key);

  const currentPreset =
    !filters.from && !filters.to
      ? "all"
      : (presets.find((p) => p.from === filters.from && p.to === filters.to)?.value ?? "custom");
  const active = Object.values(filters).some(Boolean);

  const select = (key: FilterKey, label: string, options: { value: string; label: string }[]) => (
    <div className="filter-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select
        id={`${id}-${key}`}
        value={filters[key] ?? ""}
        onChange={(event) => setFilters({ [key]: event.target.value || undefined } as Filters)}
      >
        <option value="">All</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {filters[key] && !options.some((o) => o.value === filters[key]) ? (
          <option value={filters[key]}>{humanize(filters[key])}</option>
        ) : null}
      </select>
    </div>
  );

  return (
    <fieldset className="filter-bar">
      <legend className="visually-hidden">Filters</legend>
      {visible("from") ? (
        <div className="filter-field">
          <label htmlFor={`${id}-period`}>Period</label>
          <select
            id={`${id}-period`}
            value={currentPreset}
            onChange={(event) => {
              const preset = presets.find((p) => p.value === event.target.value);
              if (preset) setFilters({ from: preset.from, to: preset.to });
            }}
          >
            {presets.map((preset) => (
              <option key={preset.value} value={preset.value}>
                {preset.label}
              </option>
            ))}
            {currentPreset === "custom" ? (
              <option value="custom">
                {filters.from ?? "…"} to {filters.to ?? "…"}
              </option>
            ) : null}
          </select>
        </div>
      ) : null}
      {visible("tier")
        ? select(
            "tier",
            "Tier",
            tiers.map((v) => ({ value: v, label: humanize(v) })),
          )
        : null}
      {visible("type")
        ? select(
            "type",
            "Type",
            types.map((v) => ({ value: v, label: humanize(v) })),
          )
        : null}
      {visible("region")
        ? select(
            "region",
            "Region",
            regions.map((v) => ({ value: v, label: v })),
          )
        : null}
      {visible("survey")
        ? select(
            "survey",
            "Survey",
            surveys.map((s) => ({ value: s.survey_id, label: s.name })),
          )
        : null}
      {active ? (
        <button
          type="button"
          className="button button-ghost button-small filter-clear"
          onClick={() =>
            setFilters({
              from: undefined,
              to: undefined,
              tier: undefined,
              type: undefined,
              region: undefined,
              survey: undefined,
              wave: undefined,
            })
          }
        >
          Clear filters
        </button>
      ) : null}
    </fieldset>
  );
}

/** The filters as API query parameters (analytics accepts segment fields and from/to directly). */
export function filterQuery(filters: Filters): Record<string, string | undefined> {
  return { ...filters };
}
