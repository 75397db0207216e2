import {
  ANY,
  NO_STREAM,
  WrongExpectedRevisionError,
  exactly,
  type EventStore,
} from '../event-store';
import {
  anEvent,
  expectStrictlyIncreasing,
  appendMarker,
  idsOf,
  newStreamId,
  readAllOf,
  someEvents,
} from './contract-fixtures';
import { describeSubscriptionContract } from './subscription.contract';

export type OpenStore = () => Promise<{ store: EventStore; dispose: () => Promise<void> }>;

/**
 * The behaviour every EventStore adapter promises. An adapter's int-spec calls this with a
 * factory for a ready store; tests use fresh stream names and never assume an empty store.
 */
export function describeEventStoreContract(name: string, open: OpenStore): void {
  describe(`${name} (EventStore contract)`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await open());
    });
    afterAll(async () => {
      await dispose();
    });

    describe('appending to one stream', () => {
      it('creates a stream with NO_STREAM; revisions count from 0n', async () => {
        const streamId = newStreamId();
        const result = await store.appendToStream(streamId, someEvents(2), NO_STREAM);
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.revision)).toEqual([0n, 1n]);
        expect(result.nextExpectedRevision).toBe(1n);
        expect(result.position).toBe(stored[1].position);
      });

      it('refuses NO_STREAM on an existing stream, naming stream, expectation and actual revision', async () => {
        const streamId = newStreamId();
        await store.appendToStream(streamId, someEvents(2), NO_STREAM);
        const refused = store.appendToStream(streamId, someEvents(1), NO_STREAM);
        await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(refused).rejects.toMatchObject({ streamId, expected: NO_STREAM, actual: 1n });
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('accepts the exact current revision', async () => {
        const streamId = newStreamId();
        await store.appendToStream(streamId, someEvents(1), NO_STREAM);
        const result = await store.appendToStream(streamId, someEvents(2), exactly(0n));
        expect(result.nextExpectedRevision).toBe(2n);
      });

      it('refuses a stale exact revision, and an exact revision on a missing stream', async () => {
        const streamId = newStreamId();
        await store.appendToStream(streamId, someEvents(3), NO_STREAM);
        await expect(store.appendToStream(streamId, someEvents(1), exactly(1n))).rejects.toMatchObject({
          code: 'WRONG_EXPECTED_REVISION',
          streamId,
          expected: exactly(1n),
          actual: 2n,
        });
        const missing = newStreamId();
        await expect(store.appendToStream(missing, someEvents(1), exactly(0n))).rejects.toMatchObject({
          streamId: missing,
          actual: 'no_stream',
        });
        expect(await store.readStream(missing)).toEqual([]);
      });

      it('appends with ANY whether or not the stream exists', async () => {
        const streamId = newStreamId();
        expect((await store.appendToStream(streamId, someEvents(1), ANY)).nextExpectedRevision).toBe(0n);
        expect((await store.appendToStream(streamId, someEvents(1), ANY)).nextExpectedRevision).toBe(1n);
      });

      it('gives events bigint positions that strictly increase across streams', async () => {
        const [a, b] = [newStreamId(), newStreamId()];
        await store.appendToStream(a, someEvents(1), NO_STREAM);
        await store.appendToStream(b, someEvents(2), NO_STREAM);
        await store.appendToStream(a, someEvents(1), exactly(0n));
        const all = [...(await store.readStream(a)), ...(await store.readStream(b))];
        all.sort((x, y) => (x.position < y.position ? -1 : 1));
        expect(all.map((e) => e.streamId)).toEqual([a, b, b, a]);
        expect(typeof all[0].position).toBe('bigint');
        expectStrictlyIncreasing(all.map((e) => e.position));
      });
    });

    describe('idempotent retries (same event ids)', () => {
      it('succeeds and adds nothing when retried with the same expected revision', async () => {
        const streamId = newStreamId();
        const events = someEvents(2);
        const first = await store.appendToStream(streamId, events, NO_STREAM);
        const retry = await store.appendToStream(streamId, events, NO_STREAM);
        expect(retry).toEqual(first);
        expect(idsOf(await store.readStream(streamId))).toEqual(idsOf(events));
      });

      it('succeeds and adds nothing when retried with an exact revision', async () => {
        const streamId = newStreamId();
        await store.appendToStream(streamId, someEvents(1), NO_STREAM);
        const events = someEvents(2);
        const first = await store.appendToStream(streamId, events, exactly(0n));
        expect(await store.appendToStream(streamId, events, exactly(0n))).toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('succeeds and adds nothing when retried with ANY', async () => {
        const streamId = newStreamId();
        const events = someEvents(1);
        const first = await store.appendToStream(streamId, events, ANY);
        expect(await store.appendToStream(streamId, events, ANY)).toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('appending to several streams in one call', () => {
      // Order across streams is not promised (a distributed store appends them concurrently).
      it('returns one result per append, each naming its own last event', async () => {
        const [a, b] = [newStreamId(), newStreamId()];
        await store.appendToStream(b, someEvents(1), NO_STREAM);
        const results = await store.appendBatch([
          { streamId: a, expected: NO_STREAM, events: someEvents(2) },
          { streamId: b, expected: exactly(0n), events: someEvents(1) },
        ]);
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 1n]);
        expect((await store.readStream(a)).map((e) => e.position)[1]).toBe(results[0].position);
        expect((await store.readStream(b)).map((e) => e.position)[1]).toBe(results[1].position);
      });

      it('lets a later append in the batch build on an earlier one to the same stream', async () => {
        const streamId = newStreamId();
        const results = await store.appendBatch([
          { streamId, expected: NO_STREAM, events: someEvents(1) },
          { streamId, expected: exactly(0n), events: someEvents(2) },
        ]);
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([0n, 2n]);
        expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it('returns no results for an empty batch', async () => {
        expect(await store.appendBatch([])).toEqual([]);
      });

      it('refuses an append whose expected revision is wrong, leaving that stream untouched', async () => {
        const [fresh, existing] = [newStreamId(), newStreamId()];
        await store.appendToStream(existing, someEvents(1), NO_STREAM);
        const refused = store.appendBatch([
          { streamId: fresh, expected: NO_STREAM, events: someEvents(1) },
          { streamId: existing, expected: NO_STREAM, events: someEvents(1) },
        ]);
        await expect(refused).rejects.toMatchObject({ streamId: existing, actual: 0n });
        expect(await store.readStream(existing)).toHaveLength(1);
      });
    });

    describe('reading', () => {
      it('reads a missing stream as []', async () => {
        expect(await store.readStream(newStreamId())).toEqual([]);
      });

      it('reads several streams at once, mapping missing ones to []', async () => {
        const [a, b, missing] = [newStreamId(), newStreamId(), newStreamId()];
        const [eventsA, eventsB] = [someEvents(2), someEvents(1)];
        await store.appendBatch([
          { streamId: a, expected: NO_STREAM, events: eventsA },
          { streamId: b, expected: NO_STREAM, events: eventsB },
        ]);
        const read = await store.readStreams([a, missing, b]);
        expect([...read.keys()].sort()).toEqual([a, b, missing].sort());
        expect(idsOf(read.get(a) ?? [])).toEqual(idsOf(eventsA));
        expect(read.get(a)?.map((e) => e.revision)).toEqual([0n, 1n]);
        expect(idsOf(read.get(b) ?? [])).toEqual(idsOf(eventsB));
        expect(read.get(missing)).toEqual([]);
      });

      it('reads all streams from the very beginning when no position is given', async () => {
        const head = await appendMarker(store);
        const firstPage = await store.readAll({ maxCount: 5 });
        expect(firstPage.length).toBeGreaterThan(0);
        expect(firstPage.length).toBeLessThanOrEqual(5);
        expect(firstPage[0].position).toBeLessThanOrEqual(head);
        expectStrictlyIncreasing(firstPage.map((e) => e.position));
        expect(await store.readAll({ after: firstPage[0].position - 1n, maxCount: 1 })).toEqual([firstPage[0]]);
      });

      it('reads all streams strictly after a position, in position order', async () => {
        const [a, b] = [newStreamId(), newStreamId()];
        const start = await appendMarker(store);
        await store.appendToStream(a, someEvents(2), NO_STREAM);
        await store.appendToStream(b, someEvents(1), NO_STREAM);
        await store.appendToStream(a, someEvents(1), exactly(1n));
        const ours = await readAllOf(store, [a, b], start);
        expect(ours.map((e) => e.streamId)).toEqual([a, a, b, a]);
        const afterSecond = await readAllOf(store, [a, b], ours[1].position);
        expect(idsOf(afterSecond)).toEqual(idsOf(ours.slice(2)));
      });

      it('pages with maxCount', async () => {
        const streamId = newStreamId();
        const start = await appendMarker(store);
        const events = someEvents(5);
        await store.appendToStream(streamId, events, NO_STREAM);
        const page = await store.readAll({ after: start, maxCount: 2 });
        expect(page).toHaveLength(2);
        expect(idsOf(await readAllOf(store, [streamId], start, 2))).toEqual(idsOf(events));
      });
    });

    describe('head position', () => {
      it('is at least the position of the last event appended', async () => {
        const { position } = await store.appendToStream(newStreamId(), someEvents(2), NO_STREAM);
        // At least, not exactly: on a shared server other writers may have appended since.
        expect(await store.headPosition()).toBeGreaterThanOrEqual(position);
      });
    });

    describe('stored content', () => {
      it('returns data and metadata as written: nested objects, arrays and unicode', async () => {
        const streamId = newStreamId();
        const data = {
          nama: 'Siti Nurhaliza binti Abdul Ghani',
          alamat: { jalan: 'Jl. Merdeka No. 17', rt: '003', rw: '011', kode: ['31', '71', '01'] },
          catatan: 'Bantuan langsung tunai — ✓ diterima 🎉, 日本語, ÄÖÜ',
          nested: { deep: { deeper: { value: 1.5, flag: true, nothing: null } } },
          empty: {},
        };
        const metadata = { actor: 'petugas-ø', correlationId: 'c-1', tags: ['dtks', 'pkh'] };
        await store.appendToStream(streamId, [anEvent({ type: 'Didaftarkan', data, metadata })], NO_STREAM);
        const [stored] = await store.readStream(streamId);
        expect(stored.type).toBe('Didaftarkan');
        expect(stored.data).toEqual(data);
        expect(stored.metadata).toEqual(metadata);
      });

      it('stamps each event with recordedAt as a Date', async () => {
        const streamId = newStreamId();
        const before = Date.now();
        await store.appendToStream(streamId, someEvents(1), NO_STREAM);
        const [stored] = await store.readStream(streamId);
        expect(stored.recordedAt).toBeInstanceOf(Date);
        // Generous bounds: a server's clock may differ a little from ours.
        expect(Math.abs(stored.recordedAt.getTime() - before)).toBeLessThan(60_000);
      });
    });

    describe('concurrent writers', () => {
      it('lets exactly one of 50 concurrent NO_STREAM appends to one stream win', async () => {
        const streamId = newStreamId();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, () => store.appendToStream(streamId, someEvents(1), NO_STREAM)),
        );
        const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(rejected).toHaveLength(49);
        rejected.forEach((o) => expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError));
        expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describeSubscriptionContract(() => store);
  });
}
