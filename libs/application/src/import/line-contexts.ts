import type { CommandContext } from '@bansos/domain';

/**
 * The command contexts of a file import run by one staff member: one import id (also the
 * correlation id), a command id per line (so a re-run of the same import writes the same
 * event ids), and the time each line is read.
 */
export function lineContexts(importId: string, userId: string, now: () => Date): (line: number) => CommandContext {
  const actor = { kind: 'staff', userId, role: 'operator' } as const;
  return (line) => ({
    commandId: `${importId}:${line}`,
    at: now().toISOString(),
    actor,
    correlationId: importId,
    causationId: null,
  });
}
