import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Child processes of the benchmarks (servers, load generator, import trials). Every one
 * is tracked so that a failure or Ctrl-C in the parent never leaves a server running
 * on a pinned core and skewing the next measurement.
 */
const live = new Set<ChildProcess>();

function killAll(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

let tasksetWorks: boolean | undefined;

/** Whether `taskset` exists and may pin to cores 0 and 1 (a container may forbid either). */
export function canPin(): boolean {
  if (tasksetWorks === undefined) {
    tasksetWorks = [0, 1].every((cpu) => spawnSync('taskset', ['-c', String(cpu), 'true']).status === 0);
  }
  return tasksetWorks;
}

export interface NodeChildOptions {
  /** Core to pin to (taskset -c); ignored when pinning is unavailable. */
  readonly cpu?: number;
  readonly nodeFlags?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Pass the child's stderr through to ours (progress output). */
  readonly inheritStderr?: boolean;
}

/** Starts `node <script> ...args`, pinned when asked and possible. */
export function spawnNode(script: string, args: readonly string[], options: NodeChildOptions = {}): ChildProcess {
  const nodeArgs = [...(options.nodeFlags ?? []), script, ...args];
  // taskset execs node in place, so the pid we track is node's own.
  const [command, argv] =
    options.cpu !== undefined && canPin()
      ? ['taskset', ['-c', String(options.cpu), process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
  const child = spawn(command, argv, {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', options.inheritStderr ? 'inherit' : 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Collects a child's stderr (for error messages when it dies). */
function stderrOf(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-4000);
  });
  return () => text;
}

/** Resolves with the first stdout line that parses as a JSON object; rejects if the child exits first. */
export function firstJsonLine<T>(child: ChildProcess, timeoutMs: number): Promise<T> {
  const stderr = stderrOf(child);
  return new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error(`child gave no result within ${timeoutMs} ms\n${stderr()}`)), timeoutMs);
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`child exited (code ${code}, signal ${signal}) before its result\n${stderr()}`));
    const done = () => {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.close();
      // Keep draining stdout so a chatty child never blocks on a full pipe.
      child.stdout?.resume();
    };
    function fail(error: Error) {
      done();
      reject(error);
    }
    child.once('exit', onExit);
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      done();
      resolve(JSON.parse(line) as T);
    });
  });
}

/** SIGTERM, then SIGKILL if the child has not gone within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Runs a child to completion and returns its JSON result line. */
export async function runForJson<T>(script: string, args: readonly string[], options: NodeChildOptions, timeoutMs: number): Promise<T> {
  const child = spawnNode(script, args, options);
  try {
    const result = await firstJsonLine<T>(child, timeoutMs);
    // Let it exit by itself (a --cpu-prof profile is written at exit), but not forever.
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(resolve, 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return result;
  } finally {
    await stopChild(child);
  }
}
