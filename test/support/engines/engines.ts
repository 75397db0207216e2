import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The real servers the engine tier talks to, started by scripts/engines/<name>.sh.
 * A script's start prints NAME=value lines (the addresses); stop ends what start began.
 */
export interface Engine {
  readonly name: string;
  /** Set by the user to point at a server of their own: then nothing is started. */
  readonly givenBy?: string;
}

export const ENGINES: readonly Engine[] = [
  { name: 'kafka', givenBy: 'KAFKA_BROKERS' },
  { name: 'ferretdb', givenBy: 'FERRETDB_URL' },
];

const ROOT = join(__dirname, '..', '..', '..');
const script = (engine: Engine): string => join(ROOT, 'scripts', 'engines', `${engine.name}.sh`);

export function startEngine(engine: Engine): Record<string, string> {
  const out = execFileSync('bash', [script(engine), 'start'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 20 * 60_000,
  });
  const env: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  if (Object.keys(env).length === 0) throw new Error(`${engine.name}: the start script printed no address`);
  return env;
}

export function stopEngine(engine: Engine): void {
  execFileSync('bash', [script(engine), 'stop'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** A variable the engine tier needs; a clear failure (never a skip) when it is missing. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the engine tests with \`npm run test:engines\` (it starts the servers)`);
  return value;
}
