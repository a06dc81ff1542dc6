/**
 * Parse-speed benchmark: `node --import tsx src/core/csv/records.bench.ts [rows] [--latin1] [--csv-parse]`
 * (default 1,000,000 rows). Generates a responses CSV (id,score,comment,partner,submitted_at) in memory with
 * quoted comments containing commas, doubled quotes, accents and some line breaks, encodes it as UTF-8 (or,
 * with --latin1, as Latin-1 with cp850 bytes in one comment of eight, to time the repair), then times each layer.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { readCsvByteStream, readCsvByteStreamBatches } from "./byte-stream.js";
import { decodeBytes } from "./decode.js";
import { readCsv, readCsvBytes } from "./records.js";
import { CsvTokenizer } from "./tokenizer.js";

const COMMENTS = [
  "",
  "Great partner team",
  '"Support is slow, but the people are friendly"',
  '"Très bon accompagnement, délais à améliorer"',
  '"They said ""next week"" three times"',
  '"Two lines:\nfirst, then second"',
  "NA",
  "Portal works well",
];
// cp850 bytes, as a DOS terminal would type "déjà passé" (only written with --latin1).
const CP850_COMMENT = "d\x82j\x85 pass\x82";
const PARTNERS = [
  "Acme Integrations",
  "Blue Fjord AS",
  "Cedar Systems",
  "Dune Reseller SARL",
  "Elm & Oak Ltd",
];

export function generateResponsesCsv(rows: number, cp850 = false): string {
  const comments = cp850 ? [...COMMENTS.slice(1), CP850_COMMENT] : COMMENTS;
  const parts: string[] = ["id,score,comment,partner,submitted_at\n"];
  for (let i = 1; i <= rows; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    const comment = comments[i % comments.length];
    const partner = PARTNERS[i % PARTNERS.length];
    parts.push(
      `${i},${i % 11},${comment},${partner},2024-03-${day}T10:${String(i % 60).padStart(2, "0")}:00Z\n`,
    );
  }
  return parts.join("");
}

/** Three runs, reporting the best and the median, since other processes share the machine. */
async function time(label: string, rows: number, run: () => number | Promise<number>): Promise<void> {
  const seconds: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const start = performance.now();
    const count = await run();
    seconds.push((performance.now() - start) / 1000);
    if (count !== rows) throw new Error(`expected ${rows} records, got ${count}`);
  }
  seconds.sort((a, b) => a - b);
  const rate = (s: number): string => Math.round(rows / s).toLocaleString("en-US");
  const [best, median] = [seconds[0]!, seconds[1]!];
  console.log(
    `${label.padEnd(44)} best ${best.toFixed(2)} s = ${rate(best)} rows/s; median ${median.toFixed(2)} s = ${rate(median)} rows/s`,
  );
}

async function main(): Promise<void> {
  const rows = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 1_000_000);
  const latin1 = process.argv.includes("--latin1");
  const text = generateResponsesCsv(rows, latin1);
  const bytes = latin1 ? new Uint8Array(Buffer.from(text, "latin1")) : new TextEncoder().encode(text);
  const encoding = latin1 ? "Latin-1 + cp850" : "UTF-8";
  console.log(`${rows.toLocaleString("en-US")} rows, ${(bytes.length / 1e6).toFixed(1)} MB ${encoding}`);
  await time("tokenizer only (cells arrays)", rows, () => {
    let n = -1;
    const tokenizer = new CsvTokenizer({ delimiter: ",", maxCellLength: 100_000 });
    const count = (): void => {
      n++;
    };
    tokenizer.push(text, count);
    tokenizer.end(count);
    return n;
  });
  await time("readCsv (text -> records with nulls)", rows, () => {
    let n = 0;
    for (const item of readCsv(text).records) if (item.ok) n++;
    return n;
  });
  await time("readCsvBytes (decode + detect + records)", rows, () => {
    let n = 0;
    for (const item of readCsvBytes(bytes).records) if (item.ok) n++;
    return n;
  });
  await time("decodeBytes only (detection + decoding)", rows, () =>
    decodeBytes(bytes).text.length > 0 ? rows : 0,
  );
  const dir = mkdtempSync(join(tmpdir(), "csv-bench-"));
  const path = join(dir, "responses.csv");
  writeFileSync(path, bytes);
  await time("readCsvByteStream (file stream, 64 KiB)", rows, async () => {
    let n = 0;
    for await (const item of readCsvByteStream(createReadStream(path, { highWaterMark: 65_536 }))) {
      if (item.ok) n++;
    }
    return n;
  });
  await time("readCsvByteStreamBatches (same, batches)", rows, async () => {
    let n = 0;
    for await (const batch of readCsvByteStreamBatches(createReadStream(path, { highWaterMark: 65_536 }))) {
      for (const item of batch) if (item.ok) n++;
    }
    return n;
  });
  rmSync(dir, { recursive: true });
  if (process.argv.includes("--csv-parse")) {
    await time("csv-parse/sync (columns: true)", rows, () => parse(text, { columns: true }).length);
  }
}

await main();
