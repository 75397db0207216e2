/**
 * The load generator of the check benchmark, in its own process so that it can be pinned to
 * the other core than the server (autocannon's own work would otherwise steal from the server).
 *   node dist/bench/load.js '{"url":...,"connections":50,"seconds":10,"bodies":[...]}'
 * Runs autocannon once and prints one JSON line (the parent runs a short one first as warm-up).
 */

export interface LoadConfig {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  /** JSON bodies; each connection cycles through them in order. */
  readonly bodies: readonly string[];
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** CPU of this process (ms), so the parent can tell our load from others'. */
  readonly cpuMs: number;
}

// autocannon ships no types; only what we read is declared.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = require('autocannon') as Autocannon;

function run(config: LoadConfig): Promise<AutocannonResult> {
  return autocannon({
    url: config.url,
    connections: config.connections,
    duration: config.seconds,
    requests: config.bodies.map((body) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })),
  });
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as LoadConfig;
  const r = await run(config);
  const result: LoadResult = {
    requestsPerSecond: r.requests.average,
    total: r.requests.total,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  };
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
