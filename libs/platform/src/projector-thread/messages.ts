/** What the embedded projector thread is started with. */
export interface ProjectorThreadData {
  readonly eventsFile: string;
  readonly readModelsFile: string;
  readonly lookupSecret: string;
}

/** Main thread -> projector thread. */
export type ToProjectorThread =
  /** The main thread's connection committed: read on now rather than at the next poll. */
  | { readonly kind: 'commit' }
  /** Finish the batch in hand, write the checkpoints, close the stores. */
  | { readonly kind: 'stop' };

/** Projector thread -> main thread. Positions travel as decimal strings (bigints do not clone). */
export type FromProjectorThread =
  | { readonly kind: 'started'; readonly applied: string }
  | { readonly kind: 'applied'; readonly position: string }
  | { readonly kind: 'failed'; readonly message: string; readonly stack: string | null }
  | { readonly kind: 'stopped' };

export function failure(error: unknown): FromProjectorThread {
  return error instanceof Error
    ? { kind: 'failed', message: error.message, stack: error.stack ?? null }
    : { kind: 'failed', message: String(error), stack: null };
}

/** Rebuilds the thread's error on this side, with the thread's stack. */
export function errorFrom(message: { readonly message: string; readonly stack: string | null }): Error {
  const error = new Error(`projector thread: ${message.message}`);
  if (message.stack) error.stack = `${error.message}\n--- in the projector thread:\n${message.stack}`;
  return error;
}
