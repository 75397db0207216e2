import { parseFlags, UsageError } from '../flags';
import { exportLines, parseInstant, recordAuditRead } from './audit-lib';
import { cliUser, openFor, writeLine, type CliIo } from './cli-io';

/**
 * `bansos audit export [--from ISO] [--to ISO] > FILE`: the events that occurred in
 * [from, to) as hash-chained JSON Lines on stdout. The export is itself recorded in the
 * audit trail first (who, which range, up to which position): it hands out every record.
 */
export async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, ['from', 'to', 'data-dir', 'user'], []);
  if (flags.positional.length > 0) throw new UsageError('audit export writes to stdout: redirect it, e.g. > export.jsonl');
  const from = instantFlag(flags.values.from, 'from');
  const to = instantFlag(flags.values.to, 'to');
  if (from !== null && to !== null && from >= to) throw new UsageError('--from must be before --to');
  const user = cliUser(flags, 'cli-audit');
  const { system } = await openFor(flags, io.env);
  try {
    const upTo = await system.events.headPosition();
    const at = system.clock.now().toISOString();
    const commandId = system.ids.uuid();
    await recordAuditRead(
      system.events,
      { record: { kind: 'export', from, to, upToPosition: upTo.toString() }, view: 'export', asOf: null },
      { commandId, at, actor: { kind: 'staff', userId: user, role: 'auditor' }, correlationId: commandId, causationId: null },
    );
    let lines = 0;
    let tip = '';
    for await (const chained of exportLines(system.events, { from, to, upTo, exportedAt: at })) {
      await writeLine(io.stdout, chained.line);
      lines++;
      tip = chained.hash;
    }
    await writeLine(io.stderr, `exported ${lines - 2} events up to position ${upTo}; chain tip ${tip}`);
    return 0;
  } finally {
    await system.close();
  }
}

function instantFlag(raw: string | undefined, name: string): string | null {
  if (raw === undefined) return null;
  const instant = parseInstant(raw);
  if (instant === null) throw new UsageError(`--${name} must be an ISO-8601 instant with a zone, e.g. 2026-01-05T00:00:00+07:00`);
  return instant;
}
