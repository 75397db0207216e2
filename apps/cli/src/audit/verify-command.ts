import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { parseFlags, UsageError } from '../flags';
import { verifyChain } from './audit-lib';
import { writeLine, type CliIo } from './cli-io';

/** `bansos audit verify FILE`: exit 0 when the export is whole and unaltered, 1 naming the first broken line. */
export async function verifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, [], []);
  if (flags.positional.length !== 1) throw new UsageError('expected: bansos audit verify FILE');
  const file = flags.positional[0];
  try {
    await access(file);
  } catch {
    await writeLine(io.stderr, `bansos: cannot read ${file}`);
    return 2;
  }
  const verdict = await verifyChain(linesOf(file));
  if (verdict.ok) {
    await writeLine(io.stdout, `ok: ${verdict.events} events in ${verdict.lines} lines, unaltered; chain tip ${verdict.tip}`);
    return 0;
  }
  await writeLine(io.stdout, `broken at line ${verdict.line}: ${verdict.reason}`);
  return 1;
}

/**
 * The file's lines split on "\n" only: a carriage return is not a line end in an export
 * (canonical lines never contain one), so a CRLF-converted file fails as edited.
 */
async function* linesOf(file: string): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  yield rest;
}
