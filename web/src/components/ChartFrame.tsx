import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { type EChartsCoreOption, echarts } from "./charts/echarts";
import { type Column, DataTable } from "./DataTable";

interface ChartFrameProps<T> {
  title: string;
  description?: ReactNode;
  option: EChartsCoreOption;
  /** The same data as a table: every chart has a non-visual alternative. */
  table: { columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; caption?: string };
  height?: number;
  actions?: ReactNode;
  /** Short text summary read by screen readers in place of the drawing. */
  summary?: string;
  footer?: ReactNode;
  onChartClick?: (params: { name?: string; seriesName?: string; data?: unknown; dataIndex?: number }) => void;
}

/** A chart card with a "Show as table" switch; the chart itself is hidden from assistive tech behind a summary. */
export function ChartFrame<T>(props: ChartFrameProps<T>) {
  const { title, description, option, table, height = 280, actions, summary, footer, onChartClick } = props;
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  return (
    <section className="card chart-card" aria-labelledby={headingId}>
      <div className="card-header">
        <div>
          <h2 id={headingId} className="card-title">
            {title}
          </h2>
          {description ? <p className="card-description">{description}</p> : null}
        </div>
        <div className="card-actions">
          {actions}
          <button
            type="button"
            className="button button-ghost button-small"
            aria-pressed={asTable}
            onClick={() => setAsTable((value) => !value)}
          >
            {asTable ? "Show as chart" : "Show as table"}
          </button>
        </div>
      </div>
      {asTable ? (
        <DataTable
          caption={table.caption ?? title}
          captionHidden
          columns={table.columns}
          rows={table.rows}
          rowKey={table.rowKey}
          dense
        />
      ) : (
        <EChart option={option} height={height} label={summary ?? title} onClick={onChartClick} />
      )}
      {footer ? <div className="card-footer">{footer}</div> : null}
    </section>
  );
}

function EChart({
  option,
  height,
  label,
  onClick,
}: {
  option: EChartsCoreOption;
  height: number;
  label: string;
  onClick?: ChartFrameProps<unknown>["onChartClick"];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof echarts.init> | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, null, { renderer: "svg" });
    chartRef.current = chart;
    chart.on("click", (params) => clickRef.current?.(params as Parameters<NonNullable<typeof onClick>>[0]));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div className="chart-wrap">
      <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} />
    </div>
  );
}
