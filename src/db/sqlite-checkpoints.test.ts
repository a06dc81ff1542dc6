import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SqliteDriver from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { backgroundCheckpoints } from "./sqlite-checkpoints.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pnps-checkpoints-"));
  dirs.push(dir);
  return path.join(dir, "test.db");
}

/** A WAL database whose connection never checkpoints by itself, so only the worker can. */
function openWriter(file: string) {
  const db = new SqliteDriver(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_autocheckpoint = 0");
  db.exec("create table t (id integer primary key, body text not null)");
  const insert = db.prepare("insert into t (body) values (?)");
  let next = 0;
  /** `n` transactions of about one page each; `after` runs after each commit. */
  const commit = (n: number, after: () => void = () => undefined) => {
    for (let i = 0; i < n; i++) {
      db.transaction(() => insert.run(`${next++}`.padEnd(3_000, "x")))();
      after();
    }
  };
  const walBytes = () => fs.statSync(`${file}-wal`).size;
  return { db, commit, walBytes, rows: () => next };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("background WAL checkpoints (SQLite)", () => {
  it("copies the WAL back in a worker, so the log starts over instead of growing", async () => {
    const file = tempFile();
    const writer = openWriter(file);
    const checkpoints = backgroundCheckpoints(file, { startAfterCommits: 10, intervalMs: 20 });
    try {
      writer.commit(300, () => checkpoints.committed());
      const first = writer.walBytes();
      // Once the worker has caught up, the next commit restarts the log from its first frame: the file
      // stops growing. Without a checkpoint, each commit appends (the control below).
      let restarted = false;
      for (let round = 0; round < 100 && !restarted; round++) {
        await sleep(50);
        const before = writer.walBytes();
        writer.commit(1);
        restarted = writer.walBytes() === before;
      }
      expect(restarted).toBe(true);
      writer.commit(300);
      expect(writer.walBytes()).toBeLessThan(first * 1.5);
      // Every committed row is there (the database file and the restarted log together).
      expect(writer.rows()).toBeGreaterThan(600);
      expect(writer.db.prepare("select count(*) as n from t").get()).toEqual({ n: writer.rows() });
    } finally {
      await checkpoints.stop();
      writer.db.close();
    }
  });

  it("leaves the WAL to grow without the worker (the control for the test above)", async () => {
    const file = tempFile();
    const writer = openWriter(file);
    const checkpoints = backgroundCheckpoints(file, { startAfterCommits: 1_000, intervalMs: 20 });
    try {
      writer.commit(300, () => checkpoints.committed());
      const first = writer.walBytes();
      await sleep(200);
      writer.commit(300);
      expect(writer.walBytes()).toBeGreaterThan(first * 1.8);
    } finally {
      await checkpoints.stop();
      writer.db.close();
    }
  });

  it("starts no worker for a database that commits little, and stops one that runs", async () => {
    const file = tempFile();
    const writer = openWriter(file);
    const idle = backgroundCheckpoints(file, { startAfterCommits: 10, intervalMs: 20 });
    const busy = backgroundCheckpoints(file, { startAfterCommits: 10, intervalMs: 20 });
    try {
      writer.commit(5, () => idle.committed());
      writer.commit(20, () => busy.committed());
    } finally {
      const started = performance.now();
      await idle.stop();
      await busy.stop();
      // Both end at once: neither waits for the five-second fallback of a worker that will not stop.
      expect(performance.now() - started).toBeLessThan(4_000);
      writer.db.close();
    }
    // After stop(), commits start nothing again.
    busy.committed();
  });

  it("is what openDatabase uses for a SQLite file, and closing the database stops it", async () => {
    const file = tempFile();
    const database = openDatabase(file);
    await database.db.schema
      .createTable("t")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .execute();
    for (let i = 0; i < 250; i++)
      await database.db.transaction().execute((trx) =>
        trx
          .insertInto("t" as never)
          .values({ id: i } as never)
          .execute(),
      );
    // The connection's settings: WAL without an fsync per commit, a 64 MiB page cache, and SQLite's own
    // checkpoint only as the fallback past 10,000 pages.
    const pragma = async (name: string) =>
      (await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as Record<string, unknown>;
    expect(await pragma("journal_mode")).toEqual({ journal_mode: "wal" });
    expect(await pragma("synchronous")).toEqual({ synchronous: 1 });
    expect(await pragma("foreign_keys")).toEqual({ foreign_keys: 1 });
    expect(await pragma("cache_size")).toEqual({ cache_size: -65_536 });
    expect(await pragma("wal_autocheckpoint")).toEqual({ wal_autocheckpoint: 10_000 });
    const started = performance.now();
    await database.close();
    expect(performance.now() - started).toBeLessThan(4_000);
    // Closed cleanly: the last connection checkpointed and removed the WAL.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});
