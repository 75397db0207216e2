/**
 * An append reuses event ids that are already stored, but not as the exact same append
 * (only some of the ids, another order, or another stream). Retrying cannot fix it:
 * the caller built two different appends with overlapping ids.
 */
export class IdempotencyMismatchError extends Error {
  readonly code = 'IDEMPOTENCY_MISMATCH';
  constructor(
    readonly streamId: string,
    message: string,
  ) {
    super(`stream ${streamId}: ${message}`);
    this.name = 'IdempotencyMismatchError';
  }
}

/** An append must carry events; an empty one would have no position to report. */
export class EmptyAppendError extends Error {
  readonly code = 'EMPTY_APPEND';
  constructor(readonly streamId: string) {
    super(`stream ${streamId}: an append needs at least one event`);
    this.name = 'EmptyAppendError';
  }
}
