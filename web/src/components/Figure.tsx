import type { Band, NpsFigure } from "../api/types";
import {
  bandColor,
  bandFor,
  formatInteger,
  formatMargin,
  formatMethod,
  formatNps,
  formatRange,
} from "../format";

interface FigureProps {
  figure: NpsFigure;
  bands: Band[];
  /** The server's band when it sent one; otherwise derived from the rounded score. */
  band?: Band | null;
  label?: string;
  size?: "large" | "medium" | "small";
  smallSampleThreshold?: number;
}

/** An NPS as it should always be read: score in its band colour, interval, sample size and method. */
export function Figure({
  figure,
  bands,
  band,
  label = "NPS",
  size = "large",
  smallSampleThreshold,
}: FigureProps) {
  const resolved = band ?? bandFor(figure.nps_rounded, bands);
  const color = bandColor(resolved, bands);
  if (figure.nps === null) {
    return (
      <div className={`figure figure-${size}`}>
        <div className="figure-label">{label}</div>
        <div className="figure-value figure-empty">–</div>
        <div className="figure-meta">No responses in this selection</div>
      </div>
    );
  }
  const weighted = figure.weighting !== "responses" || Math.abs(figure.effective_n - figure.n) > 0.5;
  return (
    <div className={`figure figure-${size}`} style={{ "--band-color": color } as React.CSSProperties}>
      <div className="figure-label">{label}</div>
      <div className="figure-main">
        <span className="figure-value">{formatNps(figure.nps)}</span>
        {figure.interval ? <span className="figure-margin">{formatMargin(figure)}</span> : null}
        {resolved ? <span className="band-pill">{resolved.label}</span> : null}
      </div>
      <div className="figure-meta">
        {figure.interval ? <span>Range {formatRange(figure)}</span> : null}
        <span>
          n = {formatInteger(figure.n)}
          {weighted ? ` (effective ${formatInteger(figure.effective_n)})` : ""}
        </span>
        <span>{formatMethod(figure)}</span>
      </div>
      {figure.small_sample ? (
        <div className="badge badge-warning" role="note">
          <span aria-hidden="true">⚠</span> Small sample
          {smallSampleThreshold ? ` (fewer than ${smallSampleThreshold} effective responses)` : ""}: read as a
          direction, not a verdict
        </div>
      ) : null}
    </div>
  );
}
