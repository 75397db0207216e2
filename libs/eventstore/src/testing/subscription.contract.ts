import { NO_STREAM, exactly, type EventStore, type RecordedEvent, type Subscription } from '../event-store';
import {
  expectStrictlyIncreasing,
  appendMarker,
  idsOf,
  newStreamId,
  sleep,
  someEvents,
  take,
  within,
} from './contract-fixtures';

/** subscribeToAll: catch-up, then live, one event per pull. Part of the EventStore contract. */
export function describeSubscriptionContract(storeOf: () => EventStore): void {
  describe('subscribing to all streams', () => {
    let opened: Subscription[] = [];
    const subscribe = (after: bigint): Subscription => {
      const subscription = storeOf().subscribeToAll({ after });
      opened.push(subscription);
      return subscription;
    };
    afterEach(async () => {
      await Promise.all(opened.map((s) => s.close()));
      opened = [];
    });

    it('catches up from `after`, then delivers live events, in position order', async () => {
      const store = storeOf();
      const [a, b] = [newStreamId(), newStreamId()];
      const start = await appendMarker(store);
      const existing = someEvents(3);
      await store.appendToStream(a, existing, NO_STREAM);
      const events = subscribe(start)[Symbol.asyncIterator]();

      const caughtUp = await take(events, 3, [a, b]);
      expect(idsOf(caughtUp)).toEqual(idsOf(existing));

      const [live1, live2] = [someEvents(1), someEvents(2)];
      const pulling = take(events, 3, [a, b]);
      await sleep(20); // let the subscription reach the live phase first
      await store.appendToStream(b, live1, NO_STREAM);
      await store.appendToStream(a, live2, exactly(2n));
      const live = await pulling;
      expect(idsOf(live)).toEqual(idsOf([...live1, ...live2]));
      expectStrictlyIncreasing([start, ...caughtUp, ...live].map((e) => (typeof e === 'bigint' ? e : e.position)));
    });

    it('starts strictly after the given position', async () => {
      const store = storeOf();
      const streamId = newStreamId();
      await store.appendToStream(streamId, someEvents(3), NO_STREAM);
      const stored = await store.readStream(streamId);
      const received = await take(subscribe(stored[0].position)[Symbol.asyncIterator](), 2, [streamId]);
      expect(idsOf(received)).toEqual(idsOf(stored.slice(1)));
    });

    it('ends a for-await loop when closed while it waits for live events', async () => {
      const store = storeOf();
      const streamId = newStreamId();
      const subscription = subscribe(await appendMarker(store));
      const received: RecordedEvent[] = [];
      const loop = (async () => {
        for await (const event of subscription) {
          if (event.streamId === streamId) received.push(event);
        }
      })();
      await store.appendToStream(streamId, someEvents(1), NO_STREAM);
      await within(waitUntil(() => received.length === 1), 5000, 'the live event');
      await subscription.close();
      await within(loop, 2000, 'the loop to end after close()');
      expect(received).toHaveLength(1);
    });

    it('resolves a pending next() as done when closed', async () => {
      const subscription = subscribe(await appendMarker(storeOf()));
      const pending = subscription[Symbol.asyncIterator]().next();
      await sleep(10);
      await subscription.close();
      expect(await within(pending, 2000, 'the pending next()')).toEqual({ done: true, value: undefined });
    });

    it('does not lose events when the consumer is slower than the writers', async () => {
      const store = storeOf();
      const streamId = newStreamId();
      const start = await appendMarker(store);
      const batches = Array.from({ length: 10 }, () => someEvents(3));
      const events = subscribe(start)[Symbol.asyncIterator]();
      const writing = (async () => {
        let expected = NO_STREAM;
        for (const batch of batches) {
          const result = await store.appendToStream(streamId, batch, expected);
          expected = exactly(result.nextExpectedRevision);
          await sleep(2);
        }
      })();
      // The consumer pulls one event at a time and is slower than the writer.
      const received = await take(events, 30, [streamId], { perEvent: () => sleep(5), timeoutMs: 10_000 });
      await writing;
      expect(idsOf(received)).toEqual(idsOf(batches.flat()));
      expect(received.map((e) => e.revision)).toEqual(Array.from({ length: 30 }, (_, i) => BigInt(i)));
    });

    it('shows two subscribers the same sequence', async () => {
      const store = storeOf();
      const [a, b] = [newStreamId(), newStreamId()];
      const start = await appendMarker(store);
      const first = subscribe(start)[Symbol.asyncIterator]();
      const second = subscribe(start)[Symbol.asyncIterator]();
      await store.appendToStream(a, someEvents(2), NO_STREAM);
      const receiving = Promise.all([take(first, 5, [a, b]), take(second, 5, [a, b])]);
      await store.appendBatch([
        { streamId: b, expected: NO_STREAM, events: someEvents(1) },
        { streamId: a, expected: exactly(1n), events: someEvents(2) },
      ]);
      const [seenByFirst, seenBySecond] = await receiving;
      expect(seenByFirst.map(summary)).toEqual(seenBySecond.map(summary));
      expectStrictlyIncreasing(seenByFirst.map((e) => e.position));
    });
  });
}

const summary = (e: RecordedEvent) => ({ id: e.id, streamId: e.streamId, position: e.position });

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5);
}
