/**
 * Audit replay: `bansos audit replay` (rebuild every read model from the first event into a
 * fresh store, then compare it with the live one) over a log of 1,000,000 events, beside the
 * floor of a raw copy of the same event rows into a plain table, measured in the same run and
 * alternated so that drift in the machine hits both alike.
 *   npm run build && node dist/bench/audit.bench.js
 * Environment: BENCH_AUDIT_EVENTS (default 1,000,000; rounded down to a multiple of 40).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@bansos/eventstore';
import { Projector, SqliteReadModelStore } from '@bansos/read-models';
import type { AuditTrialResult } from './audit-trial';
import { benchProjections } from './lib/audit-read-models';
import { EVENTS_PER_PAIR, writeAuditLog } from './lib/audit-log';
import { runForJson } from './lib/children';
import { busyNote, ForeignLoad, waitForQuiet } from './lib/machine';
import { describe, envInt, fixed, int, mb, spread, type Spread } from './lib/stats';

export const TARGET_EVENTS = 1_000_000;
const RUNS = 3;

export interface AuditBenchResult {
  readonly events: number;
  readonly raw: { readonly runs: AuditTrialResult[]; readonly rate: Spread };
  readonly replay: { readonly runs: AuditTrialResult[]; readonly rate: Spread; readonly rebuildRate: Spread; readonly seconds: Spread };
  /** Median replay events/s over median raw events/s. */
  readonly ratio: number;
}

const rate = (t: AuditTrialResult) => t.events / (t.ms / 1000);

export async function auditBench(log: (line: string) => void): Promise<AuditBenchResult> {
  const pairs = Math.floor(envInt('BENCH_AUDIT_EVENTS', TARGET_EVENTS) / EVENTS_PER_PAIR);
  const work = mkdtempSync(join(tmpdir(), 'bansos-bench-audit-'));
  try {
    const dataDir = join(work, 'data');
    const events = await prepare(dataDir, pairs, log);
    const trials: Record<'raw' | 'replay', AuditTrialResult[]> = { raw: [], replay: [] };
    for (let run = 1; run <= RUNS; run++) {
      for (const mode of ['raw', 'replay'] as const) {
        await waitForQuiet(30_000);
        const trialDir = mkdtempSync(join(work, `${mode}-`));
        const others = new ForeignLoad();
        const trial = await runForJson<AuditTrialResult>(join(__dirname, 'audit-trial.js'), [mode, dataDir, trialDir], {}, 30 * 60_000);
        const note = busyNote(others.coresUsedByOthers(trial.cpuMs));
        rmSync(trialDir, { recursive: true, force: true });
        if (trial.events !== events) throw new Error(`${mode}: expected ${events} events, handled ${trial.events}`);
        if (trial.drift !== undefined && trial.drift > 0) throw new Error(`replay found ${trial.drift} drifted documents on a clean store`);
        trials[mode].push(trial);
        const phases = trial.rebuildMs !== undefined ? ` (rebuild ${fixed(trial.rebuildMs / 1000)} s + compare ${fixed((trial.compareMs ?? 0) / 1000)} s)` : '';
        log(`audit: run ${run} ${mode.padEnd(6)} ${int(rate(trial)).padStart(9)} events/s  ${fixed(trial.ms / 1000)} s${phases}  peak RSS ${mb(trial.maxRssKb)}${note}`);
      }
    }
    const raw = spread(trials.raw.map(rate));
    const replayed = spread(trials.replay.map(rate));
    const result: AuditBenchResult = {
      events,
      raw: { runs: trials.raw, rate: raw },
      replay: {
        runs: trials.replay,
        rate: replayed,
        rebuildRate: spread(trials.replay.map((t) => t.events / ((t.rebuildMs ?? t.ms) / 1000))),
        seconds: spread(trials.replay.map((t) => t.ms / 1000)),
      },
      ratio: replayed.median / raw.median,
    };
    log(`audit: raw copy       events/s ${describe(result.raw.rate)}`);
    log(`audit: replay         events/s ${describe(result.replay.rate)}; seconds ${describe(result.replay.seconds, (n) => fixed(n))}`);
    log(`audit: rebuild alone  events/s ${describe(result.replay.rebuildRate)}`);
    // Per CPU-second of the trial process: less sensitive than wall time to other work on the machine.
    const perCpu = (runs: AuditTrialResult[]) => describe(spread(runs.map((t) => t.events / (t.cpuMs / 1000))));
    log(`audit: per CPU-second raw ${perCpu(trials.raw)}; replay ${perCpu(trials.replay)}`);
    log(`audit: replay/raw = ${fixed(result.ratio, 3)}`);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Writes the log and brings the live read models up to its head: set-up, not measured. */
async function prepare(dataDir: string, pairs: number, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  const events = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
  const live = SqliteReadModelStore.open(join(dataDir, 'read-models.sqlite'));
  try {
    const written = await writeAuditLog(events, pairs);
    const wroteMs = performance.now() - started;
    const projector = new Projector(events, live, benchProjections());
    await projector.start();
    await projector.waitFor(await events.headPosition());
    await projector.stop();
    const size = statSync(join(dataDir, 'events.sqlite')).size;
    log(
      `audit: wrote ${int(written)} events (${int(size / 1024 / 1024)} MiB) in ${fixed(wroteMs / 1000, 1)} s, ` +
        `projected the live read models in ${fixed((performance.now() - started - wroteMs) / 1000, 1)} s (set-up, not measured)`,
    );
    return written;
  } finally {
    await Promise.all([events.close(), live.close()]);
  }
}

if (require.main === module) {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})`);
  auditBench(log).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
