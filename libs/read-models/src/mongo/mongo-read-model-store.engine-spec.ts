import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { requiredEnv } from '../../../../test/support/engines/engines';
import { lookupProjection } from '../projections/lookup.projection';
import { hmacLookupKeys } from '../projections/lookup-keys';
import { describeReadModelStoreContract, writeOf } from '../testing/read-model-store.contract';
import { InvalidNameError } from '../sqlite/names';
import { MongoReadModelStore } from './mongo-read-model-store';

/** A database of its own per run, dropped when the suite is done. */
async function openFresh(url: string): Promise<{ store: MongoReadModelStore; raw: Db; dispose: () => Promise<void> }> {
  const database = `bansos_rm_test_${randomBytes(6).toString('hex')}`;
  const store = await MongoReadModelStore.connect(url, { database });
  // A plain client looks at what the store wrote, as stored.
  const client = await MongoClient.connect(url);
  const raw = client.db(database);
  return {
    store,
    raw,
    dispose: async () => {
      await raw.dropDatabase();
      await Promise.all([client.close(), store.close()]);
    },
  };
}

const targets: [string, () => string][] = [['FerretDB', () => requiredEnv('FERRETDB_URL')]];
// Real MongoDB, whenever it is pointed at.
if (process.env.MONGO_URL) targets.push(['MongoDB', () => requiredEnv('MONGO_URL')]);

for (const [name, url] of targets) {
  describeReadModelStoreContract(name, () => openFresh(url()));
  describeMongoSpecifics(name, url);
}

/** What the contract cannot see: the stored shape, indexes, and several writers. */
function describeMongoSpecifics(name: string, url: () => string): void {
  describe(`MongoReadModelStore on ${name}`, () => {
    let opened: Awaited<ReturnType<typeof openFresh>>;
    let counter = 0;
    const fresh = (prefix: string) => `${prefix}_${++counter}`;
    beforeAll(async () => {
      opened = await openFresh(url());
    });
    afterAll(() => opened?.dispose());

    it('answers ping', async () => {
      await expect(opened.store.ping()).resolves.toBeUndefined();
    });

    it('creates the lookup by document id and an index per declared field, with _id for the tie-break', async () => {
      const lookup = lookupProjection(hmacLookupKeys('secret')).collection;
      const reports = { name: fresh('reports'), indexes: ['status', 'filedAt'] };
      await opened.store.ensureCollections([lookup, reports]);
      await opened.store.ensureCollections([lookup, reports]);
      const keys = async (collection: string) => (await opened.raw.collection(collection).listIndexes().toArray()).map((i) => i.key);
      expect(await keys(lookup.name)).toEqual([{ _id: 1 }]);
      expect(await keys(reports.name)).toEqual(
        expect.arrayContaining([{ _id: 1 }, { 'doc.status': 1, _id: 1 }, { 'doc.filedAt': 1, _id: 1 }]),
      );
      // One document per person key, however often it is written.
      const p = fresh('p');
      await opened.store.commit(p, [writeOf('lookup', 'nik:abc', { enrolled: false }, 1n)], 1n);
      await opened.store.commit(p, [writeOf('lookup', 'nik:abc', { enrolled: true }, 2n)], 2n);
      expect(await opened.raw.collection('lookup').countDocuments({ _id: 'nik:abc' as never })).toBe(1);
    });

    it('stores positions and checkpoints as 64-bit integers, the document under `doc`', async () => {
      const c = fresh('c');
      const p = fresh('p');
      const big = 2n ** 62n + 3n;
      await opened.store.commit(p, [writeOf(c, 'a', { position: 'mine', _id: 'also mine' }, big)], big);
      const stored = await opened.raw.collection(c).findOne({}, { promoteLongs: false });
      expect(stored).toMatchObject({ _id: 'a', doc: { position: 'mine', _id: 'also mine' } });
      expect(stored?.position._bsontype).toBe('Long');
      expect(await opened.raw.collection(c).countDocuments({ position: { $type: 'long' } })).toBe(1);
      expect(await opened.raw.collection('_checkpoints').countDocuments({ _id: p as never, position: { $type: 'long' } })).toBe(1);
      expect(await opened.store.get(c, 'a')).toEqual({ id: 'a', position: big, doc: { position: 'mine', _id: 'also mine' } });
      await expect(opened.store.commit(p, [writeOf(c, 'b', {}, 2n ** 63n)], 1n)).rejects.toThrow(RangeError);
    });

    it('never moves a checkpoint backwards', async () => {
      const p = fresh('p');
      await opened.store.commit(p, [], 10n);
      await opened.store.commit(p, [], 4n);
      expect(await opened.store.checkpoint(p)).toBe(10n);
      await opened.store.commit(p, [], 11n);
      expect(await opened.store.checkpoint(p)).toBe(11n);
    });

    it('leaves newer documents untouched when an older batch is delivered again', async () => {
      const c = fresh('c');
      const p = fresh('p');
      const first = Array.from({ length: 200 }, (_, i) => writeOf(c, `d${i}`, { v: 'first' }, BigInt(i + 1)));
      await opened.store.commit(p, first, 200n);
      // A later batch rewrites the even documents. (Deleted documents are not part of it:
      // like the SQLite adapter, the store keeps no tombstones, so only a replay from the
      // checkpoint, which carries the delete again, keeps a document deleted.)
      const later = Array.from({ length: 100 }, (_, i) => writeOf(c, `d${i * 2}`, { v: 'later' }, 201n + BigInt(i)));
      await opened.store.commit(p, later, 300n);
      const before = await opened.store.scan(c);
      await opened.store.commit(p, first, 200n);
      expect(await opened.store.scan(c)).toEqual(before);
      expect(before).toHaveLength(200);
      expect(before.filter((d) => d.doc.v === 'later')).toHaveLength(100);
      expect(await opened.store.checkpoint(p)).toBe(300n);
    });

    it('keeps the checkpoint when a write of the batch fails, and the batch can be committed again', async () => {
      const c = fresh('c');
      const p = fresh('p');
      await opened.store.commit(p, [writeOf(c, 'a', { v: 1 }, 1n)], 1n);
      // Beyond the 16 MiB a document may have, on every server.
      const tooBig = { blob: 'x'.repeat(17 * 1024 * 1024) };
      const batch = [writeOf(c, 'b', { v: 2 }, 2n), writeOf(c, 'huge', tooBig, 3n)];
      await expect(opened.store.commit(p, batch, 3n)).rejects.toThrow();
      expect(await opened.store.checkpoint(p)).toBe(1n);
      expect(await opened.store.get(c, 'huge')).toBeNull();
      await opened.store.commit(p, batch.slice(0, 1), 3n);
      expect(await opened.store.checkpoint(p)).toBe(3n);
      expect((await opened.store.get(c, 'b'))?.doc).toEqual({ v: 2 });
    });

    it('lets two writers commit overlapping batches at once: the higher position of each document wins', async () => {
      const second = await MongoReadModelStore.connect(url(), { database: opened.raw.databaseName });
      try {
        const c = fresh('c');
        const ids = Array.from({ length: 60 }, (_, i) => `d${i}`);
        // Writer A is ahead on even documents, writer B on odd ones. (No deletes: without
        // tombstones a delete racing an older upsert is order-dependent by design.)
        const batch = (writer: 'A' | 'B') =>
          ids.map((id, i) => {
            const ahead = (i % 2 === 0) === (writer === 'A');
            return writeOf(c, id, { writer }, BigInt(i * 10 + (ahead ? 5 : 1)));
          });
        for (let round = 0; round < 3; round++) {
          await Promise.all([opened.store.commit(fresh('pa'), batch('A'), 1000n), second.commit(fresh('pb'), batch('B'), 1000n)]);
        }
        const expected = ids.map((id, i) => ({ id, position: BigInt(i * 10 + 5), doc: { writer: i % 2 === 0 ? 'A' : 'B' } }));
        const byId = (docs: { id: string }[]) => [...docs].sort((a, b) => a.id.localeCompare(b.id));
        expect(byId(await opened.store.scan(c))).toEqual(byId(expected));
      } finally {
        await second.close();
      }
    });

    it('refuses collection and field names that are not plain identifiers', async () => {
      for (const bad of ['', '1abc', 'a.b', 'a$b', 'system.users', '_checkpoints']) {
        await expect(opened.store.ensureCollections([{ name: bad, indexes: [] }])).rejects.toBeInstanceOf(InvalidNameError);
        await expect(opened.store.get(bad, 'x')).rejects.toBeInstanceOf(InvalidNameError);
        await expect(opened.store.commit('p', [writeOf(bad, 'x', {}, 1n)], 1n)).rejects.toBeInstanceOf(InvalidNameError);
        await expect(opened.store.find('ok', { where: { [bad]: 1 }, limit: 1 })).rejects.toBeInstanceOf(InvalidNameError);
      }
    });
  });
}
