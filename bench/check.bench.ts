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
import { kkAt, nikAt, sampleNiks, writeRecipientsCsv } from './lib/recipients-csv';
import { assertEnrolled, importCsv, projectorWatch, warmRegions } from './lib/real-import';
import { describe, envInt, fixed, int, spread, type Spread } from './lib/stats';
import type { LoadConfig, LoadResult } from './load';

export const TARGET_CHECK_RATIO = 0.6;
const RUNS = 3;
const SERVER_CPU = 0;
const LOAD_CPU = 1;

type Server = 'nest' | 'bare';
const SCRIPT: Record<Server, string> = { nest: 'check-server.js', bare: 'bare-check-server.js' };

export interface CheckRun extends LoadResult {
  readonly server: Server;
}

export interface CheckBenchResult {
  readonly pinned: boolean;
  readonly seedRows: number;
  readonly seconds: number;
  readonly connections: number;
  readonly nest: { readonly runs: CheckRun[]; readonly rps: Spread; readonly p99: Spread };
  readonly bare: { readonly runs: CheckRun[]; readonly rps: Spread; readonly p99: Spread };
  /** Median Nest req/s over median bare req/s. */
  readonly ratio: number;
  readonly ratioOk: boolean;
  /** Any run with errors, timeouts or non-2xx answers (its figure is not trustworthy). */
  readonly failedRequests: number;
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
        const { child, url } = await startServer(server, dataDir, SERVER_CPU);
        try {
          const config: LoadConfig = { url, connections, seconds, warmupSeconds: 2, bodies };
          const load = await runForJson<LoadResult>(join(__dirname, 'load.js'), [JSON.stringify(config)], { cpu: LOAD_CPU }, (seconds + 60) * 1000);
          runs[server].push({ server, ...load });
          const bad = load.non2xx + load.errors + load.timeouts;
          log(
            `check: run ${run} ${server.padEnd(4)} ${int(load.requestsPerSecond).padStart(7)} req/s  p50 ${load.p50Ms} ms  p99 ${load.p99Ms} ms` +
              (bad > 0 ? `  FAILED REQUESTS: non2xx ${load.non2xx}, errors ${load.errors}, timeouts ${load.timeouts}` : ''),
          );
        } finally {
          await stopChild(child);
        }
      }
    }

    const summarize = (list: CheckRun[]) => ({
      runs: list,
      rps: spread(list.map((r) => r.requestsPerSecond)),
      p99: spread(list.map((r) => r.p99Ms)),
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
      ratioOk: ratio >= TARGET_CHECK_RATIO,
      failedRequests: [...runs.nest, ...runs.bare].reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
    };
    log(`check: nest req/s ${describe(nest.rps)}; p99 ms ${describe(nest.p99, (n) => fixed(n, 0))}`);
    log(`check: bare req/s ${describe(bare.rps)}; p99 ms ${describe(bare.p99, (n) => fixed(n, 0))}`);
    log(`check: nest/bare = ${fixed(ratio)} (target >= ${TARGET_CHECK_RATIO}: ${result.ratioOk ? 'MET' : 'MISSED'})${pinned ? '' : ' [unpinned]'}`);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
