/** A rule a command broke. `code` is stable and part of the API; `message` is for people. */
export interface DomainError {
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type Decision<E> =
  | { readonly ok: true; readonly events: readonly E[] }
  | { readonly ok: false; readonly error: DomainError };

export const accept = <E>(...events: E[]): Decision<E> => ({ ok: true, events });
export const reject = <E = never>(
  code: string,
  message: string,
  details?: Record<string, unknown>,
): Decision<E> => ({ ok: false, error: { code, message, ...(details ? { details } : {}) } });

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
