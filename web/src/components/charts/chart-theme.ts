/** Shared chart styling so every chart matches the page (fonts, greys, accent). */
export const chartFont = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const chartColors = {
  accent: "#2456c8",
  accentBand: "rgba(36, 86, 200, 0.14)",
  text: "#161a20",
  muted: "#525a66",
  grid: "#eceef2",
  axis: "#c4cad3",
  benchmark: "#6b3fa0",
  target: "#17703a",
  smallSample: "#eceef2",
} as const;

export const baseTextStyle = { fontFamily: chartFont, color: chartColors.muted, fontSize: 12 };

export const categoryAxis = (data: string[]) => ({
  type: "category" as const,
  data,
  axisLine: { lineStyle: { color: chartColors.axis } },
  axisTick: { show: false },
  axisLabel: { color: chartColors.muted, hideOverlap: true, margin: 12 },
});

export const valueAxis = (extra: Record<string, unknown> = {}) => ({
  type: "value" as const,
  splitLine: { lineStyle: { color: chartColors.grid } },
  axisLabel: { color: chartColors.muted },
  ...extra,
});

export const tooltipBase = {
  backgroundColor: "#ffffff",
  borderColor: "#dde1e7",
  borderWidth: 1,
  textStyle: { color: chartColors.text, fontFamily: chartFont, fontSize: 12 },
  extraCssText: "box-shadow: 0 8px 24px rgba(16,24,40,0.14); border-radius: 8px;",
};

/** A light tint of a colour (for heatmap cells under dark text). */
export function tint(hex: string, amount: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const mix = (channel: number) => Math.round(channel + (255 - channel) * (1 - amount));
  const r = mix((value >> 16) & 255);
  const g = mix((value >> 8) & 255);
  const b = mix(value & 255);
  return `rgb(${r}, ${g}, ${b})`;
}

/** HTML-escapes text placed in tooltip HTML (segment values and names come from users). */
export function escapeText(value: unknown): string {
  return String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}
