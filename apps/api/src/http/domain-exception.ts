import type { DomainError } from '@bansos/domain';

/** HTTP status for each domain error code; anything not listed is a 409 conflict with the rules. */
const STATUS: Readonly<Record<string, number>> = {
  REPORT_NOT_FOUND: 404,
  PAYER_REQUIRED: 400,
};

/** A command rejected by a rule of the domain, carried to the error filter. */
export class DomainException extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
    this.name = 'DomainException';
  }

  get status(): number {
    return STATUS[this.error.code] ?? 409;
  }
}

export function unwrap<T>(outcome: { ok: true; value: T } | { ok: false; error: DomainError }): T {
  if (!outcome.ok) throw new DomainException(outcome.error);
  return outcome.value;
}
