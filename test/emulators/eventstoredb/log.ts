/**
 * The EventStoreDB emulator's transaction log, in memory. It keeps the rules of the real
 * server that clients can observe: revisions count from 0 per stream, every event gets a
 * position in $all that grows like a byte offset in the log (commit == prepare, as for
 * EventStoreDB's single-write transactions), and the commit check decides between ok,
 * idempotent and wrong expected version the way EventStoreDB's index writer does.
 */

/** An event as written by a client, before it has a place in the log. */
export interface ProposedEvent {
  /** Lower-case canonical UUID. */
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly position: bigint;
  /** Milliseconds since the Unix epoch. */
  readonly created: number;
}

/** What the client expects the stream to be: the proto's oneof, with -1 for no stream as on the server. */
export type ExpectedVersion =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: number };

export type CommitOutcome =
  /**
   * Written, or found written by an earlier identical append (idempotent): the last event.
   * No event for an empty append to a stream that does not exist.
   */
  | { readonly kind: 'success'; readonly last: LoggedEvent | undefined }
  /** `current` is the stream's last revision, -1 when it does not exist. */
  | { readonly kind: 'wrong_expected_version'; readonly current: number };

// Fixed part of a prepare record (lengths, flags, ids, timestamps); the rest is its payload.
const RECORD_OVERHEAD = 96;

export class EmulatedLog {
  private readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  // The server's committed-events lookup for idempotency under expected version any.
  private readonly byId = new Map<string, LoggedEvent>();
  private readonly waiting = new Set<() => void>();
  private nextPosition = 0n;

  constructor(private readonly now: () => number = Date.now) {}

  get length(): number {
    return this.all.length;
  }

  at(index: number): LoggedEvent {
    return this.all[index];
  }

  stream(streamId: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(streamId);
  }

  /** Index in $all of the first event at or after `position`. */
  indexAtOrAfter(position: bigint): number {
    let [low, high] = [0, this.all.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.all[middle].position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  append(streamId: string, expected: ExpectedVersion, events: readonly ProposedEvent[]): CommitOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    const decided = decide(stream, expected, events, (id) => this.byId.get(id));
    if (decided === 'wrong') return { kind: 'wrong_expected_version', current };
    if (decided !== 'write') return { kind: 'success', last: decided };
    // An empty append writes nothing and answers with the stream as it is.
    if (events.length === 0) return { kind: 'success', last: stream[current] };
    const created = this.now();
    let last: LoggedEvent | undefined;
    for (const event of events) {
      last = { ...event, streamId, revision: stream.length, position: this.nextPosition, created };
      this.nextPosition += recordSize(last);
      stream.push(last);
      this.all.push(last);
      this.byId.set(last.id, last);
    }
    this.streams.set(streamId, stream);
    this.notify();
    return { kind: 'success', last: last as LoggedEvent };
  }

  /** Resolves at the next append (or at once if `since` events have come meanwhile); `cancel` drops the wait. */
  waitForAppend(since: number): { readonly appended: Promise<void>; cancel(): void } {
    let wake: () => void = () => undefined;
    const appended = new Promise<void>((resolve) => {
      wake = () => {
        this.waiting.delete(wake);
        resolve();
      };
    });
    if (this.all.length > since) wake();
    else this.waiting.add(wake);
    return { appended, cancel: wake };
  }

  private notify(): void {
    for (const wake of [...this.waiting]) wake();
  }
}

/**
 * EventStoreDB's commit check. 'write' appends at the end; a logged event means the same
 * ids already sit where this append would have put them (idempotent: the answer names
 * the last of them); 'wrong' is a wrong expected version (a partial match included).
 */
function decide(
  stream: readonly LoggedEvent[],
  expected: ExpectedVersion,
  events: readonly ProposedEvent[],
  committed: (id: string) => LoggedEvent | undefined,
): 'write' | 'wrong' | LoggedEvent {
  const current = stream.length - 1;
  switch (expected.kind) {
    case 'stream_exists':
      return current < 0 ? 'wrong' : findCommitted(stream, events, committed);
    case 'any':
      return findCommitted(stream, events, committed);
    case 'no_stream':
      return checkAt(stream, -1, events);
    case 'revision':
      return checkAt(stream, expected.revision, events);
    default: {
      const never: never = expected;
      throw new Error(`unknown expected version ${JSON.stringify(never)}`);
    }
  }
}

/** Expected version `version`: equal to the current one writes; lower may be a retry of what follows it. */
function checkAt(stream: readonly LoggedEvent[], version: number, events: readonly ProposedEvent[]): 'write' | 'wrong' | LoggedEvent {
  const current = stream.length - 1;
  if (version === current) return 'write';
  if (version > current || events.length === 0) return 'wrong';
  for (let i = 0; i < events.length; i++) {
    const stored = stream[version + 1 + i];
    if (stored?.id === events[i].id) continue;
    // The first event differs: an ordinary conflict. A later one: corrupted idempotency, also a conflict.
    return 'wrong';
  }
  return stream[version + events.length];
}

/**
 * Expected version any: the server looks the ids up among the events it has committed.
 * The first one not in this stream: write. All of them there: idempotent. Only some:
 * corrupted idempotency, answered as a wrong expected version.
 */
function findCommitted(
  stream: readonly LoggedEvent[],
  events: readonly ProposedEvent[],
  committed: (id: string) => LoggedEvent | undefined,
): 'write' | 'wrong' | LoggedEvent {
  const streamId = stream[0]?.streamId;
  const found = events.map((event) => committed(event.id)).map((e) => (e?.streamId === streamId ? e : undefined));
  if (found.length === 0 || found[0] === undefined) return 'write';
  const last = found[found.length - 1];
  return found.every((e) => e !== undefined) && last !== undefined ? last : 'wrong';
}

function recordSize(event: LoggedEvent): bigint {
  const text = Buffer.byteLength(event.streamId) + Buffer.byteLength(event.type) + Buffer.byteLength(event.contentType);
  return BigInt(RECORD_OVERHEAD + text + event.data.length + event.metadata.length);
}
