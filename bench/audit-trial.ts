/**
 * One audit-replay measurement in a process of its own (started by audit.bench.ts), so each
 * run starts with a cold heap and its peak RSS is its own:
 *   node dist/bench/audit-trial.js raw|replay DATA_DIR WORK_DIR
 * DATA_DIR holds events.sqlite and the caught-up live read-models.sqlite; WORK_DIR is empty.
 * Prints one JSON line: { mode, events, ms, rebuildMs?, compareMs?, drift?, maxRssKb, cpuMs }.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@bansos/eventstore';
import { SqliteReadModelStore } from '@bansos/read-models';
import { auditReadModels } from './lib/audit-read-models';
import { selfCpuMs } from './lib/machine';
import { replay } from '../libs/audit/src';

export interface AuditTrialResult {
  readonly mode: 'raw' | 'replay';
  readonly events: number;
  readonly ms: number;
  readonly rebuildMs?: number;
  readonly compareMs?: number;
  readonly drift?: number;
  readonly maxRssKb: number;
  readonly cpuMs: number;
}

const RAW_BATCH = 10_000;

/** The floor: every event row read from the event file and written to a plain table, 10,000 per transaction. */
function raw(dataDir: string, workDir: string): { events: number; ms: number } {
  const started = performance.now();
  const source = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  const target = new Database(join(workDir, 'raw.sqlite'));
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  target.exec(`CREATE TABLE events_copy (
    position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL,
    type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at INTEGER NOT NULL)`);
  const insert = target.prepare('INSERT INTO events_copy VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertAll = target.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(row);
  });
  const rows = source
    .prepare('SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events ORDER BY position')
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  let batch: unknown[][] = [];
  let events = 0;
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= RAW_BATCH) {
      insertAll(batch);
      events += batch.length;
      batch = [];
    }
  }
  insertAll(batch);
  events += batch.length;
  source.close();
  target.close();
  return { events, ms: performance.now() - started };
}

/** What `bansos audit replay` does: rebuild every read model into a fresh file and compare with the live one. */
async function replayTrial(dataDir: string, workDir: string) {
  const started = performance.now();
  const events = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
  const live = SqliteReadModelStore.open(join(dataDir, 'read-models.sqlite'));
  const fresh = SqliteReadModelStore.open(join(workDir, 'rebuilt.sqlite'));
  try {
    const report = await replay({
      events,
      live,
      fresh,
      readModels: auditReadModels(),
      // The bench built the live read models before any trial; replay still checks their checkpoints.
      liveCaughtUp: async () => undefined,
    });
    return { events: report.events, ms: performance.now() - started, rebuildMs: report.rebuildMs, compareMs: report.compareMs, drift: report.drift.length };
  } finally {
    await Promise.all([events.close(), live.close(), fresh.close()]);
  }
}

async function main(): Promise<void> {
  const [mode, dataDir, workDir] = process.argv.slice(2);
  if ((mode !== 'raw' && mode !== 'replay') || !dataDir || !workDir) throw new Error('usage: audit-trial.js raw|replay DATA_DIR WORK_DIR');
  const measured = mode === 'raw' ? raw(dataDir, workDir) : await replayTrial(dataDir, workDir);
  const result: AuditTrialResult = { mode, ...measured, maxRssKb: process.resourceUsage().maxRSS, cpuMs: selfCpuMs() };
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
