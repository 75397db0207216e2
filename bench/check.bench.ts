/**
 * Public check throughput: the Nest endpoint (A) against a bare fastify handler doing the same
 * lookup (B). Each server gets core 0 to itself and the load generator core 1, so that the
 * figure is the server's CPU cost per request and not a fight with autocannon for one core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { openEmbeddedSystem } from '@bansos/platform';
import { loadIdnAreaCatalog } from '@bansos/regions';
import { canPin, firstJsonLine, runForJson, spawnNode, stopChild } from './lib/children';
import { busyNote, ForeignLoad, processCpuMs, waitForQuiet } from './lib/machine';
import { kkAt, nikAt, sampleNiks, writeRecipientsCsv } from './lib/recipients-csv';
import { assertEnrolled, importCsv, projectorWatch, warmRegions } from './lib/real-import';
import { describe, envInt, fixed, int, spread, type Spread } from './lib/stats';
import type { LoadConfig, LoadResult } from './load';

export const TARGET_CHECK_RATIO = 0.6;
const RUNS = 3;
const SERVER_CPU = 0;
const LOAD_CPU = 1;
const WARMUP_SECONDS = 2;

type Server = 'nest' | 'bare';
const SCRIPT: Record<Server, string> = { nest: 'check-server.js', bare: 'bare-check-server.js' };

export interface CheckRun extends LoadResult {
  readonly server: Server;
  /**
   * The server's CPU per request over the measured window. Other work on the machine takes
   * cores away but hardly changes this, so it still compares A and B on a shared machine.
   */
  readonly serverCpuUsPerRequest: number;
  /** CPU other processes used during the run, in cores (0.1 = 10% of one core). */
  readonly othersCores: number;
}

export interface CheckSide {
  readonly runs: CheckRun[];
  readonly rps: Spread;
  readonly p99: Spread;
  readonly cpuPerRequest: Spread;
}

export interface CheckBenchResult {
  readonly pinned: boolean;
  readonly seedRows: number;
  readonly seconds: number;
  readonly connections: number;
  readonly nest: CheckSide;
  readonly bare: CheckSide;
  /** Median Nest req/s over median bare req/s. */
  readonly ratio: number;
  /** Median bare CPU per request over median Nest CPU per request (the same ratio, by CPU). */
  readonly cpuRatio: number;
  readonly ratioOk: boolean;
  /** Any run with errors, timeouts or non-2xx answers (its figure is not trustworthy). */
  readonly failedRequests: number;
  /** Runs during which others used >= 10% of a core. */
  readonly disturbedRuns: number;
}

/** Imports `rows` recipients through the real path into a fresh data directory. */
async function seed(dataDir: string, work: string, rows: number): Promise<void> {
  const file = join(work, 'seed.csv');
  writeRecipientsCsv(file, rows, loadIdnAreaCatalog());
  const watch = projectorWatch();
  const system = await openEmbeddedSystem({ dataDir, onProjectorError: watch.onProjectorError });
  try {
    warmRegions(system);
    const { report } = await importCsv(system, file, watch.failed);
    if (report.accepted !== rows) throw new Error(`seed: ${report.accepted} of ${rows} accepted`);
    await assertEnrolled(system, sampleNiks(rows, 20).enrolled);
  } finally {
    await system.close();
  }
}

async function startServer(server: Server, dataDir: string, cpu?: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnNode(join(__dirname, SCRIPT[server]), [dataDir], { cpu });
  try {
    const { port } = await firstJsonLine<{ port: number }>(child, 60_000);
    return { child, url: `http://127.0.0.1:${port}/api/v1/check` };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** One measurement: fresh server on core 0, warm-up then the measured load from core 1. */
async function measure(
  server: Server,
  dataDir: string,
  load: { connections: number; seconds: number; bodies: readonly string[] },
): Promise<CheckRun> {
  const window = new ForeignLoad();
  const { child, url } = await startServer(server, dataDir, SERVER_CPU);
  try {
    const generate = (seconds: number) => {
      const config: LoadConfig = { url, connections: load.connections, seconds, bodies: load.bodies };
      return runForJson<LoadResult>(join(__dirname, 'load.js'), [JSON.stringify(config)], { cpu: LOAD_CPU }, (seconds + 60) * 1000);
    };
    // Warm-up in a load process of its own: JIT and page cache, and it lets us read the
    // server's CPU clock between warm-up and measurement.
    const warm = await generate(WARMUP_SECONDS);
    const cpuBefore = processCpuMs(child.pid);
    const measured = await generate(load.seconds);
    const serverCpuMs = processCpuMs(child.pid) - cpuBefore;
    return {
      server,
      ...measured,
      serverCpuUsPerRequest: (serverCpuMs * 1000) / Math.max(1, measured.total),
      othersCores: window.coresUsedByOthers(warm.cpuMs + measured.cpuMs + processCpuMs(child.pid)),
    };
  } finally {
    await stopChild(child);
  }
}

async function post(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

/** Both servers must give the same status and body for each kind of answer before we time them. */
async function verifySameAnswers(dataDir: string, rows: number, log: (line: string) => void): Promise<void> {
  const { enrolled, notEnrolled } = sampleNiks(rows, 1);
  const probes: Record<string, unknown> = {
    'enrolled NIK': { nik: enrolled[0] },
    'unknown NIK': { nik: notEnrolled[0] },
    'unknown NIK, enrolled KK': { nik: notEnrolled[0], kk: kkAt(0) },
    'invalid NIK': { nik: nikAt(0).slice(0, 12) + '0000' },
    'no NIK': {},
  };
  const nest = await startServer('nest', dataDir);
  const bare = await startServer('bare', dataDir);
  try {
    for (const [name, body] of Object.entries(probes)) {
      const [a, b] = [await post(nest.url, body), await post(bare.url, body)];
      if (!isDeepStrictEqual(a, b)) {
        throw new Error(`servers disagree on ${name}:\n  nest ${JSON.stringify(a)}\n  bare ${JSON.stringify(b)}`);
      }
    }
    const sample = await post(nest.url, probes['enrolled NIK']);
    if ((sample.body as { enrolled?: unknown }).enrolled !== true) throw new Error(`enrolled NIK not found: ${JSON.stringify(sample)}`);
    log(`check: both servers answer identically (${Object.keys(probes).join(', ')}); e.g. ${JSON.stringify(sample.body)}`);
  } finally {
    await Promise.all([stopChild(nest.child), stopChild(bare.child)]);
  }
}

export async function checkBench(log: (line: string) => void): Promise<CheckBenchResult> {
  const seedRows = envInt('BENCH_SEED_ROWS', 20_000);
  const seconds = envInt('BENCH_SECONDS', 10);
  const connections = envInt('BENCH_CONNECTIONS', 50);
  const pinned = canPin();
  if (!pinned) log('check: taskset is missing or not allowed: servers and load generator run UNPINNED (figures are less meaningful)');

  const work = mkdtempSync(join(tmpdir(), 'bansos-bench-check-'));
  try {
    const dataDir = join(work, 'data');
    const seedStarted = performance.now();
    await seed(dataDir, work, seedRows);
    log(`check: seeded ${int(seedRows)} recipients in ${fixed((performance.now() - seedStarted) / 1000, 1)} s (not measured)`);
    await verifySameAnswers(dataDir, seedRows, log);

    // 4 enrolled NIKs for every unknown one: both the hit and the miss path are exercised.
    const { enrolled, notEnrolled } = sampleNiks(seedRows, 64);
    const bodies = enrolled.flatMap((nik, i) => (i % 4 === 3 ? [nik, notEnrolled[i]] : [nik])).map((nik) => JSON.stringify({ nik }));

    const runs: Record<Server, CheckRun[]> = { nest: [], bare: [] };
    for (let run = 1; run <= RUNS; run++) {
      for (const server of ['nest', 'bare'] as const) {
        const quiet = await waitForQuiet();
        if (quiet >= 0.1) log(`check: machine not quiet (others use ${Math.round(quiet * 100)}% of a core); measuring anyway`);
        const r = await measure(server, dataDir, { connections, seconds, bodies });
        runs[server].push(r);
        const bad = r.non2xx + r.errors + r.timeouts;
        log(
          `check: run ${run} ${server.padEnd(4)} ${int(r.requestsPerSecond).padStart(7)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms` +
            `  server CPU ${fixed(r.serverCpuUsPerRequest, 0)} µs/req` +
            (bad > 0 ? `  FAILED REQUESTS: non2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}` : '') +
            busyNote(r.othersCores),
        );
      }
    }

    const summarize = (list: CheckRun[]) => ({
      runs: list,
      rps: spread(list.map((r) => r.requestsPerSecond)),
      p99: spread(list.map((r) => r.p99Ms)),
      cpuPerRequest: spread(list.map((r) => r.serverCpuUsPerRequest)),
    });
    const nest = summarize(runs.nest);
    const bare = summarize(runs.bare);
    const ratio = nest.rps.median / bare.rps.median;
    const result: CheckBenchResult = {
      pinned,
      seedRows,
      seconds,
      connections,
      nest,
      bare,
      ratio,
      cpuRatio: bare.cpuPerRequest.median / nest.cpuPerRequest.median,
      ratioOk: ratio >= TARGET_CHECK_RATIO,
      failedRequests: [...runs.nest, ...runs.bare].reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
      disturbedRuns: [...runs.nest, ...runs.bare].filter((r) => r.othersCores >= 0.1).length,
    };
    for (const [name, side] of [['nest', nest], ['bare', bare]] as const) {
      log(`check: ${name} req/s ${describe(side.rps)}; p99 ms ${describe(side.p99)}; server CPU µs/req ${describe(side.cpuPerRequest)}`);
    }
    if (result.disturbedRuns > 0) log(`check: ${result.disturbedRuns} of ${RUNS * 2} runs shared the machine with other work`);
    log(`check: nest/bare = ${fixed(ratio)} (target >= ${TARGET_CHECK_RATIO}: ${result.ratioOk ? 'MET' : 'MISSED'})${pinned ? '' : ' [unpinned]'}`);
    log(`check: by server CPU per request, nest/bare = ${fixed(result.cpuRatio)} (less sensitive to other work on the machine)`);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
