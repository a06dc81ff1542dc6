import iconv from "iconv-lite";

/**
 * Decoding of the "Latin-1 family" (ISO-8859-1 / Windows-1252) with repair of DOS code page 850 bytes.
 *
 * Real exports mix both: the npsgame survey was typed partly on Windows (Latin-1, `é` = 0xE9) and partly
 * on DOS terminals (cp850, `é` = 0x82), sometimes within one comment. The rule, byte by byte:
 *
 * 1. 0x00–0x7F are ASCII.
 * 2. 0x80–0x9F have two candidate readings: Windows-1252 (`€ ‚ ƒ „ … ’ “ ” – — œ`…) and cp850 (`Ç ü é â ä à`…).
 *    Each reading is judged *plausible* from its two neighbouring bytes: a letter must touch a letter
 *    (an upper-case letter must not follow a lower-case one; `à` may stand alone as a word), `€`/`£` must touch
 *    a digit, `’` sits after a letter, an opening quote before a word, a dash between spaces or digits, an
 *    ellipsis before a non-letter; `ƒ † ‡ ˆ ˜` and the bytes Windows-1252 leaves undefined are never plausible.
 *    So `15\x80` is `15€`, `\x80A` is `ÇA`, `D\x90\x80U` is `DÉÇU`, `l\x92accueil` is `l’accueil`.
 * 3. The document mode is decided by a vote over all 0x80–0x9F bytes: a byte where only the cp850 reading is
 *    plausible votes cp850, only the Windows-1252 reading votes Windows-1252. More cp850 votes → "mixed cp850"
 *    mode (a plausible `€` does not vote: DOS exports use 0x80 after amounts too). Each byte then takes its
 *    only plausible reading, or the mode's reading when both or neither are plausible (never a C1 control).
 * 4. 0xA0–0xFF are Latin-1, except in mixed cp850 mode for the few bytes whose Latin-1 character is implausible
 *    in Western prose while the cp850 character is a common French letter or sign (CP850_HIGH below):
 *    `®…¯` → `«…»`, `·` → `À`, `Ò Ó Ô` → `Ê Ë È`, `ø` → `°`, `¶` → `Â`, `×` → `Î`. This is decided per document,
 *    not per line, because the mixing happens inside single comments (`chang\x82 … chang\xe9`) and lines with a
 *    single upper-case word (`TR\xd4S`) carry no other evidence. Cost: a genuine Latin-1 `Ô` in a document that
 *    also carries cp850 bytes reads as `È` (in French È is roughly ten times as frequent as Ô).
 */

const byteChar = (encoding: string, byte: number): string => iconv.decode(Buffer.from([byte]), encoding);

const CP850: string[] = [];
const CP1252: string[] = [];
for (let b = 0; b < 256; b++) {
  CP850.push(b < 0x80 ? String.fromCharCode(b) : byteChar("cp850", b));
  CP1252.push(b < 0x80 || b >= 0xa0 ? String.fromCharCode(b) : byteChar("windows-1252", b));
}
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
for (const b of CP1252_UNDEFINED) CP1252[b] = "";

type Context = (prev: number, next: number) => boolean;

/** cp850 readings preferred for bytes ≥ 0xA0 in mixed cp850 mode, with the context that must hold. */
const CP850_HIGH = new Map<number, Context>([
  [0xae, (p) => !LETTER[p]], // ® → « (® follows a brand name, « precedes a word)
  [0xaf, () => true], // ¯ → »
  [0xb7, (p, n) => !(LETTER[p] && LETTER[n])], // · → À (a middle dot between letters is Catalan l·l)
  [0xb6, (p, n) => LETTER[p] === 1 || LETTER[n] === 1], // ¶ → Â
  [0xd2, () => true], // Ò → Ê
  [0xd3, () => true], // Ó → Ë
  [0xd4, () => true], // Ô → È
  [0xd7, (p, n) => LETTER[p] === 1 || LETTER[n] === 1], // × → Î (× between digits stays a multiplication sign)
  [0xf8, () => true], // ø → °
]);

// Character classes, cached: 1 = letter, 2 = lower-case letter (ƒ counts as a symbol: florin, function).
const classCache = new Map<string, number>();
const classOf = (c: string): number => {
  let known = classCache.get(c);
  if (known === undefined) {
    const letter = /^\p{L}$/u.test(c) && c !== "ƒ";
    known = letter ? (c.toLowerCase() === c && c.toUpperCase() !== c ? 3 : 1) : 0;
    classCache.set(c, known);
  }
  return known;
};
const isLetter = (c: string): boolean => (classOf(c) & 1) === 1;
const isLower = (c: string): boolean => classOf(c) === 3;

// Byte classes of the neighbours; index 256 stands for "no neighbour" (start or end of the text).
const LETTER = new Uint8Array(257);
const LOWER = new Uint8Array(257);
const DIGIT = new Uint8Array(257);
const SPACE = new Uint8Array(257);
for (let b = 0; b < 256; b++) {
  const latin = String.fromCharCode(b);
  const dos = CP850[b] ?? "";
  const reading = b >= 0x80 && b < 0xa0 ? dos : latin;
  LETTER[b] = isLetter(reading) || (CP850_HIGH.has(b) && isLetter(dos)) ? 1 : 0;
  LOWER[b] = isLower(reading) ? 1 : 0;
  DIGIT[b] = b >= 0x30 && b <= 0x39 ? 1 : 0;
}
for (const c of [0x09, 0x0a, 0x0d, 0x20, 0x22, 0x2c, 0x3b, 256]) SPACE[c] = 1;

/** Whether a candidate character is plausible between the bytes `p` and `n` (256 = text boundary). */
export function plausibleIn(c: string, p: number, n: number): boolean {
  if (isLetter(c)) {
    if (LETTER[p] !== 1 && LETTER[n] !== 1) return c === "à" && SPACE[p] === 1 && SPACE[n] === 1;
    return isLower(c) || LOWER[p] !== 1;
  }
  switch (c) {
    case "€":
    case "£":
      return DIGIT[p] === 1 || DIGIT[n] === 1 || (SPACE[p] === 1 && LETTER[n] !== 1);
    case "‰":
      return DIGIT[p] === 1;
    case "…":
      return LETTER[n] !== 1;
    case "‘":
    case "‚":
    case "„":
    case "“":
    case "‹":
      return LETTER[p] !== 1 && SPACE[n] !== 1;
    case "’":
      return SPACE[p] !== 1 && (LETTER[n] !== 1 || LETTER[p] === 1);
    case "”":
    case "›":
      return SPACE[p] !== 1 && LETTER[n] !== 1;
    case "–":
    case "—":
      return (SPACE[p] === 1 && SPACE[n] === 1) || (DIGIT[p] === 1 && DIGIT[n] === 1);
    case "•":
      return SPACE[p] === 1 && SPACE[n] === 1;
    case "™":
      return LETTER[p] === 1 && LETTER[n] !== 1;
    case "×":
      return (DIGIT[p] === 1 || SPACE[p] === 1) && (DIGIT[n] === 1 || SPACE[n] === 1);
    default:
      return false;
  }
}

// The bytes are handled as their Latin-1 string (char code = byte), so native regex scans find the few bytes
// that need judging instead of a JavaScript loop over every byte.
const asLatin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
const C1 = /[\x80-\x9f]/g;
const C1_TEST = /[\x80-\x9f]/;
const SPECIAL_MIXED = new RegExp(
  `[\\x80-\\x9f${[...CP850_HIGH.keys()].map((b) => `\\x${b.toString(16)}`).join("")}]`,
  "g",
);

/** Votes over all 0x80–0x9F bytes; true when the cp850 reading wins (see rule 3). */
export function prefersCp850(bytes: Uint8Array): boolean {
  return votesCp850(asLatin1(bytes));
}

function votesCp850(text: string): boolean {
  let cp850 = 0;
  let cp1252 = 0;
  const scan = new RegExp(C1.source, "g");
  while (scan.test(text)) {
    const i = scan.lastIndex - 1;
    const b = text.charCodeAt(i);
    const p = i > 0 ? text.charCodeAt(i - 1) : 256;
    const n = i + 1 < text.length ? text.charCodeAt(i + 1) : 256;
    const dos = plausibleIn(CP850[b]!, p, n);
    const win = CP1252[b] !== "" && plausibleIn(CP1252[b]!, p, n);
    if (dos && !win) cp850++;
    // A euro after a digit is no Windows-1252 evidence: DOS users type it too (`15\x80`).
    else if (win && !dos && b !== 0x80) cp1252++;
  }
  return cp850 > cp1252;
}

export interface RepairedText {
  text: string;
  /** True when the document was read in mixed cp850 mode. */
  mixedCp850: boolean;
  /** Bytes whose character differs from the plain Windows-1252 reading. */
  repairedBytes: number;
}

/** Decodes Latin-1/Windows-1252 bytes applying the cp850 repair rule documented at the top of this file. */
export function decodeLatinFamily(bytes: Uint8Array): RepairedText {
  const latin = asLatin1(bytes);
  // Without 0x80–0x9F bytes there is no cp850 evidence, and Latin-1 equals Windows-1252.
  const mixedCp850 = C1_TEST.test(latin) && votesCp850(latin);
  return { ...repairLatin(latin, mixedCp850, 256, 256), mixedCp850 };
}

/**
 * Decodes one piece of a Latin-family text whose mode is already decided (streaming); `before` and `after`
 * are the bytes just outside the piece (256 when there is none), so context spans chunk boundaries.
 */
export function decodeLatinChunk(
  bytes: Uint8Array,
  mixedCp850: boolean,
  before = 256,
  after = 256,
): { text: string; repairedBytes: number } {
  return repairLatin(asLatin1(bytes), mixedCp850, before, after);
}

function repairLatin(
  latin: string,
  mixedCp850: boolean,
  before: number,
  after: number,
): { text: string; repairedBytes: number } {
  const last = latin.length - 1;
  let repairedBytes = 0;
  const text = latin.replace(mixedCp850 ? SPECIAL_MIXED : C1, (found: string, i: number) => {
    const b = found.charCodeAt(0);
    const p = i > 0 ? latin.charCodeAt(i - 1) : before;
    const n = i < last ? latin.charCodeAt(i + 1) : after;
    const c = b < 0xa0 ? pickLow(b, p, n, mixedCp850) : CP850_HIGH.get(b)?.(p, n) ? CP850[b]! : CP1252[b]!;
    if (c !== CP1252[b]) repairedBytes++;
    return c;
  });
  return { text, repairedBytes };
}

function pickLow(b: number, p: number, n: number, mixedCp850: boolean): string {
  const dos = CP850[b]!;
  const win = CP1252[b]!;
  const dosOk = plausibleIn(dos, p, n);
  const winOk = win !== "" && plausibleIn(win, p, n);
  if (dosOk !== winOk) return dosOk ? dos : win;
  if (mixedCp850 || win === "") return dos;
  return win;
}
