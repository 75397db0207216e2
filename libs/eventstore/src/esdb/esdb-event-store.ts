import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  RecordedEvent,
  StreamAppend,
  Subscription,
} from '../event-store';
import { EmptyAppendError } from '../sqlite/errors';
import { isStreamNotFound, isSystemEvent, toEventData, toExpectedRevision, toRecordedEvent, translateAppendError } from './esdb-mapping';
import { EsdbSubscription } from './esdb-subscription';

const DEFAULT_READ_ALL_COUNT = 1000;
/** Appends in flight at once in appendBatch (different streams only). */
const APPEND_CONCURRENCY = 32;
// Stream reads run in parallel up to this many; each is one gRPC call on the shared connection.
const READ_STREAMS_CONCURRENCY = 16;
// headPosition reads $all backwards this many events at a time, past EventStoreDB's own events.
const HEAD_PAGE = 32;

/**
 * The EventStore port on EventStoreDB, through @eventstore/db-client. Positions are
 * commit positions in $all (for events written one append at a time, as here, commit and
 * prepare positions are equal, so a stored position is enough to resume from).
 * EventStoreDB's own events (types starting with `$`) are left out of readAll, the head
 * position and subscriptions.
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();

  private constructor(private readonly client: EventStoreDBClient) {}

  /** e.g. `esdb://localhost:2113?tls=false`. Connects on the first call. */
  static connect(connectionString: string): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new EmptyAppendError(streamId);
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toExpectedRevision(expected),
      });
      // The answer's position is that of the last event written (or found written, for an
      // idempotent retry). Servers that send none get it looked up.
      const position = result.position?.commit ?? (await this.positionOf(streamId, result.nextExpectedRevision));
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      throw translateAppendError(error, streamId, expected);
    }
  }

  /**
   * EventStoreDB has no transaction across streams: a failure may leave some of the
   * batch committed. Callers use idempotent ids and retry the whole batch.
   */
  async appendBatch(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    // Streams are independent in EventStoreDB, so different streams are appended
    // concurrently (one round trip each would otherwise bound an import); appends to the
    // same stream keep their order. A failure may leave any of the others committed.
    const results: AppendResult[] = new Array(appends.length);
    const byStream = new Map<string, number[]>();
    appends.forEach((append, index) => {
      const list = byStream.get(append.streamId);
      if (list) list.push(index);
      else byStream.set(append.streamId, [index]);
    });
    const queue = [...byStream.values()];
    let failure: unknown = null;
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined && failure === null; next = queue.shift()) {
        for (const index of next) {
          const { streamId, events, expected } = appends[index];
          try {
            results[index] = await this.appendToStream(streamId, events, expected);
          } catch (error) {
            failure ??= error;
            return;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(APPEND_CONCURRENCY, queue.length) }, worker));
    if (failure !== null) throw failure;
    return results;
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: START, direction: FORWARDS })) {
        events.push(toRecordedEvent(resolved));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const result = new Map<string, RecordedEvent[]>(streamIds.map((id) => [id, []]));
    const queue = [...result.keys()];
    const worker = async (): Promise<void> => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) result.set(id, await this.readStream(id));
    };
    await Promise.all(Array.from({ length: Math.min(READ_STREAMS_CONCURRENCY, queue.length) }, worker));
    return result;
  }

  /**
   * EventStoreDB reads $all from a position inclusively, so the page starts at `after`
   * and drops the event found there. Pages skip EventStoreDB's own events, and read on
   * until `maxCount` events are found or $all ends, so a short page means the end.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_COUNT;
    if (!Number.isInteger(maxCount) || maxCount < 0) {
      throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
    }
    const found: RecordedEvent[] = [];
    let after = options.after !== undefined && options.after >= 0n ? options.after : undefined;
    while (found.length < maxCount) {
      const asked = maxCount - found.length + 1;
      const page = await this.readAllPage(after === undefined ? START : at(after), asked, FORWARDS);
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || (after !== undefined && event.position.commit <= after)) continue;
        after = event.position.commit;
        if (!isSystemEvent(resolved) && found.length < maxCount) found.push(toRecordedEvent(resolved));
      }
      if (page.length < asked) break;
    }
    return found;
  }

  async headPosition(): Promise<bigint> {
    for (let before: ReadPosition = END; ; ) {
      const page = await this.readAllPage(before, HEAD_PAGE, BACKWARDS);
      const last = page.find((resolved) => !isSystemEvent(resolved));
      if (last?.event) return last.event.position.commit;
      const oldest = page[page.length - 1]?.event;
      if (page.length < HEAD_PAGE || !oldest) return -1n;
      before = oldest.position;
    }
  }

  /** Readiness: the server answers a read. */
  async ping(): Promise<void> {
    await this.readAllPage(END, 1, BACKWARDS);
  }

  subscribeToAll(options: { readonly after?: bigint } = {}): Subscription {
    const from = options.after !== undefined && options.after >= 0n ? at(options.after) : START;
    const subscription = new EsdbSubscription(this.client.subscribeToAll({ fromPosition: from }), (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async readAllPage(from: ReadPosition, maxCount: number, direction: typeof FORWARDS | typeof BACKWARDS) {
    const page: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({ fromPosition: from, maxCount, direction })) page.push(resolved);
    return page;
  }

  private async positionOf(streamId: string, revision: bigint): Promise<bigint> {
    for await (const resolved of this.client.readStream(streamId, { fromRevision: revision, maxCount: 1 })) {
      return toRecordedEvent(resolved).position;
    }
    throw new Error(`stream ${streamId}: revision ${revision.toString()} was just written but cannot be read`);
  }
}

/** Commit and prepare positions are equal for the events this store writes. */
const at = (position: bigint): Position => ({ commit: position, prepare: position });
