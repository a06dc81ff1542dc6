/** The demo calendar: twelve quarterly waves ending with the quarter that holds the reference date. */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const DEMO_WAVE_COUNT = 12;
export const DEFAULT_DEMO_REFERENCE_DATE = "2026-11-30T00:00:00.000Z";
/** Days a wave stays open. */
export const WAVE_OPEN_DAYS = 42;
/** Days after sending when non-responders get a reminder. */
export const REMINDER_DAYS = [4, 10] as const;

export interface Quarter {
  index: number;
  /** e.g. "2026-Q4". */
  label: string;
  waveId: string;
  startMs: number;
  /** Start of the next quarter. */
  endMs: number;
  openedMs: number;
  closesMs: number;
  /** Only the latest wave is still open at the reference date. */
  open: boolean;
}

export interface Timeline {
  referenceMs: number;
  organizationCreatedMs: number;
  /** When the partner and contact lists were first imported. */
  importMs: number;
  quarters: Quarter[];
}

const dayPrefixes = new Map<number, string>();

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"));

/** Same text as Date#toISOString, memoising the date part: the demo formats ~100k timestamps. */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}Z`;
}

export function dateOnly(ms: number): string {
  return iso(ms).slice(0, 10);
}

export function monthOf(ms: number): string {
  return iso(ms).slice(0, 7);
}

function quarterStart(year: number, quarter: number): number {
  return Date.UTC(year, quarter * 3, 1);
}

export function buildTimeline(referenceDate: string | Date): Timeline {
  const referenceMs = new Date(referenceDate).getTime();
  if (Number.isNaN(referenceMs)) throw new Error(`Invalid demo reference date: ${String(referenceDate)}`);
  const reference = new Date(referenceMs);
  const refYear = reference.getUTCFullYear();
  const refQuarter = Math.floor(reference.getUTCMonth() / 3);
  const dayInQuarter = Math.floor((referenceMs - quarterStart(refYear, refQuarter)) / DAY_MS);
  // Every wave opens on the same day of its quarter, early enough that the latest has two weeks of answers.
  const openDay = Math.max(0, Math.min(33, dayInQuarter - 14));

  const quarters: Quarter[] = [];
  for (let index = 0; index < DEMO_WAVE_COUNT; index++) {
    const back = DEMO_WAVE_COUNT - 1 - index;
    const absolute = refYear * 4 + refQuarter - back;
    const year = Math.floor(absolute / 4);
    const quarter = absolute % 4;
    const startMs = quarterStart(year, quarter);
    const endMs = quarterStart(quarter === 3 ? year + 1 : year, (quarter + 1) % 4);
    const openedMs = Math.min(startMs + openDay * DAY_MS + 8 * HOUR_MS, referenceMs - DAY_MS);
    quarters.push({
      index,
      label: `${year}-Q${quarter + 1}`,
      waveId: `demo-w-${year}-q${quarter + 1}`,
      startMs,
      endMs,
      openedMs,
      // Late in a quarter the open wave is extended, so it is still collecting answers at the reference date.
      closesMs:
        index === DEMO_WAVE_COUNT - 1
          ? Math.max(openedMs + WAVE_OPEN_DAYS * DAY_MS, referenceMs + 14 * DAY_MS)
          : openedMs + WAVE_OPEN_DAYS * DAY_MS,
      open: index === DEMO_WAVE_COUNT - 1,
    });
  }
  const organizationCreatedMs = quarters[0]!.startMs - 45 * DAY_MS;
  return { referenceMs, organizationCreatedMs, importMs: organizationCreatedMs + 3 * DAY_MS, quarters };
}
