/**
 * End-to-end lag at a steady load: from a registration's 201 until the public check
 * finds the person, i.e. command accepted -> event stored -> projected -> visible.
 *
 *   npm run build && EVENTSTORE_URL=esdb://… MONGO_URL=mongodb://… node dist/bench/lag.bench.js
 *
 * The production profile (api and projector as separate processes over EventStoreDB and
 * MongoDB) is measured beside the embedded default (one process, SQLite) in the same run,
 * at the same rate. BENCH_LAG_RATE (registrations/s, default 20), BENCH_LAG_SECONDS
 * (default 20), BENCH_RUNS (default 3).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '@bansos/platform';
import { loadIdnAreaCatalog } from '@bansos/regions';
import { spawnNode } from './lib/children';
import { kkAt, nikAt, villagesByDistrict } from './lib/recipients-csv';
import { describe as describeSpread, envInt, fixed, spread, table } from './lib/stats';

const RATE = envInt('BENCH_LAG_RATE', 20);
const SECONDS = envInt('BENCH_LAG_SECONDS', 20);
const RUNS = envInt('BENCH_RUNS', 3);
const SECRET = randomBytes(32).toString('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Lags {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fetch(`${url}/health/ready`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Starts the apps of one profile; returns the API's address and a stop function. */
async function startProfile(profile: 'embedded' | 'production', port: number): Promise<{ url: string; stop: () => void }> {
  const env = { ...process.env, HOST: '127.0.0.1', TOKEN_SECRET: SECRET, LOOKUP_SECRET: SECRET, CHECK_RATE_LIMIT: '0', LOG_LEVEL: 'error' };
  const dist = join(__dirname, '..');
  if (profile === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bansos-lag-'));
    const api = spawnNode(join(dist, 'apps/api/src/main.js'), [], { env: { ...env, PORT: String(port), DATA_DIR: dataDir } });
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url);
    return { url, stop: () => (api.kill('SIGTERM'), rmSync(dataDir, { recursive: true, force: true })) };
  }
  const production = { ...env, PROFILE: 'production', MONGO_DATABASE: `lag_${Date.now().toString(36)}` };
  const projector = spawnNode(join(dist, 'apps/projector/src/main.js'), [], { env: { ...production, PORT: String(port + 1) } });
  await waitReady(`http://127.0.0.1:${port + 1}`);
  const api = spawnNode(join(dist, 'apps/api/src/main.js'), [], { env: { ...production, PORT: String(port) } });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url);
  return { url, stop: () => (api.kill('SIGTERM'), projector.kill('SIGTERM')) };
}

/** Registers RATE people a second for SECONDS; each one's lag is measured by polling the check. */
async function measure(url: string, firstIndex: number): Promise<Lags> {
  const villages = villagesByDistrict(loadIdnAreaCatalog());
  const token = signToken(SECRET, 'bench-operator', 'operator', new Date());
  const lags: number[] = [];
  const pending: Promise<void>[] = [];
  const total = RATE * SECONDS;
  const start = Date.now();
  for (let n = 0; n < total; n++) {
    await sleep(Math.max(0, start + (n * 1000) / RATE - Date.now()));
    const i = firstIndex + n;
    pending.push(
      (async () => {
        const body = {
          nik: nikAt(i),
          kk: kkAt(i),
          fullName: 'BUDI SANTOSO',
          address: { villageCode: villages[0][0], rt: '001', rw: '001', street: 'Jl. Mawar 1' },
          program: { code: 'PKH', name: 'Program Keluarga Harapan' },
          source: 'PUSAT',
        };
        const res = await fetch(`${url}/api/v1/recipients`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        if (res.status !== 201) throw new Error(`registration answered ${res.status}: ${await res.text()}`);
        const accepted = performance.now();
        for (;;) {
          const check = await fetch(`${url}/api/v1/check`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ nik: body.nik }),
          });
          if (((await check.json()) as { enrolled?: boolean }).enrolled) break;
          await sleep(5);
        }
        lags.push(performance.now() - accepted);
      })(),
    );
  }
  await Promise.all(pending);
  lags.sort((a, b) => a - b);
  const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))];
  return { p50: at(0.5), p95: at(0.95), max: lags[lags.length - 1] };
}

async function main(): Promise<void> {
  for (const name of ['EVENTSTORE_URL', 'MONGO_URL']) {
    if (!process.env[name]) throw new Error(`${name} is required: the production profile is measured on real engines`);
  }
  const results: Record<'embedded' | 'production', Lags[]> = { embedded: [], production: [] };
  let index = 5_000_000 + Math.floor(Math.random() * 1_000_000);
  for (let run = 0; run < RUNS; run++) {
    for (const profile of ['embedded', 'production'] as const) {
      const started = await startProfile(profile, 3900 + run * 10 + (profile === 'production' ? 5 : 0));
      try {
        results[profile].push(await measure(started.url, index));
        index += RATE * SECONDS;
      } finally {
        started.stop();
      }
      await sleep(1000);
    }
  }
  const row = (profile: 'embedded' | 'production') => {
    const of = (pick: (l: Lags) => number) => describeSpread(spread(results[profile].map(pick)), (n) => `${fixed(n, 1)} ms`);
    return [profile, of((l) => l.p50), of((l) => l.p95), of((l) => l.max)];
  };
  console.log(`End-to-end lag (201 -> visible in the check) at ${RATE} registrations/s for ${SECONDS} s, ${RUNS} runs`);
  console.log(table([['profile', 'p50', 'p95', 'max'], row('embedded'), row('production')]));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
