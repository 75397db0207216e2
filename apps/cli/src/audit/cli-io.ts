import { once } from 'node:events';
import { isUserId, loadEmbeddedConfig, openEmbeddedSystem, type System } from '@bansos/platform';
import { UsageError, type Flags } from '../flags';

/** Where a command writes and what it reads from the environment: tests pass their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

/** Writes respecting back-pressure, so a large export to a slow pipe does not pile up in memory. */
export async function writeLine(stream: NodeJS.WritableStream, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
}

/**
 * Opens the embedded system of --data-dir (or DATA_DIR). `failed` rejects when a projector
 * dies, so that waiting for it to catch up can not hang forever.
 */
export async function openFor(flags: Flags, env: NodeJS.ProcessEnv): Promise<{ system: System; failed: Promise<never>; fail: (error: unknown) => void }> {
  const dataDir = flags.values['data-dir'];
  const config = loadEmbeddedConfig({ ...env, ...(dataDir ? { DATA_DIR: dataDir } : {}) });
  const { failed, fail } = failureSignal();
  const system = await openEmbeddedSystem({
    dataDir: config.dataDir,
    tokenSecret: config.tokenSecret,
    lookupSecret: config.lookupSecret,
    onProjectorError: (error) => fail(error),
  });
  return { system, failed, fail };
}

/** A promise that rejects with the first error given to `fail`, for Promise.race against work that waits on a projector. */
export function failureSignal(): { failed: Promise<never>; fail: (error: unknown) => void } {
  let fail: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined); // observed through Promise.race only
  return { failed, fail };
}

/** The staff id a CLI audit acts as (--user); recorded in the audit trail. */
export function cliUser(flags: Flags, fallback: string): string {
  const user = flags.values.user ?? fallback;
  if (!isUserId(user)) throw new UsageError('--user must be 1-64 letters, digits or . _ @ -');
  return user;
}
