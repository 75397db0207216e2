/**
 * One SLA monitor measurement in a process of its own (started by sla.bench.ts with
 * --expose-gc), so its peak RSS is the monitor's, not the log writer's:
 *   node --expose-gc dist/bench/sla-trial.js DATA_DIR CASES WINDOW_SECONDS CHECK_INTERVAL_MS
 * Prints one JSON line (SlaTrialResult).
 */
import { join } from 'node:path';
import { SLA_ALERT_KIND, isSlaEventType } from '@bansos/domain';
import { SqliteEventStore, type EventStore } from '@bansos/eventstore';
import { SqliteReadModelStore } from '@bansos/read-models';
import { DEFAULT_SLA_CONFIG, embeddedSlaMonitor, type SlaMonitor } from '@bansos/sla';
import { selfCpuMs } from './lib/machine';
import { atRiskBy, BENCH_T0, SPREAD_MS } from './lib/sla-log';

const DAY = 86_400_000;

export interface LatencyFigures {
  readonly checkIntervalMs: number;
  readonly alerts: number;
  /** Milliseconds from the instant an alert fell due to it being readable in the store. */
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export interface SlaTrialResult {
  readonly cases: number;
  readonly events: number;
  readonly consumeMs: number;
  readonly heapPerCaseBytes: number;
  readonly heapAfterConsumeMb: number;
  readonly rssAfterConsumeMb: number;
  readonly maxRssAfterConsumeMb: number;
  readonly restartMs: number;
  readonly burstAlerts: number;
  readonly burstMs: number;
  readonly latency: LatencyFigures[];
  readonly maxRssMb: number;
  /** This process's CPU, so the parent can tell our load from others'. */
  readonly cpuMs: number;
}

/** Frozen at a moment, or running from one at the speed of the wall clock. */
class BenchClock {
  private realStart: number | null = null;
  constructor(private base: number) {}
  now(): Date {
    return new Date(this.realStart === null ? this.base : this.base + (performance.now() - this.realStart));
  }
  freeze(at: number): void {
    this.base = at;
    this.realStart = null;
  }
  /** Starts the clock at `at`; returns the wall-clock instant (performance.now) that corresponds to it. */
  flowFrom(at: number): number {
    this.base = at;
    this.realStart = performance.now();
    return this.realStart;
  }
}

/** Watches the store like an ops client would: when did each alert become readable? */
function watchAlerts(events: EventStore, after: bigint) {
  const subscription = events.subscribeToAll({ after });
  const seen: { kind: string; dueAt: number; arrived: number }[] = [];
  const done = (async () => {
    for await (const e of subscription) {
      if (!isSlaEventType(e.type)) continue;
      seen.push({ kind: SLA_ALERT_KIND[e.type], dueAt: Date.parse((e.data as { dueAt: string }).dueAt), arrived: performance.now() });
    }
  })();
  return { seen, close: async () => (await subscription.close(), await done) };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => Math.round(bytes / 1048576);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const [dir, casesArg, windowArg, intervalArg] = process.argv.slice(2);
  const cases = Number(casesArg);
  const windowMs = Number(windowArg) * 1000;
  const interval = Number(intervalArg);
  const events = SqliteEventStore.open(join(dir, 'events.sqlite'));
  const readModels = SqliteReadModelStore.open(join(dir, 'read-models.sqlite'));
  const clock = new BenchClock(BENCH_T0 + SPREAD_MS + 60_000);
  const failures: unknown[] = [];
  const open = (checkIntervalMs: number): SlaMonitor =>
    embeddedSlaMonitor({ events, readModels, clock, config: { ...DEFAULT_SLA_CONFIG, checkIntervalMs }, onError: (e) => failures.push(e) });

  // 1. Consume the whole log into a fresh monitor (state persisted as it goes).
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let monitor = open(interval);
  let started = performance.now();
  monitor.start();
  await monitor.whenLive();
  const consumeMs = performance.now() - started;
  const status = monitor.status();
  if (status.cases !== cases) throw new Error(`expected ${cases} cases, the monitor holds ${status.cases}`);
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const rssAfterConsume = process.memoryUsage().rss;
  const maxRssAfterConsumeMb = Math.round(process.resourceUsage().maxRSS / 1024);
  await monitor.stop();

  // 2. Restart: load the persisted state, catch up (nothing new), go live.
  monitor = open(interval);
  started = performance.now();
  monitor.start();
  await monitor.whenLive();
  const restartMs = performance.now() - started;

  // 3. Jump to just before the first deadline: every threshold passed meanwhile is due at once.
  const head = await events.headPosition();
  const watcher = watchAlerts(events, head);
  const burstAt = BENCH_T0 + 7 * DAY - 5000;
  const burstAlerts = atRiskBy(burstAt, cases);
  clock.freeze(burstAt);
  started = performance.now();
  await monitor.check();
  while (watcher.seen.length < burstAlerts) await sleep(5);
  const burstMs = performance.now() - started;

  // 4. Let time run: thresholds and deadlines now fall due every ~0.4 s (1M cases), checked on the timer.
  const latency: LatencyFigures[] = [];
  let from = burstAt;
  for (const checkIntervalMs of [interval, 100]) {
    if (checkIntervalMs !== interval) {
      // A restart with a faster timer; the clock stands still meanwhile, so nothing falls due unseen.
      await monitor.stop();
      monitor = open(checkIntervalMs);
      monitor.start();
      await monitor.whenLive();
    }
    // Clock time c is wall time realStart + (c - from) during the window.
    const realStart = clock.flowFrom(from);
    await sleep(windowMs);
    const end = clock.now().getTime();
    clock.freeze(end);
    // Only alerts that had a full check interval (and a second) to show up before the window closed.
    const delays = watcher.seen
      .filter((a) => a.dueAt > from && a.dueAt <= end - checkIntervalMs - 1000)
      .map((a) => a.arrived - (realStart + (a.dueAt - from)))
      .sort((a, b) => a - b);
    from = end;
    latency.push({ checkIntervalMs, alerts: delays.length, p50: percentile(delays, 0.5), p95: percentile(delays, 0.95), max: delays[delays.length - 1] ?? NaN });
  }
  await monitor.stop();
  await watcher.close();
  await events.close();
  await readModels.close();
  if (failures.length > 0) throw failures[0];

  const result: SlaTrialResult = {
    cases,
    events: Number(head),
    consumeMs,
    heapPerCaseBytes: Math.round((heapAfter - heapBefore) / cases),
    heapAfterConsumeMb: mb(heapAfter),
    rssAfterConsumeMb: mb(rssAfterConsume),
    maxRssAfterConsumeMb,
    restartMs,
    burstAlerts,
    burstMs,
    latency,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: selfCpuMs(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
