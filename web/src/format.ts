/** Number and label formatting shared by every page, so one figure reads the same everywhere. */
import type { Band, NpsFigure, NpsMethod } from "./api/types";

const integer = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatNps(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return rounded === 0 ? "0" : rounded > 0 ? String(rounded) : `−${Math.abs(rounded)}`;
}

export function formatSigned(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return "–";
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : value < 0 ? `−${text.slice(1)}` : text;
}

export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : integer.format(value);
}

export function formatPercent(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined) return "–";
  return `${(share * 100).toFixed(digits)} %`;
}

export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "–";
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** "± 3.4" — half the interval width, what most readers expect next to a score. */
export function formatMargin(figure: Pick<NpsFigure, "interval">): string {
  if (!figure.interval) return "";
  return `± ${oneDecimal.format((figure.interval.high - figure.interval.low) / 2)}`;
}

export function formatRange(figure: Pick<NpsFigure, "interval">): string {
  if (!figure.interval) return "–";
  return `${formatNps(figure.interval.low)} to ${formatNps(figure.interval.high)}`;
}

const METHOD_LABELS: Record<NpsMethod, string> = {
  wald: "Wald",
  "adjusted-wald": "adjusted Wald",
  tango: "Tango",
  bayes: "Bayesian",
};

export function formatMethod(figure: Pick<NpsFigure, "method" | "confidence">): string {
  return `${Math.round(figure.confidence * 100)} % ${METHOD_LABELS[figure.method] ?? figure.method} interval`;
}

// Partner-program abbreviations that read wrong in sentence case ("Isv").
const ACRONYMS = new Set([
  "isv",
  "msp",
  "mssp",
  "var",
  "mdf",
  "oem",
  "si",
  "gsi",
  "csp",
  "qbr",
  "nps",
  "crm",
  "prm",
]);

/** "system_integrator" → "System integrator"; "isv" → "ISV". */
export function humanize(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "Not set";
  const spaced = value
    .replace(/[_-]+/g, " ")
    .split(" ")
    .map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase() : word))
    .join(" ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The band a rounded score falls in (bands sorted high to low, as the server does). */
export function bandFor(score: number | null, bands: Band[]): Band | null {
  if (score === null) return null;
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return (
    sorted.find((band) => (band.inclusive ? score >= band.min : score > band.min)) ?? sorted.at(-1) ?? null
  );
}

// Text-safe (WCAG AA on white) colours from best to worst; an org's bands take them by rank.
const BAND_PALETTE = ["#0b6b3a", "#4d7c0f", "#8a5a00", "#b3401a", "#b42318"];
// Which palette steps a program with 1–5 bands uses, best band first (4 bands: green, olive, amber, red).
const BAND_PICKS: Record<number, number[]> = {
  1: [0],
  2: [0, 4],
  3: [0, 2, 4],
  4: [0, 1, 2, 4],
  5: [0, 1, 2, 3, 4],
};

export function bandColor(band: Band | null | undefined, bands: Band[]): string {
  if (!band) return "#5b6675";
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  const rank = Math.max(
    0,
    sorted.findIndex((b) => b.key === band.key),
  );
  const picks = BAND_PICKS[sorted.length];
  if (picks) return BAND_PALETTE[picks[rank] ?? 0]!;
  // More bands than colours: best green, worst red, the ones between by their relative rank.
  return BAND_PALETTE[Math.round((rank / (sorted.length - 1)) * (BAND_PALETTE.length - 1))]!;
}

export const CATEGORY_COLORS = { detractors: "#c4320a", passives: "#98a2b3", promoters: "#1f7a4c" } as const;
