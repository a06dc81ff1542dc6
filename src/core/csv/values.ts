import { normalizeColumnName } from "./mapping.js";

/**
 * Strict cell parsers: a value is accepted only in an unambiguous form, never coerced.
 *
 * - Scores, integers and decimals reject surrounding spaces (a padded number usually means a misaligned or
 *   hand-edited column; read with `trim: true` to accept them). Text-like values (text, email, booleans,
 *   enumerations, dates) are trimmed.
 * - Scores also reject leading zeros ("07"): a zero-padded value suggests the wrong column (a month, a code)
 *   was mapped; the survey scale writes 0..10 plainly.
 */

export type ValueResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): ValueResult<T> => ({ ok: false, reason });

/** Quotes a raw value for a message, shortened so a 10 MB cell does not become a 10 MB error. */
export function quoteRaw(raw: string): string {
  const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
  return JSON.stringify(shown);
}

const spacesHint = (raw: string): string => (raw.trim() !== raw ? " (remove the surrounding spaces)" : "");

/** Lets null through as a valid "no value" for optional fields; otherwise runs the parser. */
export function parseOptional<T>(
  raw: string | null,
  parse: (raw: string) => ValueResult<T>,
): ValueResult<T | null> {
  return raw === null ? ok(null) : parse(raw);
}

/** An NPS answer: an integer 0..10 written plainly ("0" … "10"). */
export function parseNpsScore(raw: string): ValueResult<number> {
  if (/^(?:10|[0-9])$/.test(raw)) return ok(Number(raw));
  const hint = /^0\d$/.test(raw) ? " (no leading zeros)" : spacesHint(raw);
  return fail(`score must be a whole number from 0 to 10, got ${quoteRaw(raw)}${hint}`);
}

export interface IntegerOptions {
  min?: number;
  max?: number;
}

/** An integer: optional minus sign and digits (leading zeros allowed), within the safe integer range. */
export function parseInteger(raw: string, options: IntegerOptions = {}): ValueResult<number> {
  if (!/^-?\d+$/.test(raw)) return fail(`must be a whole number, got ${quoteRaw(raw)}${spacesHint(raw)}`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) return fail(`number ${quoteRaw(raw)} is too large`);
  return inRange(value, raw, options);
}

function inRange(value: number, raw: string, { min, max }: IntegerOptions): ValueResult<number> {
  if (min !== undefined && value < min) return fail(`must be at least ${min}, got ${quoteRaw(raw)}`);
  if (max !== undefined && value > max) return fail(`must be at most ${max}, got ${quoteRaw(raw)}`);
  return ok(value);
}

export interface DecimalOptions extends IntegerOptions {
  /** Accept `12,85` as well as `12.85`; pass `delimiter !== ","` (French exports use `;` and decimal commas). */
  decimalComma?: boolean;
}

/** A decimal number: `12`, `-3.5`, and `12,85` when decimalComma is on; no thousands separators or exponents. */
export function parseDecimal(raw: string, options: DecimalOptions = {}): ValueResult<number> {
  const pattern = options.decimalComma ? /^-?\d+(?:[.,]\d+)?$/ : /^-?\d+(?:\.\d+)?$/;
  if (!pattern.test(raw)) {
    const hint =
      !options.decimalComma && /^-?\d+,\d+$/.test(raw)
        ? " (decimal commas are only accepted in semicolon- or tab-separated files)"
        : spacesHint(raw);
    return fail(`must be a number such as 12.85, got ${quoteRaw(raw)}${hint}`);
  }
  const value = Number(raw.replace(",", "."));
  if (!Number.isFinite(value)) return fail(`number ${quoteRaw(raw)} is too large`);
  return inRange(value, raw, options);
}

export interface DateOptions {
  /** Also accept `DD/MM/YYYY` (and `D/M/YYYY`); slashed dates are refused otherwise, as 05/03 is ambiguous. */
  dayFirst?: boolean;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

function calendarDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : undefined;
}

/** Splits a trimmed date into numbers, or explains why it cannot be a date. */
function readDate(text: string, options: DateOptions): ValueResult<string> {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  let date: string | undefined;
  if (iso) date = calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  else if (slashed && options.dayFirst)
    date = calendarDate(Number(slashed[3]), Number(slashed[2]), Number(slashed[1]));
  else if (slashed) {
    return fail(
      `date ${quoteRaw(text)} is ambiguous: write it as YYYY-MM-DD or enable day-first dates (DD/MM/YYYY)`,
    );
  } else {
    const formats = options.dayFirst ? "YYYY-MM-DD or DD/MM/YYYY" : "YYYY-MM-DD";
    return fail(`must be a date written ${formats}, got ${quoteRaw(text)}`);
  }
  return date === undefined ? fail(`${quoteRaw(text)} is not a calendar date`) : ok(date);
}

/** A calendar date, returned as `YYYY-MM-DD`. */
export function parseDate(raw: string, options: DateOptions = {}): ValueResult<string> {
  return readDate(raw.trim(), options);
}

export interface DateTimeOptions extends DateOptions {
  /** Read date-times without an offset as UTC (default); when false they are refused. */
  assumeUtc?: boolean;
}

/**
 * An instant: an ISO date-time (`2024-03-05T14:30`, seconds, fractions, `Z` or `±HH:MM`, `T` or a space), or
 * a date alone (midnight UTC); with dayFirst also `DD/MM/YYYY HH:MM[:SS]`.
 */
export function parseDateTime(raw: string, options: DateTimeOptions = {}): ValueResult<Date> {
  const text = raw.trim();
  const match = /^(\S+?)(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    text,
  );
  if (!match || !/^(?:\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})$/.test(match[1]!)) {
    return fail(`must be a date-time such as 2024-03-05T14:30:00Z, got ${quoteRaw(text)}`);
  }
  const date = readDate(match[1]!, options);
  if (!date.ok) return date;
  const [hours, minutes, seconds] = [match[2], match[3], match[4]].map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
  ];
  if (hours > 23 || minutes > 59 || seconds > 59)
    return fail(`${quoteRaw(text)} has an impossible time of day`);
  const zone = match[6];
  if (match[2] !== undefined && zone === undefined && options.assumeUtc === false) {
    return fail(`date-time ${quoteRaw(text)} has no time zone: add Z or an offset such as +01:00`);
  }
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== "Z") {
    const digits = zone.replace(":", "");
    const sign = digits.startsWith("-") ? -1 : 1;
    const offsetHours = Number(digits.slice(1, 3));
    const offsetMins = Number(digits.slice(3, 5));
    if (offsetHours > 14 || offsetMins > 59)
      return fail(`${quoteRaw(text)} has an impossible time zone offset`);
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  const [year, month, day] = date.value.split("-").map(Number) as [number, number, number];
  const millis = Number(`0.${match[5] ?? "0"}`) * 1000;
  const utc = Date.UTC(year, month - 1, day, hours, minutes, seconds, Math.floor(millis));
  return ok(new Date(utc - offsetMinutes * 60_000));
}

const EMAIL =
  /^(?!\.)(?!.*\.\.)[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

/** An email address (trimmed; domain lower-cased): one `@`, a dotted domain with a letter TLD, no spaces. */
export function parseEmail(raw: string): ValueResult<string> {
  const text = raw.trim();
  if (!EMAIL.test(text))
    return fail(`must be an email address such as name@example.com, got ${quoteRaw(text)}`);
  const at = text.lastIndexOf("@");
  return ok(`${text.slice(0, at)}@${text.slice(at + 1).toLowerCase()}`);
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "oui", "vrai"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "non", "faux"]);

/** A yes/no value: true/false, yes/no, y/n, 1/0, oui/non, vrai/faux (any case). */
export function parseBoolean(raw: string): ValueResult<boolean> {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail(`must be yes or no (true/false, 1/0, oui/non), got ${quoteRaw(raw.trim())}`);
}

/**
 * One of the allowed values, matched ignoring case, accents, spaces and punctuation (`System integrator`
 * matches `system_integrator`); returns the allowed spelling.
 */
export function parseEnum<T extends string>(raw: string, allowed: readonly T[]): ValueResult<T> {
  const wanted = normalizeColumnName(raw);
  const found = allowed.find((value) => normalizeColumnName(value) === wanted);
  if (found !== undefined && wanted !== "") return ok(found);
  return fail(`must be one of ${allowed.join(", ")}, got ${quoteRaw(raw.trim())}`);
}

export interface TextOptions {
  /** Longest accepted text, in characters (Unicode code points) after trimming. */
  maxLength?: number;
}

/** Free text: trimmed and NFC-normalised (so macOS-decomposed accents compare equal); empty text is refused. */
export function parseText(raw: string, options: TextOptions = {}): ValueResult<string> {
  const text = raw.trim().normalize("NFC");
  if (text === "") return fail("must not be empty");
  if (options.maxLength !== undefined) {
    let length = 0;
    for (const _ of text) length++;
    if (length > options.maxLength) {
      return fail(`is ${length} characters long, above the limit of ${options.maxLength}`);
    }
  }
  return ok(text);
}
