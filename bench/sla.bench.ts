/**
 * The SLA monitor with 1,000,000 open cases: `npm run build && node dist/bench/sla.bench.js`.
 * Writes the log (N reports assessed eligible, nobody paid) into a temporary embedded store,
 * then measures in a child process of its own (sla-trial.ts): time to consume the stream,
 * memory, a restart, a burst of alerts, and how long after an alert falls due it is in the store.
 * Environment: BENCH_SLA_CASES (default 1,000,000), BENCH_SLA_WINDOW_SECONDS (real time each
 * latency window runs, default 25), SLA_CHECK_INTERVAL_MS (the monitor's timer, default 10,000),
 * BENCH_QUIET_WAIT (seconds to wait for other work on the machine to stop first; see lib/machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SqliteEventStore } from '@bansos/eventstore';
import { spawnNode } from './lib/children';
import { busyNote, ForeignLoad, waitForQuiet } from './lib/machine';
import { writeCases } from './lib/sla-log';
import { envInt, fixed, int, table } from './lib/stats';
import type { SlaTrialResult } from './sla-trial';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function runTrial(dir: string, cases: number, windowSeconds: number, interval: number): Promise<SlaTrialResult> {
  const child = spawnNode(join(__dirname, 'sla-trial.js'), [dir, String(cases), String(windowSeconds), String(interval)], {
    nodeFlags: ['--expose-gc'],
    inheritStderr: true,
  });
  let last = '';
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) last = line;
  const code: number = child.exitCode ?? (await new Promise((resolve) => child.once('exit', resolve)));
  if (code !== 0) throw new Error(`sla-trial exited with ${code}`);
  return JSON.parse(last) as SlaTrialResult;
}

async function main(): Promise<void> {
  const cases = envInt('BENCH_SLA_CASES', 1_000_000);
  const windowSeconds = envInt('BENCH_SLA_WINDOW_SECONDS', 25);
  const interval = envInt('SLA_CHECK_INTERVAL_MS', 10_000);
  log(`sla bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${int(cases)} cases`);
  const dir = mkdtempSync(join(tmpdir(), 'bansos-sla-bench-'));
  try {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const writing = performance.now();
    let shown = 0;
    await writeCases(store, cases, (done) => {
      if (done - shown >= 100_000 || done === cases) {
        shown = done;
        process.stderr.write(`  log: ${int(done)} cases written\n`);
      }
    });
    await store.close();
    log(`log: ${int(cases * 2)} events (ReportFiled + EligibilityAssessed per case) in ${fixed((performance.now() - writing) / 1000, 1)} s`);

    await waitForQuiet();
    const load = new ForeignLoad();
    const r = await runTrial(dir, cases, windowSeconds, interval);
    // Our own share is the child's CPU; the rest of the machine's busy time was someone else's.
    const disturbed = busyNote(load.coresUsedByOthers(r.cpuMs));

    const perSecond = (count: number, ms: number) => int(count / (ms / 1000));
    const rows: string[][] = [
      ['figure', 'value'],
      ['open cases', int(r.cases)],
      ['consume the stream (fresh monitor, state persisted)', `${fixed(r.consumeMs / 1000, 1)} s (${perSecond(r.events, r.consumeMs)} events/s)`],
      ['heap after consuming (after GC)', `${int(r.heapAfterConsumeMb)} MiB (${int(r.heapPerCaseBytes)} bytes per case)`],
      ['RSS after consuming / peak so far', `${int(r.rssAfterConsumeMb)} MiB / ${int(r.maxRssAfterConsumeMb)} MiB`],
      ['restart: load persisted state, go live', `${fixed(r.restartMs / 1000, 1)} s`],
      ['burst: alerts due at once (clock jumps ~2 days)', `${int(r.burstAlerts)} in ${fixed(r.burstMs / 1000, 1)} s (${perSecond(r.burstAlerts, r.burstMs)} alerts/s)`],
      ...r.latency.map((l) => [
        `alert in the store after it fell due (timer ${int(l.checkIntervalMs)} ms)`,
        `p50 ${int(l.p50)} ms, p95 ${int(l.p95)} ms, max ${int(l.max)} ms (${int(l.alerts)} alerts)`,
      ]),
      ['peak RSS of the measuring process', `${int(r.maxRssMb)} MiB`],
    ];
    log(table(rows) + disturbed);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
