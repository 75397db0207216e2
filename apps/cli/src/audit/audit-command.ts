import { UsageError } from '../flags';
import type { CliIo } from './cli-io';
import { exportCommand } from './export-command';
import { replayCommand } from './replay-command';
import { verifyCommand } from './verify-command';

export const AUDIT_USAGE = `Usage: bansos audit <replay|export|verify>
  audit replay [--data-dir DIR]
      Rebuilds every read model from the first event into a temporary store and compares it with
      the live one: a digest per read model and every difference. Exit 0: no drift; 1: drift.
  audit export [--from ISO] [--to ISO] [--data-dir DIR] [--user USER] > FILE
      The events that occurred in [from, to) as hash-chained JSON Lines (see README, "Audit").
  audit verify FILE
      Exit 0 when FILE is an unaltered export; 1 naming its first broken line.
`;

export type { CliIo };

export async function auditCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'replay':
      return replayCommand(rest, io);
    case 'export':
      return exportCommand(rest, io);
    case 'verify':
      return verifyCommand(rest, io);
    default:
      throw new UsageError(sub === undefined ? 'audit needs a subcommand' : `unknown audit subcommand "${sub}"`);
  }
}
