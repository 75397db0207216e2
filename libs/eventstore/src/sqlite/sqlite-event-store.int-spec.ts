import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ANY, NO_STREAM, WrongExpectedRevisionError, exactly } from '../event-store';
import { anEvent, idsOf, someEvents, take, within } from '../testing/contract-fixtures';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('SqliteEventStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bansos-eventstore-'));
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteEventStore (embedded specifics)', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bansos-eventstore-'));
    file = join(dir, 'nested', 'deeper', 'events.sqlite');
    store = SqliteEventStore.open(file);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates missing parent folders of the database file', () => {
    expect(existsSync(file)).toBe(true);
  });

  it('reports head position -1n while empty, then the last position', async () => {
    expect(await store.headPosition()).toBe(-1n);
    const { position } = await store.appendToStream('s-1', someEvents(3), NO_STREAM);
    expect(await store.headPosition()).toBe(position);
  });

  it('a reader connection sees what the writer commits, is woken by noticeCommit, and refuses to append', async () => {
    const reader = SqliteEventStore.open(file, { reader: true });
    try {
      const subscription = reader.subscribeToAll();
      const first = subscription[Symbol.asyncIterator]().next();
      const { position } = await store.appendToStream('s-1', someEvents(2), NO_STREAM);
      reader.noticeCommit();
      // Woken at once: the poll fallback alone would take 250 ms.
      const started = performance.now();
      expect((await first).value).toMatchObject({ streamId: 's-1', revision: 0n });
      expect(performance.now() - started).toBeLessThan(200);
      await subscription.close();
      expect(await reader.headPosition()).toBe(position);
      expect(idsOf(await reader.readStream('s-1'))).toEqual(idsOf(await store.readStream('s-1')));
      // By its message: the addon throws the SqliteError class of the first copy of
      // better-sqlite3 loaded in the process, which jest's toThrow does not see as an Error.
      await expect(reader.appendToStream('s-2', someEvents(1), NO_STREAM)).rejects.toMatchObject({
        message: expect.stringMatching(/readonly database/),
      });
      expect(await store.readStream('s-2')).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('keeps events, revisions and positions across close and reopen', async () => {
    const events = someEvents(2);
    const before = await store.appendToStream('s-1', events, NO_STREAM);
    await store.close();
    store = SqliteEventStore.open(file);
    expect(idsOf(await store.readStream('s-1'))).toEqual(idsOf(events));
    await expect(store.appendToStream('s-1', someEvents(1), NO_STREAM)).rejects.toMatchObject({ actual: 1n });
    const after = await store.appendToStream('s-1', someEvents(1), exactly(1n));
    expect(after.position).toBeGreaterThan(before.position);
  });

  it('refuses UPDATE and DELETE of stored events, whoever holds a connection', async () => {
    await store.appendToStream('s-1', someEvents(1), NO_STREAM);
    const raw = new Database(file);
    try {
      expect(() => raw.prepare("UPDATE events SET type = 'Forged'").run()).toThrow(/immutable/);
      expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/immutable/);
    } finally {
      raw.close();
    }
    expect(await store.readStream('s-1')).toHaveLength(1);
  });

  it('writes nothing of a batch when one append has the wrong expected revision', async () => {
    await store.appendToStream('existing', someEvents(1), NO_STREAM);
    const head = await store.headPosition();
    const batch = store.appendBatch([
      { streamId: 'fresh', expected: NO_STREAM, events: someEvents(1) },
      { streamId: 'existing', expected: exactly(0n), events: someEvents(1) },
      { streamId: 'existing', expected: exactly(5n), events: someEvents(1) },
      { streamId: 'other', expected: exactly(3n), events: someEvents(1) },
    ]);
    await expect(batch).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(batch).rejects.toMatchObject({ streamId: 'existing', expected: exactly(5n), actual: 1n });
    expect(await store.readStream('fresh')).toEqual([]);
    expect(await store.readStream('existing')).toHaveLength(1);
    expect(await store.headPosition()).toBe(head);
  });

  it('answers a retry with the earlier result whatever revision it now expects', async () => {
    const events = someEvents(2);
    const first = await store.appendToStream('s-1', events, NO_STREAM);
    await store.appendToStream('s-1', someEvents(1), exactly(1n));
    expect(await store.appendToStream('s-1', events, NO_STREAM)).toEqual(first);
    expect(await store.appendToStream('s-1', events, exactly(0n))).toEqual(first);
    expect(await store.readStream('s-1')).toHaveLength(3);
  });

  it('writes an append repeated inside one batch once', async () => {
    const events = someEvents(2);
    const results = await store.appendBatch([
      { streamId: 's-1', expected: NO_STREAM, events },
      { streamId: 's-1', expected: NO_STREAM, events },
    ]);
    expect(results[1]).toEqual(results[0]);
    expect(await store.readStream('s-1')).toHaveLength(2);
  });

  it('refuses a second NO_STREAM append to a stream the same batch created, writing nothing', async () => {
    const batch = store.appendBatch([
      { streamId: 's-1', expected: NO_STREAM, events: someEvents(1) },
      { streamId: 's-1', expected: NO_STREAM, events: someEvents(1) },
    ]);
    await expect(batch).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamId: 's-1', actual: 0n });
    expect(await store.readStream('s-1')).toEqual([]);
  });

  it('recognises a retry with ANY in the middle of a longer stream', async () => {
    await store.appendToStream('s-1', someEvents(1), NO_STREAM);
    const events = someEvents(2);
    const first = await store.appendToStream('s-1', events, ANY);
    await store.appendToStream('s-1', someEvents(1), ANY);
    expect(await store.appendToStream('s-1', events, ANY)).toEqual(first);
    expect(await store.readStream('s-1')).toHaveLength(4);
  });

  describe('refuses appends that reuse only some ids of their stream (IDEMPOTENCY_MISMATCH)', () => {
    it('the first id is stored but the rest of the append is new', async () => {
      const [a, b] = someEvents(2);
      await store.appendToStream('s-1', [a], NO_STREAM);
      await expect(store.appendToStream('s-1', [a, b], ANY)).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
      expect(idsOf(await store.readStream('s-1'))).toEqual([a.id]);
    });

    it('a later id of the append is stored, even when the expected revision is right', async () => {
      const stored = anEvent();
      await store.appendToStream('s-1', [stored], NO_STREAM);
      const batch = store.appendBatch([
        { streamId: 's-2', expected: NO_STREAM, events: someEvents(1) },
        { streamId: 's-1', expected: exactly(0n), events: [anEvent(), stored] },
      ]);
      await expect(batch).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH', streamId: 's-1' });
      expect(await store.readStream('s-2')).toEqual([]);
      expect(idsOf(await store.readStream('s-1'))).toEqual([stored.id]);
    });

    it('the append repeats an id', async () => {
      const event = anEvent();
      await expect(store.appendToStream('s-1', [event, event], NO_STREAM)).rejects.toMatchObject({
        code: 'IDEMPOTENCY_MISMATCH',
      });
      expect(await store.readStream('s-1')).toEqual([]);
    });
  });

  // Like EventStoreDB: ids identify an append within its stream; a global index on
  // random UUIDs was the import's main cost. Writers derive ids from stream and command.
  it('keeps event ids unique per stream only: another stream may reuse one', async () => {
    const event = anEvent();
    await store.appendToStream('s-1', [event], NO_STREAM);
    await store.appendToStream('s-2', [event], NO_STREAM);
    expect(idsOf(await store.readStream('s-2'))).toEqual([event.id]);
  });

  it('continues a file of the earlier schema (streams table, store-wide event_id index)', async () => {
    const old = join(dir, 'old.sqlite');
    const raw = new Database(old);
    raw.exec(`
      CREATE TABLE events (
        position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
        event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
        recorded_at INTEGER NOT NULL, UNIQUE (stream_id, revision), UNIQUE (event_id));
      CREATE TABLE streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
        VALUES ('s-1', 0, 'old-id', 'Old', '{}', '{}', 0);
      INSERT INTO streams VALUES ('s-1', 0);
    `);
    raw.close();
    const reopened = SqliteEventStore.open(old);
    try {
      expect((await reopened.appendToStream('s-1', someEvents(1), exactly(0n))).nextExpectedRevision).toBe(1n);
      await expect(reopened.appendToStream('s-1', someEvents(1), NO_STREAM)).rejects.toMatchObject({ actual: 1n });
      const reused = anEvent({ id: 'old-id' });
      await expect(reopened.appendToStream('s-2', [reused], NO_STREAM)).rejects.toMatchObject({
        code: 'IDEMPOTENCY_MISMATCH',
        streamId: 's-2',
      });
      expect(await reopened.readStream('s-2')).toEqual([]);
    } finally {
      await reopened.close();
    }
    const check = new Database(old, { readonly: true });
    try {
      expect(check.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'streams'").pluck().get()).toBe(0);
    } finally {
      check.close();
    }
  });

  it('refuses an append without events', async () => {
    await expect(store.appendToStream('s-1', [], NO_STREAM)).rejects.toMatchObject({ code: 'EMPTY_APPEND' });
  });

  it('reads over a thousand streams at once, mapping missing ones to []', async () => {
    const streamIds = Array.from({ length: 1234 }, (_, i) => `many-${i}`);
    await store.appendBatch(streamIds.map((streamId) => ({ streamId, expected: NO_STREAM, events: someEvents(2) })));
    const read = await store.readStreams([...streamIds, 'missing']);
    expect(read.size).toBe(1235);
    expect(streamIds.every((id) => read.get(id)?.length === 2)).toBe(true);
    expect(read.get('missing')).toEqual([]);
  });

  it('delivers to a subscription events that another connection appended to the file', async () => {
    const subscription = store.subscribeToAll();
    const other = SqliteEventStore.open(file);
    try {
      const events = someEvents(2);
      await other.appendToStream('from-elsewhere', events, NO_STREAM);
      const received = await take(subscription[Symbol.asyncIterator](), 2, ['from-elsewhere'], { timeoutMs: 3000 });
      expect(idsOf(received)).toEqual(idsOf(events));
    } finally {
      await subscription.close();
      await other.close();
    }
  });

  it('never skips what another connection committed between two commits of its own', async () => {
    const subscription = store.subscribeToAll();
    const other = SqliteEventStore.open(file);
    try {
      const [ours, theirs, oursAgain] = [someEvents(2), someEvents(1), someEvents(2)];
      await store.appendToStream('ours', ours, NO_STREAM);
      await other.appendToStream('theirs', theirs, NO_STREAM);
      await store.appendToStream('ours', oursAgain, exactly(1n));
      const received = await take(subscription[Symbol.asyncIterator](), 5, ['ours', 'theirs'], { timeoutMs: 3000 });
      expect(idsOf(received)).toEqual(idsOf([...ours, ...theirs, ...oursAgain]));
      expect(received).toEqual(await store.readAll());
    } finally {
      await subscription.close();
      await other.close();
    }
  });

  it('hands a subscription its own fresh commits exactly as they are stored', async () => {
    const subscription = store.subscribeToAll();
    await store.appendBatch([
      { streamId: 'a', expected: NO_STREAM, events: [anEvent({ data: { nested: { list: [1, 'two', null] }, flag: true } })] },
      { streamId: 'b', expected: NO_STREAM, events: someEvents(2) },
    ]);
    const received = await take(subscription[Symbol.asyncIterator](), 3, ['a', 'b']);
    await subscription.close();
    expect(received).toEqual(await store.readAll());
    expect(received.map((e) => e.position)).toEqual([1n, 2n, 3n]);
  });

  it('keeps nothing of a batch that rolled back for its subscriptions', async () => {
    const subscription = store.subscribeToAll();
    await store.appendToStream('taken', someEvents(1), NO_STREAM);
    const refused = store.appendBatch([
      { streamId: 'fresh', expected: NO_STREAM, events: someEvents(1) },
      { streamId: 'taken', expected: NO_STREAM, events: someEvents(1) },
    ]);
    await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    const later = someEvents(1);
    await store.appendToStream('later', later, NO_STREAM);
    const received = await take(subscription[Symbol.asyncIterator](), 2, ['taken', 'fresh', 'later']);
    await subscription.close();
    expect(received.map((e) => e.streamId)).toEqual(['taken', 'later']);
    expect(received[1].id).toBe(later[0].id);
  });

  it('ends open subscriptions when the store closes', async () => {
    const subscription = store.subscribeToAll();
    const pending = subscription[Symbol.asyncIterator]().next();
    await store.close();
    expect(await within(pending, 2000, 'the pending next()')).toEqual({ done: true, value: undefined });
  });
});
