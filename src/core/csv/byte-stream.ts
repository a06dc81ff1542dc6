import iconv from "iconv-lite";
import { decodeLatinChunk, prefersCp850 } from "./cp850-repair.js";
import {
  type DecodedEncoding,
  decodeBytes,
  detectEncoding,
  type EncodingOverride,
  normalizeEncodingName,
} from "./decode.js";
import { CsvError } from "./errors.js";
import { type CsvItem, type CsvReadOptions, type CsvRecordReader, readCsvStreamBatches } from "./records.js";

/**
 * Streaming decode of file bytes, for files too large to hold in memory twice.
 *
 * `auto` buffers the first 1 MiB and decides as decodeBytes does (BOM, strict UTF-8, else the Windows-1252
 * family with the cp850 repair mode voted on that sample). A file that is pure ASCII in its first MiB is read
 * as UTF-8; if a later byte is not UTF-8 while everything before was ASCII, reading switches to the
 * Windows-1252 family (ASCII reads the same in both); after genuine UTF-8 text it is a CsvError.
 */

export interface StreamDecoding {
  /** Known once the first MiB (or the whole file) has been seen. */
  encoding: DecodedEncoding | undefined;
  mixedCp850: boolean;
  repairedBytes: number;
}

const SAMPLE_BYTES = 1 << 20;

export class ByteStreamDecoder {
  readonly info: StreamDecoding = { encoding: undefined, mixedCp850: false, repairedBytes: 0 };
  private readonly wanted: EncodingOverride;
  private sample: Uint8Array[] = [];
  private sampled = 0;
  private offset = 0;
  private asciiOnly = true;
  private utf8: TextDecoder | undefined = undefined;
  private utf16: TextDecoder | undefined = undefined;
  private before = 256;
  private held: number | undefined = undefined;
  private started = false;

  constructor(encoding = "auto") {
    this.wanted = normalizeEncodingName(encoding);
  }

  push(bytes: Uint8Array): string {
    if (!this.started) {
      this.sample.push(bytes);
      this.sampled += bytes.length;
      if (this.sampled < SAMPLE_BYTES) return "";
      return this.start(false);
    }
    return this.decode(bytes, false);
  }

  end(): string {
    return this.started ? this.decode(new Uint8Array(0), true) : this.start(true);
  }

  private start(last: boolean): string {
    const sample = Buffer.concat(this.sample);
    this.sample = [];
    this.started = true;
    if (last) {
      const { text, ...info } = decodeBytes(sample, this.wanted);
      Object.assign(this.info, info);
      return text;
    }
    const encoding = this.wanted === "auto" ? detectEncoding(completeSequences(sample)) : this.wanted;
    this.info.encoding = encoding;
    if (encoding === "utf-8" || encoding === "utf-8-bom") {
      this.utf8 = new TextDecoder("utf-8", { fatal: true });
      this.asciiOnly = isAscii(sample);
    } else if (encoding === "utf-16le" || encoding === "utf-16be") {
      this.utf16 = new TextDecoder(encoding);
    } else if (encoding === "windows-1252" && this.wanted === "auto") {
      this.info.mixedCp850 = prefersCp850(sample);
    }
    return this.decode(sample, false);
  }

  private decode(bytes: Uint8Array, last: boolean): string {
    const encoding = this.info.encoding;
    if (this.utf8 !== undefined) return this.decodeUtf8(bytes, last);
    if (this.utf16 !== undefined) return this.utf16.decode(bytes, { stream: !last });
    if (encoding === "windows-1252" && this.wanted === "auto") return this.decodeRepaired(bytes, last);
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Single-byte encodings need no state across chunks.
    return encoding === "iso-8859-1"
      ? buffer.toString("latin1")
      : iconv.decode(buffer, encoding ?? "windows-1252");
  }

  private decodeUtf8(bytes: Uint8Array, last: boolean): string {
    try {
      const text = this.utf8!.decode(bytes, { stream: !last });
      if (this.asciiOnly) this.asciiOnly = isAscii(bytes);
      this.offset += bytes.length;
      return text;
    } catch {
      if (!this.asciiOnly || this.wanted !== "auto") {
        throw new CsvError(
          "invalid_encoding",
          `The file is not valid UTF-8 after byte ${this.offset}: pass the encoding explicitly (e.g. windows-1252)`,
          { offset: this.offset },
        );
      }
      // Everything so far was ASCII, which reads the same in Windows-1252: switch without loss.
      this.utf8 = undefined;
      this.info.encoding = "windows-1252";
      this.info.mixedCp850 = prefersCp850(bytes);
      return this.decodeRepaired(bytes, last);
    }
  }

  /** Holds back the last byte of each chunk so the repair sees both neighbours across chunk boundaries. */
  private decodeRepaired(bytes: Uint8Array, last: boolean): string {
    const pending = this.held === undefined ? bytes : Buffer.concat([Uint8Array.of(this.held), bytes]);
    const keep = last || pending.length === 0 ? 0 : 1;
    const body = pending.subarray(0, pending.length - keep);
    const after = keep === 1 ? pending[pending.length - 1]! : 256;
    const { text, repairedBytes } = decodeLatinChunk(body, this.info.mixedCp850, this.before, after);
    this.info.repairedBytes += repairedBytes;
    if (body.length > 0) this.before = body[body.length - 1]!;
    this.held = keep === 1 ? after : undefined;
    this.offset += bytes.length;
    return text;
  }
}

/** The sample without a UTF-8 sequence cut by the sample's end, so the cut does not look like invalid UTF-8. */
function completeSequences(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && end > bytes.length - 4 && (bytes[end - 1]! & 0xc0) === 0x80) end--;
  if (end > 0 && bytes[end - 1]! >= 0xc0) end--;
  return bytes.subarray(0, end);
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** Decodes a stream of byte chunks (e.g. fs.createReadStream) into text chunks. */
export async function* decodeByteStream(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  decoder: ByteStreamDecoder = new ByteStreamDecoder(),
): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    const text = decoder.push(chunk);
    if (text !== "") yield text;
  }
  const text = decoder.end();
  if (text !== "") yield text;
}

export type ByteStreamOptions = CsvReadOptions & {
  encoding?: string;
  onHeader?: (header: readonly string[], reader: CsvRecordReader, decoding: StreamDecoding) => void;
};

/** Streams file bytes into batches of items (see readCsvStreamBatches); `onHeader` also gets the encoding. */
export function readCsvByteStreamBatches(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ByteStreamOptions = {},
): AsyncGenerator<CsvItem[]> {
  const decoder = new ByteStreamDecoder(options.encoding ?? "auto");
  const { onHeader, ...rest } = options;
  return readCsvStreamBatches(decodeByteStream(chunks, decoder), {
    ...rest,
    onHeader: (header, reader) => onHeader?.(header, reader, decoder.info),
  });
}

/** Streams file bytes into items, one at a time. */
export async function* readCsvByteStream(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ByteStreamOptions = {},
): AsyncGenerator<CsvItem> {
  for await (const batch of readCsvByteStreamBatches(chunks, options)) yield* batch;
}
