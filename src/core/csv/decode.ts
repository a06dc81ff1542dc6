import iconv from "iconv-lite";
import { decodeLatinFamily } from "./cp850-repair.js";
import { CsvError } from "./errors.js";

/** What `detectEncoding` can find; UTF-16 is only recognised by its byte order mark (Excel "Unicode text"). */
export type DetectedEncoding = "utf-8" | "utf-8-bom" | "windows-1252" | "utf-16le" | "utf-16be";

/** Encodings a caller can force; `auto` detects. */
export type EncodingOverride =
  | "auto"
  | "utf-8"
  | "iso-8859-1"
  | "windows-1252"
  | "cp850"
  | "utf-16le"
  | "utf-16be";

/** The encoding a text was actually decoded with. */
export type DecodedEncoding = DetectedEncoding | "iso-8859-1" | "cp850";

export interface DecodedText {
  text: string;
  encoding: DecodedEncoding;
  /** True when Windows-1252 text was read with cp850 repair (see cp850-repair.ts). */
  mixedCp850: boolean;
  /** Bytes decoded differently from plain Windows-1252 by the cp850 repair; 0 for explicit encodings. */
  repairedBytes: number;
}

const ALIASES: Record<string, EncodingOverride> = {
  auto: "auto",
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf-8-bom": "utf-8",
  latin1: "iso-8859-1",
  "latin-1": "iso-8859-1",
  "iso-8859-1": "iso-8859-1",
  iso88591: "iso-8859-1",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  win1252: "windows-1252",
  cp850: "cp850",
  ibm850: "cp850",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
};

/** Normalises a user-supplied encoding name; unknown names raise a CsvError listing the accepted ones. */
export function normalizeEncodingName(name: string): EncodingOverride {
  const found = ALIASES[name.trim().toLowerCase().replace(/_/g, "-")];
  if (found === undefined) {
    const accepted = Object.keys(ALIASES).join(", ");
    throw new CsvError("unknown_encoding", `Unknown encoding "${name}"; use one of: ${accepted}`, { name });
  }
  return found;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const startsWith = (bytes: Uint8Array, prefix: number[]): boolean =>
  prefix.every((value, index) => bytes[index] === value);

/** Rejects spreadsheets and other binaries early: decoding them as text only yields confusing row errors. */
function assertNotBinary(bytes: Uint8Array): void {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new CsvError("binary_file", "This is a ZIP file (an Excel .xlsx workbook?): save it as CSV first");
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new CsvError("binary_file", "This is an Excel .xls workbook: save it as CSV first");
  }
  const sample = bytes.subarray(0, 65_536);
  if (sample.includes(0)) {
    throw new CsvError("binary_file", "The file contains NUL bytes: it is not a text CSV file");
  }
}

/**
 * Detects the encoding: a UTF-8 or UTF-16 byte order mark wins; otherwise text that is strictly valid UTF-8
 * is UTF-8 (pure ASCII included); anything else is read as the Latin-1/Windows-1252 family, with cp850 repair.
 * Throws CsvError("binary_file") for ZIP/XLS workbooks and NUL bytes.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  return detect(bytes).encoding;
}

function detect(bytes: Uint8Array): { encoding: DetectedEncoding; utf8Text?: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: "utf-8-bom" };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: "utf-16be" };
  assertNotBinary(bytes);
  try {
    return { encoding: "utf-8", utf8Text: strictUtf8.decode(bytes) };
  } catch {
    return { encoding: "windows-1252" };
  }
}

/** Offset of the first byte that breaks UTF-8, for error messages only. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const size =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (size === 0) return i;
    try {
      strictUtf8.decode(bytes.subarray(i, i + size));
    } catch {
      return i;
    }
    i += size;
  }
  return -1;
}

function decodeUtf8(bytes: Uint8Array, bom: boolean): string {
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return strictUtf8.decode(body);
  } catch {
    const offset = firstInvalidUtf8(body) + (bom ? 3 : 0);
    throw new CsvError(
      "invalid_encoding",
      `The file is not valid UTF-8 (first invalid byte at offset ${offset})`,
      {
        offset,
      },
    );
  }
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * Decodes file bytes to text. `encoding` defaults to `auto` (see detectEncoding); an explicit name is honoured
 * as is (no repair): `utf-8` (strict, BOM stripped), `latin1`/`iso-8859-1` (every byte is U+00xx),
 * `windows-1252`/`cp1252`, `cp850`, `utf-16le`/`utf-16be`. Unknown names throw CsvError("unknown_encoding").
 */
export function decodeBytes(bytes: Uint8Array, encoding: string = "auto"): DecodedText {
  const wanted = normalizeEncodingName(encoding);
  const plain = (text: string, used: DecodedEncoding): DecodedText => ({
    text,
    encoding: used,
    mixedCp850: false,
    repairedBytes: 0,
  });
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (wanted) {
    case "utf-8": {
      const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
      return plain(decodeUtf8(bytes, bom), bom ? "utf-8-bom" : "utf-8");
    }
    case "iso-8859-1":
      return plain(buffer.toString("latin1"), "iso-8859-1");
    case "windows-1252":
    case "cp850":
      return plain(stripBom(iconv.decode(buffer, wanted)), wanted);
    case "utf-16le":
    case "utf-16be":
      return plain(stripBom(new TextDecoder(wanted).decode(bytes)), wanted);
    case "auto":
      break;
  }
  const found = detect(bytes);
  switch (found.encoding) {
    case "utf-8":
      return plain(found.utf8Text ?? decodeUtf8(bytes, false), "utf-8");
    case "utf-8-bom":
      return plain(decodeUtf8(bytes, true), "utf-8-bom");
    case "utf-16le":
    case "utf-16be":
      return plain(stripBom(new TextDecoder(found.encoding).decode(bytes)), found.encoding);
    case "windows-1252": {
      const repaired = decodeLatinFamily(bytes);
      return {
        text: repaired.text,
        encoding: "windows-1252",
        mixedCp850: repaired.mixedCp850,
        repairedBytes: repaired.repairedBytes,
      };
    }
  }
}
