/**
 * One import measurement in a process of its own (started by import.bench.ts), so that each
 * run starts with a cold heap and its peak RSS is its own:
 *   node dist/bench/import-trial.js raw|real|appends FILE.csv DATA_DIR ROWS
 * Prints one JSON line: { mode, rows, ms, importMs?, maxRssKb, cpuMs }.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { SqliteEventStore, type EventStore } from '@bansos/eventstore';
import { openEmbeddedSystem } from '@bansos/platform';
import { loadIdnAreaCatalog } from '@bansos/regions';
import { selfCpuMs } from './lib/machine';
import { sampleNiks } from './lib/recipients-csv';
import { assertEnrolled, importCsv, importLines, projectorWatch, warmRegions } from './lib/real-import';

export type TrialMode = 'raw' | 'real' | 'appends';

export interface TrialResult {
  readonly mode: TrialMode;
  readonly rows: number;
  readonly ms: number;
  readonly importMs?: number;
  readonly maxRssKb: number;
  /** This process's CPU from start to result, so the parent can tell our load from others'. */
  readonly cpuMs: number;
}

const RAW_BATCH = 10_000;

/** The floor: the same lines, split on ',' and inserted into one plain table, 10,000 per transaction. */
async function raw(file: string, dir: string): Promise<{ rows: number; ms: number }> {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE recipients (
    nik TEXT PRIMARY KEY, kk TEXT NOT NULL, full_name TEXT NOT NULL, village_code TEXT NOT NULL,
    rt TEXT NOT NULL, rw TEXT NOT NULL, street TEXT NOT NULL, program_code TEXT NOT NULL,
    program_name TEXT NOT NULL, source TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO recipients VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertAll = db.transaction((batch: string[][]) => {
    for (const row of batch) insert.run(row);
  });

  const started = performance.now();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let header = true;
  let batch: string[][] = [];
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    batch.push(line.split(','));
    if (batch.length >= RAW_BATCH) {
      insertAll(batch);
      batch = [];
    }
  }
  if (batch.length > 0) insertAll(batch);
  const ms = performance.now() - started;
  const rows = db.prepare('SELECT COUNT(*) FROM recipients').pluck().get() as number;
  db.close();
  return { rows, ms };
}

async function real(file: string, dir: string, expected: number): Promise<{ rows: number; ms: number; importMs: number }> {
  const watch = projectorWatch();
  const system = await openEmbeddedSystem({ dataDir: dir, onProjectorError: watch.onProjectorError });
  try {
    warmRegions(system);
    const timing = await importCsv(system, file, watch.failed);
    const { accepted, rejected } = timing.report;
    if (accepted !== expected || rejected.length > 0) {
      throw new Error(`expected ${expected} accepted, got ${accepted}; first rejections: ${JSON.stringify(rejected.slice(0, 3))}`);
    }
    // Outside the timing: the read model really holds the people we imported.
    const sample = sampleNiks(expected, 20);
    await assertEnrolled(system, sample.enrolled);
    const absent = await system.readModels.get('lookup', system.lookupKeys.nik(sample.notEnrolled[0]));
    if (absent) throw new Error('a NIK that is not in the file has a lookup document');
    return { rows: accepted, ms: timing.totalMs, importMs: timing.importMs };
  } finally {
    await system.close();
  }
}

/**
 * The event store's share of the real import: the same path without the projector, timing
 * only the appends (each chunk's events are parsed, decided and built before its clock starts).
 */
async function appends(file: string, dir: string): Promise<{ rows: number; ms: number }> {
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  try {
    let ms = 0;
    const timed: EventStore = Object.create(store);
    timed.appendBatch = async (batch) => {
      const started = performance.now();
      const results = await store.appendBatch(batch);
      ms += performance.now() - started;
      return results;
    };
    const report = await importLines(timed, loadIdnAreaCatalog(), createInterface({ input: createReadStream(file), crlfDelay: Infinity }));
    return { rows: report.accepted, ms };
  } finally {
    await store.close();
  }
}

const MODES: Record<TrialMode, (file: string, dir: string, rows: number) => Promise<{ rows: number; ms: number; importMs?: number }>> = {
  raw,
  real,
  appends,
};

async function main(): Promise<void> {
  const [mode, file, dir, rowsArg] = process.argv.slice(2);
  const rows = Number(rowsArg);
  if (!Object.hasOwn(MODES, mode) || !file || !dir || !Number.isInteger(rows)) {
    throw new Error('usage: import-trial.js raw|real|appends FILE.csv DATA_DIR ROWS');
  }
  const measured = await MODES[mode as TrialMode](file, dir, rows);
  if (measured.rows !== rows) throw new Error(`${mode}: expected ${rows} rows, stored ${measured.rows}`);
  const result: TrialResult = { mode: mode as TrialMode, ...measured, maxRssKb: process.resourceUsage().maxRSS, cpuMs: selfCpuMs() };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
