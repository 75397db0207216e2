import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelStore } from '@bansos/read-models';
import { SingleBar } from 'cli-progress';
import { parseFlags, UsageError } from '../flags';
import { replay, startAuditIndexer } from './audit-lib';
import { openFor, writeLine, type CliIo } from './cli-io';
import { everyProjector, everyReadModel } from './read-models';
import { formatReplay } from './replay-report';

/**
 * `bansos audit replay`: folds every event into a fresh read-model file in a temporary
 * directory and compares it with the live read models. Exit 0: no drift; 1: drift.
 */
export async function replayCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, ['data-dir'], []);
  if (flags.positional.length > 0) throw new UsageError('audit replay takes no arguments besides --data-dir');
  const { system, failed, fail } = await openFor(flags, io.env);
  const work = mkdtempSync(join(tmpdir(), 'bansos-replay-'));
  const fresh = SqliteReadModelStore.open(join(work, 'read-models.sqlite'));
  const bar = new SingleBar({ stream: io.stderr, format: 'replay |{bar}| {value}/{total} events | {rate} events/s', noTTYOutput: false });
  try {
    // The audit index is a live read model too; this process keeps it caught up like the API does.
    const indexer = await startAuditIndexer(system.events, system.readModels, system.lookupKeys, fail);
    try {
      let started = 0;
      const report = await replay({
        events: system.events,
        live: system.readModels,
        fresh,
        readModels: everyReadModel(system),
        liveCaughtUp: (position) => Promise.race([everyProjector(system, indexer)(position), failed]),
        onProgress: (applied, position, head) => {
          if (started === 0) {
            started = performance.now();
            bar.start(Number(head), 0, { rate: 0 });
          }
          const seconds = Math.max(0.001, (performance.now() - started) / 1000);
          bar.update(Number(position), { rate: Math.round(applied / seconds) });
        },
      });
      bar.stop();
      for (const line of formatReplay(report)) await writeLine(io.stdout, line);
      return report.drift.length === 0 ? 0 : 1;
    } finally {
      await indexer.stop();
    }
  } finally {
    bar.stop();
    await fresh.close();
    await system.close();
    rmSync(work, { recursive: true, force: true });
  }
}
