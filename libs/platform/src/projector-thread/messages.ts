import type { CollectionSpec, DocumentWrite } from '@bansos/read-models';

/** What the embedded projector thread is started with. */
export interface ProjectorThreadData {
  readonly eventsFile: string;
  readonly readModelsFile: string;
  readonly lookupSecret: string;
}

/** A write to the read-model store, made by the thread (its connection is the file's one writer). */
export type ReadModelWrite =
  | { readonly op: 'commit'; readonly projection: string; readonly writes: readonly DocumentWrite[]; readonly checkpoint: bigint }
  | { readonly op: 'ensureCollections'; readonly specs: readonly CollectionSpec[] }
  | { readonly op: 'reset' };

/** Main thread -> projector thread. */
export type ToProjectorThread =
  /** The main thread's connection committed events: read on now rather than at the next poll. */
  | { readonly kind: 'events-committed' }
  | { readonly kind: 'write'; readonly id: number; readonly write: ReadModelWrite }
  /** Finish the batch in hand, write the checkpoints, close the stores. */
  | { readonly kind: 'stop' };

export interface Failure {
  readonly message: string;
  readonly stack: string | null;
}

/** Projector thread -> main thread. Positions travel as decimal strings. */
export type FromProjectorThread =
  | { readonly kind: 'started'; readonly applied: string }
  | { readonly kind: 'applied'; readonly position: string }
  | ({ readonly kind: 'failed' } & Failure)
  | { readonly kind: 'written'; readonly id: number }
  | ({ readonly kind: 'write-failed'; readonly id: number } & Failure)
  | { readonly kind: 'stopped' };

export function failureOf(error: unknown): Failure {
  return error instanceof Error ? { message: error.message, stack: error.stack ?? null } : { message: String(error), stack: null };
}

/** Rebuilds the thread's error on this side, with the thread's stack. */
export function errorFrom(failure: Failure): Error {
  const error = new Error(`projector thread: ${failure.message}`);
  if (failure.stack) error.stack = `${error.message}\n--- in the projector thread:\n${failure.stack}`;
  return error;
}
