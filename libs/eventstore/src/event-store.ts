/**
 * The EventStore port. Every adapter (embedded SQLite, EventStoreDB) implements it
 * and passes the same contract suite (see testing/event-store.contract.ts).
 */

/** What the writer expects the stream to be before appending. */
export type ExpectedRevision =
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'exact'; readonly revision: bigint }
  | { readonly kind: 'any' };

export const NO_STREAM: ExpectedRevision = { kind: 'no_stream' };
export const ANY: ExpectedRevision = { kind: 'any' };
export const exactly = (revision: bigint): ExpectedRevision => ({ kind: 'exact', revision });

/** An event on its way in. `id` is a UUID chosen by the writer; re-appending the same ids is a no-op. */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

/** An event as stored. Revisions count from 0 within a stream; positions grow across the store. */
export interface RecordedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event appended (or found, for an idempotent retry). */
  readonly position: bigint;
}

export interface StreamAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly EventToAppend[];
}

export interface ReadAllOptions {
  /** Read events with a position strictly greater than this one. Omit to start at the beginning. */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration; pending reads resolve as done. */
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;
  /**
   * Appends to several streams in order. Each stream append is checked on its own
   * expected revision. The embedded store commits the whole batch atomically; a
   * distributed store may commit some of the appends (different streams run concurrently),
   * so callers use idempotent event ids and retry.
   */
  appendBatch(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** All events of a stream in revision order; an empty array for a stream that does not exist. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /** Several streams at once (one round trip where the engine allows); missing streams map to []. */
  readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  /** Events of all streams in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event in the store, -1n when it is empty. */
  headPosition(): Promise<bigint>;
  /** Catch-up from `after` (exclusive), then live events, one at a time with back-pressure. */
  subscribeToAll(options?: { readonly after?: bigint }): Subscription;
  close(): Promise<void>;
}

/** The stream was not at the revision the writer expected. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `stream ${streamId}: expected ${describeExpected(expected)}, actual ${actual === 'no_stream' ? 'no stream' : actual.toString()}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

export function describeExpected(expected: ExpectedRevision): string {
  switch (expected.kind) {
    case 'no_stream':
      return 'no stream';
    case 'any':
      return 'any';
    case 'exact':
      return `revision ${expected.revision.toString()}`;
    default: {
      const never: never = expected;
      return never;
    }
  }
}
