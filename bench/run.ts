/**
 * `npm run bench` (after the build): both benchmarks, each figure beside the baseline measured
 * in the same run. `node dist/bench/run.js import` or `... check` runs one.
 * Environment: BENCH_ROWS (import size, default 1,000,000), BENCH_SECONDS (check duration,
 * default 10), BENCH_SEED_ROWS (check data, default 20,000), BENCH_CONNECTIONS (default 50),
 * BENCH_CPU_PROF=DIR (write --cpu-prof profiles of the real import runs there),
 * BENCH_QUIET_WAIT (seconds to wait for other work on the machine to stop before each run, default 120).
 */
import { cpus } from 'node:os';
import type { CheckBenchResult } from './check.bench';
import type { ImportBenchResult } from './import.bench';
import { distDirFrom, inSnapshot, runFromSnapshot } from './lib/snapshot';
import { fixed, int, mb, table } from './lib/stats';

const log = (line: string) => process.stdout.write(`${line}\n`);
const status = (ok: boolean) => (ok ? 'MET' : 'MISSED');
const range = (s: { median: number; min: number; max: number }, f: (n: number) => string = int) =>
  `${f(s.median)} [${f(s.min)}..${f(s.max)}]`;

// Targets are repeated here (not imported) so that the wrapper process loads no benchmark code.
function summary(imp: ImportBenchResult | null, chk: CheckBenchResult | null): string {
  const rows: string[][] = [['benchmark', 'measured (median [min..max])', 'baseline (same run)', 'ratio', 'target', 'status']];
  if (imp) {
    rows.push([`import ${int(imp.rows)} rows, rows/s`, range(imp.real.rate), `raw SQLite ${range(imp.raw.rate)}`, fixed(imp.ratio), '>= 0.5', status(imp.ratioOk)]);
    rows.push([
      'import 1,000,000 rows, seconds',
      imp.rows === 1_000_000 ? range(imp.real.seconds, (n) => fixed(n, 1)) : `${fixed(imp.secondsFor1M, 1)} (extrapolated)`,
      '',
      '',
      '< 60 s',
      status(imp.timeOk),
    ]);
    rows.push([
      'import: event store appends only, s',
      range(imp.appends.seconds, (n) => fixed(n, 1)),
      `raw SQLite ${fixed(imp.rows / imp.raw.rate.median, 1)} s`,
      fixed(imp.appends.seconds.median / (imp.rows / imp.raw.rate.median)),
      '(info)',
      '',
    ]);
    rows.push(['import rows per CPU-second', range(imp.real.cpuRate), `raw SQLite ${range(imp.raw.cpuRate)}`, fixed(imp.cpuRatio), '(info)', '']);
    rows.push(['import peak RSS', mb(imp.real.peakRssKb), `raw ${mb(imp.raw.peakRssKb)}`, '', '', '']);
    if (imp.disturbedRuns > 0) rows.push(['  (import runs disturbed by other work)', String(imp.disturbedRuns), '', '', '', '']);
  }
  if (chk) {
    rows.push([
      `check req/s (${chk.connections} conn, ${chk.seconds} s)`,
      `nest ${range(chk.nest.rps)}`,
      `bare fastify ${range(chk.bare.rps)}`,
      fixed(chk.ratio),
      '>= 0.6',
      status(chk.ratioOk) + (chk.pinned ? '' : ' (unpinned)') + (chk.failedRequests > 0 ? ` (${chk.failedRequests} failed requests)` : ''),
    ]);
    rows.push(['check server CPU µs/request', `nest ${range(chk.nest.cpuPerRequest)}`, `bare fastify ${range(chk.bare.cpuPerRequest)}`, fixed(chk.cpuRatio), '(info)', '']);
    if (chk.disturbedRuns > 0) rows.push(['  (check runs disturbed by other work)', String(chk.disturbedRuns), '', '', '', '']);
    rows.push(['check p99 latency, ms', `nest ${range(chk.nest.p99)}`, `bare fastify ${range(chk.bare.p99)}`, '', '', '']);
  }
  return table(rows);
}

async function main(): Promise<number> {
  const which = process.argv[2];
  if (which !== undefined && which !== 'import' && which !== 'check') {
    throw new Error('usage: node dist/bench/run.js [import|check]');
  }
  if (!inSnapshot()) return runFromSnapshot(distDirFrom(__dirname), 'bench/run.js');
  // Loaded only here, inside the snapshot: the wrapper above must not install their signal handlers.
  const { importBench } = await import('./import.bench');
  const { checkBench } = await import('./check.bench');
  log(`bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}); code snapshot of dist/ taken at start`);
  const imp = which === undefined || which === 'import' ? await importBench(log) : null;
  const chk = which === undefined || which === 'check' ? await checkBench(log) : null;
  log('\n=== summary ===');
  log(summary(imp, chk));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
