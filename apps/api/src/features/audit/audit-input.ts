import { InputError, parseNik, requireObject, type InputContext } from '@bansos/application';
import { parseInstant } from './audit-lib';

/** `?asOf=`: an ISO-8601 instant with a zone, as UTC; absent means now. */
export function parseAsOf(raw: unknown, now: Date): string {
  if (raw === undefined || raw === '') return now.toISOString();
  const instant = parseInstant(raw);
  if (instant === null) {
    throw new InputError('INVALID_AS_OF', 'asOf must be an ISO-8601 instant with a zone, e.g. 2026-01-05T09:00:00+07:00.', {
      field: 'asOf',
    });
  }
  return instant;
}

/** The body of the NIK endpoints: {"nik"}. The NIK travels in the body, never in a URL (URLs are logged). */
export function parseNikBody(body: unknown, ctx: InputContext): string {
  return parseNik(requireObject(body, 'The request body').nik, ctx);
}
