import { spawn } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A full run takes many minutes and spawns a fresh process per measurement. If someone runs
 * `npm run build` meanwhile, later runs would load different code than earlier ones and the
 * median would mix them. So the run executes from a private copy of the build, kept beside
 * dist/ (so node_modules still resolves by walking up) and removed at the end.
 */
const MARK = 'BENCH_SNAPSHOT';

/** Whether this process already runs from a snapshot. */
export function inSnapshot(): boolean {
  return process.env[MARK] === '1';
}

/**
 * Copies dist/{apps,libs,bench} to dist/.bench-snapshot-<pid> and runs `script` (a path
 * relative to dist/) from there with the same arguments; resolves with its exit code.
 */
export async function runFromSnapshot(distDir: string, script: string): Promise<number> {
  const snapshot = join(distDir, `.bench-snapshot-${process.pid}`);
  for (const part of ['apps', 'libs', 'bench']) {
    const from = join(distDir, part);
    if (existsSync(from)) cpSync(from, join(snapshot, part), { recursive: true });
  }
  const cleanup = () => rmSync(snapshot, { recursive: true, force: true });
  process.once('exit', cleanup);
  try {
    const child = spawn(process.execPath, [join(snapshot, script), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, [MARK]: '1' },
    });
    // Pass signals on and outlive the child, so that the copy is always removed (a process
    // killed by a signal it does not handle never runs its 'exit' listeners).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    return await new Promise<number>((done) => child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0))));
  } finally {
    cleanup();
  }
}

/** dist/ as seen from a compiled file in dist/bench. */
export function distDirFrom(benchDir: string): string {
  return resolve(benchDir, '..');
}
