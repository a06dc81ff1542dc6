import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ByteStreamDecoder, readCsvByteStream, type StreamDecoding } from "./byte-stream.js";
import { decodeBytes } from "./decode.js";
import type { CsvItem } from "./records.js";

const NPSGAME = readFileSync("/work/shared/data/npsgame-nps.csv");

function* chunksOf(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

const decodeInChunks = (bytes: Uint8Array, size: number, encoding = "auto"): [string, StreamDecoding] => {
  const decoder = new ByteStreamDecoder(encoding);
  let text = "";
  for (const chunk of chunksOf(bytes, size)) text += decoder.push(chunk);
  return [text + decoder.end(), decoder.info];
};

describe("ByteStreamDecoder", () => {
  it("decodes a small file exactly like decodeBytes", () => {
    const [text, info] = decodeInChunks(NPSGAME, 4096);
    const whole = decodeBytes(NPSGAME);
    expect(text).toBe(whole.text);
    expect(info).toEqual({ encoding: "windows-1252", mixedCp850: true, repairedBytes: 2491 });
  });

  it("repairs cp850 across chunk boundaries in a file larger than the sample", () => {
    const doubled = Buffer.concat([NPSGAME, NPSGAME]);
    const [text, info] = decodeInChunks(doubled, 777);
    expect(text).toBe(decodeBytes(doubled).text);
    expect(info.repairedBytes).toBe(2 * 2491);
  });

  it("decodes UTF-8 with sequences split across chunks", () => {
    const source = `id,comment\n${"1,déjà vu — 😀 ok\n".repeat(80_000)}`;
    const bytes = new TextEncoder().encode(`\uFEFF${source}`);
    const [text, info] = decodeInChunks(bytes, 1001);
    expect(text).toBe(source);
    expect(info.encoding).toBe("utf-8-bom");
  });

  it("switches to Windows-1252 when a late non-ASCII byte is not UTF-8 and all before was ASCII", () => {
    const ascii = `id,comment\n${"1,plain text\n".repeat(100_000)}`;
    const bytes = Buffer.concat([Buffer.from(ascii), Buffer.from("2,caf\xe9 d\x82j\x85\n", "latin1")]);
    const [text, info] = decodeInChunks(bytes, 65_536);
    expect(text).toBe(`${ascii}2,café déjà\n`);
    expect(info).toMatchObject({ encoding: "windows-1252", mixedCp850: true });
  });

  it("refuses invalid bytes after genuine UTF-8 text", () => {
    const start = Buffer.from(`${"1,déjà\n".repeat(200_000)}`);
    const bytes = Buffer.concat([start, Buffer.from("2,caf\xe9\n", "latin1")]);
    expect(() => decodeInChunks(bytes, 65_536)).toThrow(/not valid UTF-8 after byte/);
  });

  it("honours explicit encodings, including UTF-16 split at odd offsets", () => {
    const source = `id\tcomment\n${"1\tétoile ★\n".repeat(100_000)}`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, "utf16le")]);
    expect(decodeInChunks(utf16, 999)[0]).toBe(source);
    expect(decodeInChunks(utf16, 999, "utf-16le")[0]).toBe(source);
    const latin = Buffer.from("a\n\x82t\x82\n".repeat(300_000), "latin1");
    expect(decodeInChunks(latin, 4097, "cp850")[0]).toBe("a\nété\n".repeat(300_000));
  });
});

describe("readCsvByteStream", () => {
  it("streams the real file into records and reports the encoding with the header", async () => {
    let seen: StreamDecoding | undefined;
    let header: readonly string[] = [];
    const items: CsvItem[] = [];
    const stream = readCsvByteStream(chunksOf(NPSGAME, 8192), {
      onHeader: (names, _reader, decoding) => {
        header = names;
        seen = { ...decoding };
      },
    });
    for await (const item of stream) items.push(item);
    expect(items).toHaveLength(13_954);
    expect(items.every((item) => item.ok)).toBe(true);
    expect(header[5]).toBe("explication");
    expect(seen).toEqual({ encoding: "windows-1252", mixedCp850: true, repairedBytes: 2491 });
  });
});
