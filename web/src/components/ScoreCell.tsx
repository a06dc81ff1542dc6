import type { Band } from "../api/types";
import { bandColor, bandFor, formatNps } from "../format";

/** A compact NPS for tables: the score in its band colour, the interval beneath, a small-sample mark. */
export function ScoreCell({
  nps,
  rounded,
  interval,
  smallSample,
  bands,
}: {
  nps: number | null;
  rounded: number | null;
  interval: { low: number; high: number } | null;
  smallSample: boolean;
  bands: Band[];
}) {
  if (nps === null) return <span className="muted">No answers</span>;
  const band = bandFor(rounded, bands);
  return (
    <span className="score-cell" style={{ "--band-color": bandColor(band, bands) } as React.CSSProperties}>
      <span className="score-value">{formatNps(nps)}</span>
      {interval ? (
        <span className="score-interval">
          {formatNps(interval.low)} to {formatNps(interval.high)}
        </span>
      ) : null}
      {smallSample ? (
        <span
          className="badge badge-warning badge-tiny"
          title="Small sample: read as a direction, not a verdict"
        >
          small n
        </span>
      ) : null}
    </span>
  );
}
