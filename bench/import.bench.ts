/**
 * Bulk enrolment: N recipients through the real import path (importRecipients -> SQLite event
 * store -> projector -> lookup read model caught up) against raw batched SQLite inserts of the
 * same rows, alternated so that drift in the machine (page cache, thermal) hits both alike.
 * A third trial times only the event store's appends of the same import (lines parsed and
 * decided outside its clock, no projector): the floor the real path cannot go below.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIdnAreaCatalog } from '@bansos/regions';
import { runForJson } from './lib/children';
import { busyNote, ForeignLoad, waitForQuiet } from './lib/machine';
import { writeRecipientsCsv } from './lib/recipients-csv';
import { describe, envInt, fixed, int, mb, spread, type Spread } from './lib/stats';
import type { TrialMode, TrialResult } from './import-trial';

export const TARGET_ROWS = 1_000_000;
export const TARGET_SECONDS = 60;
export const TARGET_RATIO = 0.5;
const RUNS = 3;

export interface ImportRun extends TrialResult {
  /** CPU other processes used during the run, in cores (0.1 = 10% of one core). */
  readonly othersCores: number;
}

export interface ImportBenchResult {
  readonly rows: number;
  readonly generateMs: number;
  readonly raw: { readonly runs: ImportRun[]; readonly rate: Spread; readonly cpuRate: Spread; readonly peakRssKb: number };
  readonly real: {
    readonly runs: ImportRun[];
    readonly rate: Spread;
    readonly cpuRate: Spread;
    readonly seconds: Spread;
    readonly peakRssKb: number;
  };
  /** The event store's appends alone, timed inside the same import path. */
  readonly appends: { readonly runs: ImportRun[]; readonly seconds: Spread };
  /** Median real rows/s over median raw rows/s. */
  readonly ratio: number;
  /** The same ratio by rows per CPU-second. */
  readonly cpuRatio: number;
  /** Seconds for TARGET_ROWS at the median real rate (measured directly when rows = TARGET_ROWS). */
  readonly secondsFor1M: number;
  readonly timeOk: boolean;
  readonly ratioOk: boolean;
  /** Runs during which others used >= 10% of a core. */
  readonly disturbedRuns: number;
}

const rate = (t: TrialResult) => t.rows / (t.ms / 1000);
// Rows per second of the trial's own CPU (process start to result, so it includes opening
// the stores): hardly moved by other work on the machine, unlike the wall-clock rate.
const cpuRate = (t: TrialResult) => t.rows / (t.cpuMs / 1000);

export async function importBench(log: (line: string) => void): Promise<ImportBenchResult> {
  const rows = envInt('BENCH_ROWS', TARGET_ROWS);
  const work = mkdtempSync(join(tmpdir(), 'bansos-bench-import-'));
  try {
    const file = join(work, 'recipients.csv');
    const genStarted = performance.now();
    writeRecipientsCsv(file, rows, loadIdnAreaCatalog());
    const generateMs = performance.now() - genStarted;
    log(`import: generated ${int(rows)} rows (${int(statSync(file).size / 1024 / 1024)} MiB) in ${fixed(generateMs / 1000, 1)} s (not measured)`);

    // Each trial runs in a fresh process on a fresh directory; BENCH_CPU_PROF=DIR profiles the real ones.
    const profileDir = process.env.BENCH_CPU_PROF;
    const trials: Record<TrialMode, ImportRun[]> = { raw: [], real: [], appends: [] };
    for (let run = 1; run <= RUNS; run++) {
      for (const mode of ['raw', 'real', 'appends'] as const) {
        const dir = mkdtempSync(join(work, `${mode}-`));
        const nodeFlags = mode === 'real' && profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
        const quiet = await waitForQuiet();
        if (quiet >= 0.1) log(`import: machine not quiet (others use ${Math.round(quiet * 100)}% of a core); measuring anyway`);
        const window = new ForeignLoad();
        const measured = await runForJson<TrialResult>(
          join(__dirname, 'import-trial.js'),
          [mode, file, dir, String(rows)],
          { nodeFlags },
          30 * 60_000,
        );
        const trial: ImportRun = { ...measured, othersCores: window.coresUsedByOthers(measured.cpuMs) };
        rmSync(dir, { recursive: true, force: true });
        trials[mode].push(trial);
        const phases = trial.importMs !== undefined ? ` (append ${fixed(trial.importMs / 1000)} s + catch-up ${fixed((trial.ms - trial.importMs) / 1000)} s)` : '';
        log(
          `import: run ${run} ${mode.padEnd(7)} ${int(rate(trial)).padStart(9)} rows/s  ${fixed(trial.ms / 1000)} s${phases}` +
            `  CPU ${fixed(trial.cpuMs / 1000, 1)} s  peak RSS ${mb(trial.maxRssKb)}${busyNote(trial.othersCores)}`,
        );
      }
    }

    const rawRate = spread(trials.raw.map(rate));
    const realRate = spread(trials.real.map(rate));
    const ratio = realRate.median / rawRate.median;
    const rawCpuRate = spread(trials.raw.map(cpuRate));
    const realCpuRate = spread(trials.real.map(cpuRate));
    const secondsFor1M = TARGET_ROWS / realRate.median;
    const result: ImportBenchResult = {
      rows,
      generateMs,
      raw: { runs: trials.raw, rate: rawRate, cpuRate: rawCpuRate, peakRssKb: Math.max(...trials.raw.map((t) => t.maxRssKb)) },
      real: {
        runs: trials.real,
        rate: realRate,
        cpuRate: realCpuRate,
        seconds: spread(trials.real.map((t) => t.ms / 1000)),
        peakRssKb: Math.max(...trials.real.map((t) => t.maxRssKb)),
      },
      appends: { runs: trials.appends, seconds: spread(trials.appends.map((t) => t.ms / 1000)) },
      ratio,
      cpuRatio: realCpuRate.median / rawCpuRate.median,
      secondsFor1M,
      timeOk: secondsFor1M < TARGET_SECONDS,
      ratioOk: ratio >= TARGET_RATIO,
      disturbedRuns: [...trials.raw, ...trials.real, ...trials.appends].filter((t) => t.othersCores >= 0.1).length,
    };
    printImport(result, log);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function printImport(r: ImportBenchResult, log: (line: string) => void): void {
  const yes = (ok: boolean) => (ok ? 'MET' : 'MISSED');
  log(`import: raw  rows/s ${describe(r.raw.rate)}; peak RSS ${mb(r.raw.peakRssKb)}`);
  log(`import: real rows/s ${describe(r.real.rate)}; seconds ${describe(r.real.seconds, (n) => fixed(n))}; peak RSS ${mb(r.real.peakRssKb)}`);
  log(`import: real/raw = ${fixed(r.ratio)} (target >= ${TARGET_RATIO}: ${yes(r.ratioOk)})`);
  const rawSeconds = r.rows / r.raw.rate.median;
  log(
    `import: the event store's appends alone ${describe(r.appends.seconds, (n) => fixed(n))} s, ` +
      `${fixed(r.appends.seconds.median / rawSeconds)} of the raw baseline's time (the real path at 0.5 may take 2.0)`,
  );
  log(`import: rows per CPU-second: real ${describe(r.real.cpuRate)}, raw ${describe(r.raw.cpuRate)}; real/raw = ${fixed(r.cpuRatio)}`);
  const measured = r.rows === TARGET_ROWS ? 'measured' : `extrapolated from ${int(r.rows)} rows, linear`;
  if (r.disturbedRuns > 0) log(`import: ${r.disturbedRuns} of ${r.raw.runs.length + r.real.runs.length + r.appends.runs.length} runs shared the machine with other work`);
  log(`import: ${int(TARGET_ROWS)} rows in ${fixed(r.secondsFor1M, 1)} s (${measured}; target < ${TARGET_SECONDS} s: ${yes(r.timeOk)})`);
}
