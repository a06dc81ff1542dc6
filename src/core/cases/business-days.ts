/**
 * SLA due dates in business days, in the organization's time zone, with Intl only (no date library).
 * Choice: a case is due at the END of its Nth business day (17:00 local), counted from the day it opened;
 * a case opened on a weekend starts counting on Monday. "First contact within 2 business days" then means
 * "by close of business on the second working day after today", whatever the hour it arrived.
 */
export const DUE_HOUR_LOCAL = 17;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone; unknown zones fall back to UTC rather than failing a job. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function localParts(
  instant: Date,
  timeZone: string,
): LocalDate & { hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of a local wall-clock time; the offset is re-read at the result so DST days come out right. */
export function zonedTimeToUtc(date: LocalDate, hour: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return new Date(guess);
}

function isWeekend(date: LocalDate): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/**
 * The due instant `businessDays` working days after `from` (Saturdays and Sundays skipped), at 17:00 local.
 * 0 business days = today's close of business (or Monday's, on a weekend).
 */
export function addBusinessDays(from: Date, businessDays: number, timeZone: string): Date {
  if (!Number.isInteger(businessDays) || businessDays < 0) {
    throw new RangeError(`businessDays must be a whole number ≥ 0, got ${businessDays}`);
  }
  const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
  const start = localParts(from, zone);
  let day: LocalDate = { year: start.year, month: start.month, day: start.day };
  while (isWeekend(day)) day = nextDay(day);
  for (let counted = 0; counted < businessDays; ) {
    day = nextDay(day);
    if (!isWeekend(day)) counted++;
  }
  return zonedTimeToUtc(day, DUE_HOUR_LOCAL, zone);
}
