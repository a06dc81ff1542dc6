import type { Benchmark, NpsFigure, Target, TargetStatus } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";
import { formatDate, formatNps, formatSigned, humanize } from "../../format";
import { Link } from "../../routing";

const STATUS: Record<TargetStatus, { label: string; tone: string }> = {
  achieved: { label: "Achieved", tone: "badge-success" },
  on_track: { label: "On track", tone: "badge-success" },
  behind: { label: "Behind plan", tone: "badge-warning" },
  missed: { label: "Missed", tone: "badge-danger" },
  no_data: { label: "No data yet", tone: "badge-neutral" },
};

function segmentText(segment: Record<string, string[]>): string {
  const parts = Object.entries(segment).map(
    ([field, values]) =>
      `${humanize(field)}: ${values.map((v) => (field === "region" ? v : humanize(v))).join(", ")}`,
  );
  return parts.length ? parts.join(" · ") : "Whole program";
}

function TargetItem({ target }: { target: Target }) {
  const status = STATUS[target.status];
  const progress = Math.max(0, Math.min(1, target.progress ?? 0));
  return (
    <li className="goal">
      <div className="goal-head">
        <span className="goal-name">{target.name}</span>
        <span className={`badge ${status.tone}`}>{status.label}</span>
      </div>
      <div className="goal-numbers muted">
        {formatNps(target.start_value)} → {formatNps(target.target_value)} by {formatDate(target.due_date)} ·
        now <strong className="goal-current">{formatNps(target.current.nps)}</strong> ·{" "}
        {segmentText(target.segment)}
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={`${target.name}: progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress * 100)}
        aria-valuetext={`${Math.round((target.progress ?? 0) * 100)} % of the planned change; ${Math.round(target.elapsed * 100)} % of the time elapsed`}
      >
        <div className="progress-bar" style={{ width: `${progress * 100}%` }} />
        <div
          className="progress-expected"
          style={{ left: `${target.elapsed * 100}%` }}
          title="Where the plan expects to be today"
        />
      </div>
      <div className="goal-foot muted">
        {target.progress === null
          ? "No answers since the start date"
          : `${formatNps(target.progress * 100)} % of the planned change`}{" "}
        · plan expects {formatNps(target.expected)} today
      </div>
    </li>
  );
}

/** Targets with their progress, and how the current NPS compares with recorded benchmarks. */
export function GoalsCard({
  targets,
  benchmarks,
  current,
}: {
  targets: Target[];
  benchmarks: Benchmark[];
  current: NpsFigure;
}) {
  const npsBenchmarks = benchmarks.filter((b) => b.statistic !== "response_rate");
  return (
    <section className="card goals-card" aria-labelledby="goals-title">
      <h2 id="goals-title" className="card-title">
        Targets and benchmarks
      </h2>
      {targets.length === 0 && npsBenchmarks.length === 0 ? (
        <EmptyState title="No targets or benchmarks yet">
          Record a target (for example from 25 to 45 within 6 months) or a published benchmark in{" "}
          <Link to="/settings">Settings</Link>.
        </EmptyState>
      ) : null}
      {targets.length ? (
        <ul className="plain-list">
          {targets.map((target) => (
            <TargetItem key={target.target_id} target={target} />
          ))}
        </ul>
      ) : null}
      {npsBenchmarks.length ? (
        <ul className="plain-list benchmarks">
          {npsBenchmarks.map((b) => {
            const gap = current.nps === null ? null : current.nps - b.value;
            const inside = current.interval
              ? b.value >= current.interval.low && b.value <= current.interval.high
              : false;
            return (
              <li key={b.benchmark_id} className="goal">
                <div className="goal-head">
                  <span className="goal-name">{b.name}</span>
                  <span className="goal-value">{formatNps(b.value)}</span>
                </div>
                <div className="goal-numbers muted">
                  {b.source}
                  {b.year ? `, ${b.year}` : ""}
                  {b.segment ? ` · ${b.segment}` : ""}
                </div>
                {gap !== null ? (
                  <div className="goal-foot">
                    You are <strong>{formatSigned(gap, 0)}</strong> points{" "}
                    {inside ? (
                      <span className="muted">— within your interval, so not a clear difference</span>
                    ) : gap > 0 ? (
                      "above"
                    ) : (
                      "below"
                    )}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
