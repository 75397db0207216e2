import { codePointLength, type DomainError } from '@bansos/domain';

/** A request field that failed validation: stable code, readable message, the field's name. */
export class InputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'InputError';
  }

  toDomainError(): DomainError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('INVALID_BODY', `${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/** A string field: trimmed, with a length range and an optional pattern. */
export function requireText(
  obj: Record<string, unknown>,
  field: string,
  code: string,
  opts: { min?: number; max: number; pattern?: RegExp; label?: string },
): string {
  const raw = obj[field];
  const label = opts.label ?? field;
  if (typeof raw !== 'string') throw new InputError(code, `${label} is required and must be text.`, { field });
  const value = raw.trim();
  const min = opts.min ?? 1;
  const length = codePointLength(value);
  if (length < min || length > opts.max) {
    throw new InputError(code, `${label} must be ${min} to ${opts.max} characters long.`, { field });
  }
  if (opts.pattern && !opts.pattern.test(value)) throw new InputError(code, `${label} has an invalid format.`, { field });
  return value;
}

export function optionalText(obj: Record<string, unknown>, field: string, code: string, max: number): string | undefined {
  if (obj[field] === undefined || obj[field] === null || obj[field] === '') return undefined;
  return requireText(obj, field, code, { max });
}

export function oneOf<T extends string>(obj: Record<string, unknown>, field: string, code: string, allowed: readonly T[]): T {
  const raw = obj[field];
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) {
    throw new InputError(code, `${field} must be one of ${allowed.join(', ')}.`, { field });
  }
  return raw as T;
}
