/**
 * `npm run bench` (after the build): both benchmarks, each figure beside the baseline measured
 * in the same run. `node dist/bench/run.js import` or `... check` runs one.
 * Environment: BENCH_ROWS (import size, default 1,000,000), BENCH_SECONDS (check duration,
 * default 10), BENCH_SEED_ROWS (check data, default 20,000), BENCH_CONNECTIONS (default 50),
 * BENCH_CPU_PROF=DIR (write --cpu-prof profiles of the real import runs there).
 */
import { cpus } from 'node:os';
import { checkBench, TARGET_CHECK_RATIO, type CheckBenchResult } from './check.bench';
import { importBench, TARGET_RATIO, TARGET_ROWS, TARGET_SECONDS, type ImportBenchResult } from './import.bench';
import { fixed, int, mb, table } from './lib/stats';

const log = (line: string) => process.stdout.write(`${line}\n`);
const status = (ok: boolean) => (ok ? 'MET' : 'MISSED');
const range = (s: { median: number; min: number; max: number }, f: (n: number) => string = int) =>
  `${f(s.median)} [${f(s.min)}..${f(s.max)}]`;

function summary(imp: ImportBenchResult | null, chk: CheckBenchResult | null): string {
  const rows: string[][] = [['benchmark', 'measured (median [min..max])', 'baseline (same run)', 'ratio', 'target', 'status']];
  if (imp) {
    rows.push([
      `import ${int(imp.rows)} rows, rows/s`,
      range(imp.real.rate),
      `raw SQLite ${range(imp.raw.rate)}`,
      fixed(imp.ratio),
      `>= ${TARGET_RATIO}`,
      status(imp.ratioOk),
    ]);
    rows.push([
      `import ${int(TARGET_ROWS)} rows, seconds`,
      imp.rows === TARGET_ROWS ? range(imp.real.seconds, (n) => fixed(n, 1)) : `${fixed(imp.secondsFor1M, 1)} (extrapolated)`,
      '',
      '',
      `< ${TARGET_SECONDS} s`,
      status(imp.timeOk),
    ]);
    rows.push(['import peak RSS', mb(imp.real.peakRssKb), `raw ${mb(imp.raw.peakRssKb)}`, '', '', '']);
  }
  if (chk) {
    rows.push([
      `check req/s (${chk.connections} conn, ${chk.seconds} s)`,
      `nest ${range(chk.nest.rps)}`,
      `bare fastify ${range(chk.bare.rps)}`,
      fixed(chk.ratio),
      `>= ${TARGET_CHECK_RATIO}`,
      status(chk.ratioOk) + (chk.pinned ? '' : ' (unpinned)') + (chk.failedRequests > 0 ? ` (${chk.failedRequests} failed requests)` : ''),
    ]);
    rows.push(['check p99 latency, ms', `nest ${range(chk.nest.p99)}`, `bare fastify ${range(chk.bare.p99)}`, '', '', '']);
  }
  return table(rows);
}

async function main(): Promise<void> {
  const which = process.argv[2];
  if (which !== undefined && which !== 'import' && which !== 'check') {
    throw new Error('usage: node dist/bench/run.js [import|check]');
  }
  log(`bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})`);
  const imp = which === undefined || which === 'import' ? await importBench(log) : null;
  const chk = which === undefined || which === 'check' ? await checkBench(log) : null;
  log('\n=== summary ===');
  log(summary(imp, chk));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
