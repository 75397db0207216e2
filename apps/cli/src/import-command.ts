import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { importRecipients, lineContexts, type ImportReport } from '@bansos/application';
import { wibDate } from '@bansos/domain';
import type { System } from '@bansos/platform';
import { SingleBar } from 'cli-progress';
import { parseFlags, UsageError } from './flags';

export const IMPORT_USAGE = `Usage: bansos import recipients FILE.csv [--data-dir DIR] [--user USER]
  Registers every line of FILE.csv (header: nik,kk,full_name,village_code,rt,rw,street,program_code,program_name,source).
  Prints {"accepted":N,"rejected":[{"line","code","message"}]}; exit 0 when every line was accepted, 1 otherwise.
`;

export function importFileArg(args: readonly string[]): { file: string; user: string } {
  const flags = parseFlags(args, ['data-dir', 'user'], []);
  if (flags.positional[0] !== 'recipients' || flags.positional.length !== 2) {
    throw new UsageError('expected: bansos import recipients FILE.csv');
  }
  return { file: flags.positional[1], user: flags.values.user ?? 'cli-import' };
}

/** Streams the file through the same import path as the HTTP endpoint, then waits for the read models. */
export async function importCommand(
  system: System,
  file: string,
  user: string,
  progress: NodeJS.WriteStream,
): Promise<ImportReport> {
  const size = statSync(file).size;
  const bar = new SingleBar(
    { stream: progress, format: 'import |{bar}| {percentage}% | {accepted} accepted | {rate} lines/s', noTTYOutput: false },
  );
  const started = Date.now();
  bar.start(size, 0, { accepted: 0, rate: 0 });
  const stream = createReadStream(file);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const at = system.clock.now();
  const report = await importRecipients(lines, {
    store: system.events,
    input: { regions: system.regions, today: wibDate(at) },
    contextFor: lineContexts(system.ids.uuid(), user, () => system.clock.now()),
    onProgress: (done, accepted) =>
      bar.update(stream.bytesRead, { accepted, rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)) }),
  });
  bar.update(size);
  bar.stop();
  await system.projector.waitFor(await system.events.headPosition());
  return report;
}
