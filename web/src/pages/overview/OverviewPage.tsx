import { useState } from "react";
import { useSettings } from "../../api/settings";
import type {
  Benchmark,
  Coverage,
  Distribution,
  Headline,
  ListOf,
  Segments,
  Target,
  Trend,
} from "../../api/types";
import { useApi } from "../../api/useApi";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { FilterBar } from "../../components/FilterBar";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { type ReferenceLine, TrendChart } from "../../components/TrendChart";
import { Link, useFilters } from "../../routing";
import { DistributionChart } from "./DistributionChart";
import { FollowUpCard } from "./FollowUpCard";
import { GoalsCard } from "./GoalsCard";
import { HeadlineCard } from "./HeadlineCard";
import { type HeatmapDimension, SegmentHeatmap } from "./SegmentHeatmap";
import { SilentPartners } from "./SilentPartners";

/** "Where do we stand": headline, trend, distribution, segments and the partners the score is missing. */
export default function OverviewPage() {
  const [filters] = useFilters();
  const settings = useSettings();
  const [dimension, setDimension] = useState<HeatmapDimension>("tier");
  const query = { ...filters };
  const coverageQuery = {
    from: filters.from,
    to: filters.to,
    tier: filters.tier,
    type: filters.type,
    region: filters.region,
    wave: filters.wave,
  };

  const headline = useApi<Headline>("/analytics/headline", query);
  const trend = useApi<Trend>("/analytics/trend", { ...query, period: "quarter" });
  const distribution = useApi<Distribution>("/analytics/distribution", query);
  const segments = useApi<Segments>("/analytics/segments", { ...query, dimension, period: "quarter" });
  const coverage = useApi<Coverage>("/analytics/coverage", coverageQuery);
  const targets = useApi<ListOf<Target>>("/targets");
  const benchmarks = useApi<ListOf<Benchmark>>("/benchmarks");

  const bands = headline.data?.bands ?? settings?.bands ?? [];
  const references: ReferenceLine[] = [
    ...(benchmarks.data?.items ?? [])
      .filter((b) => b.statistic !== "response_rate" && !b.segment)
      .map((b) => ({ label: b.name, value: b.value, kind: "benchmark" as const })),
    ...(targets.data?.items ?? [])
      .filter((t) => Object.keys(t.segment).length === 0)
      .map((t) => ({ label: t.name, value: t.target_value, kind: "target" as const })),
  ];

  const header = (
    <PageHeader
      title="Overview"
      description="Where the partner program stands, how it moves, and who is not heard."
      actions={
        <Link to="/partners" className="button button-secondary">
          All partners
        </Link>
      }
    />
  );

  if (headline.error) {
    return (
      <>
        {header}
        <FilterBar />
        <ErrorState error={headline.error} onRetry={headline.reload} />
      </>
    );
  }
  if (!headline.data) {
    return (
      <>
        {header}
        <FilterBar />
        <Loading />
      </>
    );
  }
  if (headline.data.nps.n === 0) {
    return (
      <>
        {header}
        <FilterBar />
        <EmptyState title="No responses in this selection">
          Widen the period or clear a filter. New programs: launch a survey wave from{" "}
          <Link to="/waves">Waves</Link>.
        </EmptyState>
      </>
    );
  }

  const points = trend.data?.lines[0]?.points ?? [];
  // Follow-up figures take the period only; say so when a segment filter narrows the rest of the page.
  const segmentFiltered = Boolean(
    filters.tier || filters.type || filters.region || filters.survey || filters.wave,
  );
  return (
    <>
      {header}
      <FilterBar />
      <div className="grid grid-main-side">
        <HeadlineCard headline={headline.data} settings={settings} />
        {targets.data && benchmarks.data ? (
          <GoalsCard
            targets={targets.data.items}
            benchmarks={benchmarks.data.items}
            current={headline.data.nps}
          />
        ) : (
          <section className="card">
            {targets.error || benchmarks.error ? (
              <ErrorState error={targets.error ?? benchmarks.error} />
            ) : (
              <Loading />
            )}
          </section>
        )}
      </div>
      <FollowUpCard
        from={filters.from}
        to={filters.to}
        note={
          segmentFiltered
            ? "Tier, type, region, survey and wave filters do not apply to follow-up figures."
            : undefined
        }
      />
      {trend.error ? (
        <ErrorState error={trend.error} onRetry={trend.reload} title="The trend could not be loaded" />
      ) : trend.data ? (
        <TrendChart
          title="NPS by quarter"
          description="The shaded band is the interval: where the true score most likely lies given the sample."
          points={points}
          bands={bands}
          references={references}
        />
      ) : (
        <section className="card">
          <Loading />
        </section>
      )}
      <div className="grid grid-2">
        {distribution.data ? (
          <DistributionChart distribution={distribution.data} />
        ) : (
          <section className="card">
            {distribution.error ? <ErrorState error={distribution.error} /> : <Loading />}
          </section>
        )}
        {coverage.data ? (
          <SilentPartners coverage={coverage.data} />
        ) : (
          <section className="card">
            {coverage.error ? <ErrorState error={coverage.error} /> : <Loading />}
          </section>
        )}
      </div>
      {segments.data ? (
        <SegmentHeatmap
          segments={segments.data}
          bands={bands}
          dimension={dimension}
          onDimensionChange={setDimension}
        />
      ) : (
        <section className="card">
          {segments.error ? <ErrorState error={segments.error} /> : <Loading />}
        </section>
      )}
    </>
  );
}
