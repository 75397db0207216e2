import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerRecipient } from '@bansos/application';
import { NO_STREAM, SqliteEventStore } from '@bansos/eventstore';
import { hmacLookupKeys, SqliteReadModelStore, type LookupDocument } from '@bansos/read-models';
import { kkNo, nikNo, resident, staff, tempDir } from '../../../../test/support/int-registry';
import { ProjectorThread } from './projector-thread';
import { ThreadWrittenStore } from './thread-written-store';

const SECRET = 'projector-thread-test-secret';
const keys = hmacLookupKeys(SECRET);
const program = { code: 'PKH', name: 'Program Keluarga Harapan' };

describe('ProjectorThread (the embedded projector on a worker thread)', () => {
  let dir: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  const files = () => ({ eventsFile: join(dir.dir, 'events.sqlite'), readModelsFile: join(dir.dir, 'read-models.sqlite') });

  beforeEach(() => {
    dir = tempDir('projector-thread');
    events = SqliteEventStore.open(files().eventsFile);
    SqliteReadModelStore.open(files().readModelsFile).close();
  });
  afterEach(async () => {
    await events.close();
    dir.remove();
  });

  const register = async (i: number) => {
    const outcome = await registerRecipient(events, { person: resident(nikNo(i), kkNo(i)), program, source: 'PUSAT' }, staff(`reg-${i}`));
    if (!outcome.ok) throw new Error(outcome.error.code);
  };

  const lookup = async (nik: string): Promise<LookupDocument | undefined> => {
    const store = SqliteReadModelStore.open(files().readModelsFile);
    try {
      return (await store.get('lookup', keys.nik(nik)))?.doc as LookupDocument | undefined;
    } finally {
      await store.close();
    }
  };

  it('projects what this thread appends, woken by the commit rather than by a poll', async () => {
    const thread = await ProjectorThread.start({ ...files(), lookupSecret: SECRET, events });
    try {
      expect(thread.appliedPosition()).toBe(-1n);
      await register(1);
      const started = performance.now();
      await thread.waitFor(await events.headPosition());
      // The subscription's fallback poll is 250 ms; the forwarded commit wakes it at once.
      expect(performance.now() - started).toBeLessThan(200);
      expect(await lookup(nikNo(1))).toMatchObject({ kind: 'person', enrolled: true, maskedName: 'B***I S*****O' });
      expect(await lookup(nikNo(2))).toBeUndefined();
    } finally {
      await thread.stop();
    }
  });

  it('writes its checkpoints when stopped, and a new thread resumes from them', async () => {
    const first = await ProjectorThread.start({ ...files(), lookupSecret: SECRET, events });
    for (let i = 1; i <= 3; i++) await register(i);
    const head = await events.headPosition();
    await first.waitFor(head);
    await first.stop();

    const store = SqliteReadModelStore.open(files().readModelsFile);
    expect(await store.checkpoint('lookup')).toBe(head);
    expect(await store.checkpoint('reports')).toBe(head);
    await store.close();

    const second = await ProjectorThread.start({ ...files(), lookupSecret: SECRET, events });
    try {
      expect(second.appliedPosition()).toBe(head);
      await register(4);
      await second.waitFor(await events.headPosition());
      expect(await lookup(nikNo(4))).toMatchObject({ enrolled: true });
    } finally {
      await second.stop();
    }
  });

  it('catches up with events appended before it started, in one go', async () => {
    for (let i = 1; i <= 20; i++) await register(i);
    const thread = await ProjectorThread.start({ ...files(), lookupSecret: SECRET, events });
    try {
      await thread.waitFor(await events.headPosition());
      for (const i of [1, 10, 20]) expect(await lookup(nikNo(i))).toMatchObject({ enrolled: true });
    } finally {
      await thread.stop();
    }
  });

  it('refuses to start, with the reason, when the read-model file is not a database', async () => {
    const bad = join(dir.dir, 'not-a-database.sqlite');
    writeFileSync(bad, 'this is not a SQLite file, it is long enough to have a header of sorts........');
    await expect(ProjectorThread.start({ ...files(), readModelsFile: bad, lookupSecret: SECRET, events })).rejects.toThrow(
      /projector thread: .*not a database/,
    );
  });

  it('stopping twice is one stop', async () => {
    const thread = await ProjectorThread.start({ ...files(), lookupSecret: SECRET, events });
    await Promise.all([thread.stop(), thread.stop()]);
    await thread.stop();
  });

  it("makes the main thread's read-model writes on its own connection, and answers each", async () => {
    const thread = await ProjectorThread.start({ ...files(), lookupSecret: SECRET, events });
    const store = new ThreadWrittenStore(SqliteReadModelStore.open(files().readModelsFile), thread);
    try {
      await store.ensureCollections([{ name: 'notes', indexes: ['kind'] }]);
      await store.commit('notes-projection', [{ collection: 'notes', id: 'a', doc: { kind: 'x', n: 1 }, position: 5n }], 5n);
      expect(await store.get('notes', 'a')).toEqual({ id: 'a', position: 5n, doc: { kind: 'x', n: 1 } });
      expect(await store.checkpoint('notes-projection')).toBe(5n);
      // The thread's store refuses a bad collection name; the caller gets its reason.
      await expect(store.commit('p', [{ collection: 'bad name!', id: 'b', doc: {}, position: 6n }], 6n)).rejects.toThrow(/projector thread: /);
      await store.reset();
      expect(await store.get('notes', 'a')).toBeNull();
    } finally {
      await thread.stop();
      await store.close();
    }
    await expect(store.commit('p', [], 7n)).rejects.toThrow(/stopped/);
  });

  it('reports a failure after start to onError and through failure(), and still stops', async () => {
    const errors: unknown[] = [];
    const thread = await ProjectorThread.start({ ...files(), lookupSecret: SECRET, events, onError: (e) => errors.push(e) });
    try {
      expect(thread.failure()).toBeNull();
      // An event the lookup cannot read (a registration without its data) stops the projector.
      await events.appendToStream('household-broken', [{ id: 'broken-1', type: 'RecipientRegistered', data: {}, metadata: { schemaVersion: 1 } }], NO_STREAM);
      const deadline = Date.now() + 5000;
      while (!thread.failure() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(thread.failure()?.message).toMatch(/^projector thread: /);
      expect(thread.appliedPosition()).toBe(-1n);
      expect(errors).toEqual([thread.failure()]);
    } finally {
      await thread.stop();
    }
  });
});
