import { isStaffRole, isUserId, signToken } from '@bansos/platform';
import { STAFF_ROLES } from '@bansos/domain';
import { parseFlags, UsageError } from './flags';

export const TOKEN_USAGE = `Usage: bansos token --user USER --role ROLE [--hours N] [--data-dir DIR]
  Prints a signed staff bearer token. Roles: ${STAFF_ROLES.join(', ')}.
`;

/** Signs a token with the data directory's secret (or TOKEN_SECRET). */
export function tokenCommand(args: readonly string[], secret: string, now: Date): string {
  const flags = parseFlags(args, ['user', 'role', 'hours', 'data-dir'], []);
  const user = flags.values.user;
  const role = flags.values.role;
  if (!isUserId(user)) throw new UsageError('--user is required: 1-64 letters, digits or . _ @ -');
  if (!isStaffRole(role)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}`);
  const hours = flags.values.hours === undefined ? 12 : Number(flags.values.hours);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 30) throw new UsageError('--hours must be a whole number from 1 to 720');
  return signToken(secret, user, role, now, hours * 3600);
}
