import type { Document, DocumentWrite, ReadModelStore, StoredDocument } from '../read-model-store';
import { describeFindContract } from './find.contract';

export interface OpenedStore {
  readonly store: ReadModelStore;
  /** Closes the store and removes whatever the test created (files, databases). */
  readonly dispose: () => Promise<void>;
}

/** Builds DocumentWrites tersely; the contract tests write many of them. */
export function writeOf(collection: string, id: string, doc: Document | null, position: bigint): DocumentWrite {
  return { collection, id, doc, position };
}

/**
 * The behaviour every ReadModelStore adapter must show, run by each adapter's own
 * test file against a real engine. Only behaviour that both SQLite and MongoDB
 * (FerretDB) can give is asserted. The store is opened once; each test works in
 * collections and projections of its own, so no test depends on another's data.
 */
export function describeReadModelStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`ReadModelStore contract: ${name}`, () => {
    let opened: OpenedStore | undefined;
    let counter = 0;
    const store = (): ReadModelStore => {
      if (!opened) throw new Error('store not opened');
      return opened.store;
    };
    const fresh = (prefix: string): string => `${prefix}_${Date.now().toString(36)}_${++counter}`;
    const collection = async (indexes: string[] = []): Promise<string> => {
      const name = fresh('c');
      await store().ensureCollections([{ name, indexes }]);
      return name;
    };

    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => {
      await opened?.dispose();
    });

    describe('collections', () => {
      it('ensureCollections is idempotent and keeps stored documents', async () => {
        const c = await collection(['status']);
        await store().commit(fresh('p'), [writeOf(c, 'a', { status: 'x' }, 1n)], 1n);
        await store().ensureCollections([{ name: c, indexes: ['status'] }]);
        await store().ensureCollections([{ name: c, indexes: ['status', 'kind'] }]);
        expect((await store().get(c, 'a'))?.doc).toEqual({ status: 'x' });
      });

      it('answers "nothing" for missing documents and collections', async () => {
        const c = await collection();
        const unknown = fresh('never_created');
        expect(await store().get(c, 'missing')).toBeNull();
        expect(await store().get(unknown, 'missing')).toBeNull();
        expect((await store().getMany(c, ['x', 'y'])).size).toBe(0);
        expect((await store().getMany(unknown, ['x'])).size).toBe(0);
        expect(await store().getMany(c, [])).toEqual(new Map());
        expect(await store().scan(unknown)).toEqual([]);
        expect(await store().find(unknown, { limit: 10 })).toEqual({ items: [], total: 0 });
      });
    });

    describe('commit', () => {
      it('upserts; get and getMany return the document and its position as a bigint', async () => {
        const c = await collection();
        const p = fresh('p');
        await store().commit(p, [writeOf(c, 'a', { n: 1 }, 5n), writeOf(c, 'b', { n: 2 }, 6n)], 6n);
        const a = await store().get(c, 'a');
        expect(a).toEqual({ id: 'a', position: 5n, doc: { n: 1 } });
        expect(typeof a?.position).toBe('bigint');

        await store().commit(p, [writeOf(c, 'a', { n: 10 }, 7n)], 7n);
        const many = await store().getMany(c, ['a', 'b', 'missing', 'a']);
        expect([...many.keys()].sort()).toEqual(['a', 'b']);
        expect(many.get('a')).toEqual({ id: 'a', position: 7n, doc: { n: 10 } });
        expect(many.get('b')).toEqual({ id: 'b', position: 6n, doc: { n: 2 } });
      });

      it('getMany handles more ids than one query can carry', async () => {
        const c = await collection();
        const ids = Array.from({ length: 1234 }, (_, i) => `id-${i}`);
        await store().commit(fresh('p'), ids.map((id, i) => writeOf(c, id, { i }, BigInt(i + 1))), 1234n);
        const asked = [...ids.filter((_, i) => i % 2 === 0), 'nope'];
        const many = await store().getMany(c, asked);
        expect(many.size).toBe(617);
        expect(many.get('id-1232')).toEqual({ id: 'id-1232', position: 1233n, doc: { i: 1232 } });
        expect(many.has('id-1')).toBe(false);
      });

      it('deletes when the document is null', async () => {
        const c = await collection();
        const p = fresh('p');
        await store().commit(p, [writeOf(c, 'a', { n: 1 }, 1n)], 1n);
        await store().commit(p, [writeOf(c, 'a', null, 2n), writeOf(c, 'never', null, 3n)], 3n);
        expect(await store().get(c, 'a')).toBeNull();
        expect(await store().get(c, 'never')).toBeNull();
      });

      it('ignores an upsert at or below the stored position and applies a higher one', async () => {
        const c = await collection();
        const p = fresh('p');
        await store().commit(p, [writeOf(c, 'a', { v: 'ten' }, 10n)], 10n);
        await store().commit(p, [writeOf(c, 'a', { v: 'same' }, 10n), writeOf(c, 'a', { v: 'old' }, 9n)], 10n);
        expect(await store().get(c, 'a')).toEqual({ id: 'a', position: 10n, doc: { v: 'ten' } });
        await store().commit(p, [writeOf(c, 'a', { v: 'eleven' }, 11n)], 11n);
        expect(await store().get(c, 'a')).toEqual({ id: 'a', position: 11n, doc: { v: 'eleven' } });
      });

      it('ignores a delete at or below the stored position and applies a higher one', async () => {
        const c = await collection();
        const p = fresh('p');
        await store().commit(p, [writeOf(c, 'a', { v: 1 }, 10n)], 10n);
        await store().commit(p, [writeOf(c, 'a', null, 10n), writeOf(c, 'a', null, 3n)], 10n);
        expect(await store().get(c, 'a')).toEqual({ id: 'a', position: 10n, doc: { v: 1 } });
        await store().commit(p, [writeOf(c, 'a', null, 12n)], 12n);
        expect(await store().get(c, 'a')).toBeNull();
      });

      it('applies several writes to one id in one batch in order', async () => {
        const c = await collection();
        await store().commit(
          fresh('p'),
          [
            writeOf(c, 'a', { v: 1 }, 1n),
            writeOf(c, 'a', { v: 2 }, 2n),
            writeOf(c, 'b', { v: 1 }, 3n),
            writeOf(c, 'b', null, 4n),
            writeOf(c, 'c', null, 5n),
            writeOf(c, 'c', { v: 'back' }, 6n),
          ],
          6n,
        );
        expect(await store().scan(c)).toEqual([
          { id: 'a', position: 2n, doc: { v: 2 } },
          { id: 'c', position: 6n, doc: { v: 'back' } },
        ]);
      });

      it('changes nothing when the same batch is committed twice', async () => {
        const [c, d] = [await collection(), await collection()];
        const p = fresh('p');
        await store().commit(p, [writeOf(c, 'gone', { v: 0 }, 1n), writeOf(c, 'kept', { v: 0 }, 1n)], 1n);
        const batch = [
          writeOf(c, 'new', { v: 1 }, 2n),
          writeOf(c, 'kept', { v: 2 }, 3n),
          writeOf(c, 'gone', null, 4n),
          writeOf(d, 'other', { v: 3 }, 5n),
        ];
        await store().commit(p, batch, 5n);
        const after = [await store().scan(c), await store().scan(d)];
        await store().commit(p, batch, 5n);
        expect([await store().scan(c), await store().scan(d)]).toEqual(after);
        expect(after[0].map((s: StoredDocument) => s.id)).toEqual(['kept', 'new']);
        expect(after[1]).toEqual([{ id: 'other', position: 5n, doc: { v: 3 } }]);
      });

      it('round-trips nested objects, arrays, unicode and JSON scalar types', async () => {
        const c = await collection();
        const doc = {
          name: 'Siti Nurhaliza — Ñandú 🌾 中文 \u00e9',
          address: { line: 'Jl. Merdeka No. 1', rt: '001', geo: { lat: -6.2, lng: 106.816666 } },
          members: [{ nik: 'hash-1', head: true }, { nik: 'hash-2', head: false }],
          tags: ['PKH', 'BPNT'],
          count: 3,
          ratio: 0.125,
          negative: -42,
          big: Number.MAX_SAFE_INTEGER,
          empty: {},
          none: null,
          flag: false,
        };
        const id = 'kk:ü-日本-🙂';
        await store().commit(fresh('p'), [writeOf(c, id, doc, 1n)], 1n);
        expect(await store().get(c, id)).toEqual({ id, position: 1n, doc });
        expect((await store().getMany(c, [id])).get(id)?.doc).toEqual(doc);
      });
    });

    describe('checkpoints', () => {
      it('is null before the first commit, then the committed value, even beyond 2^53', async () => {
        const p = fresh('p');
        expect(await store().checkpoint(p)).toBeNull();
        await store().commit(p, [], 7n);
        expect(await store().checkpoint(p)).toBe(7n);
        const large = 2n ** 53n + 5n;
        const c = await collection();
        await store().commit(p, [writeOf(c, 'a', { v: 1 }, large)], large);
        expect(await store().checkpoint(p)).toBe(large);
        expect((await store().get(c, 'a'))?.position).toBe(large);
        // Adjacent large positions must stay distinct (a double would merge them).
        await store().commit(p, [writeOf(c, 'a', { v: 2 }, large + 1n)], large + 1n);
        expect(await store().get(c, 'a')).toEqual({ id: 'a', position: large + 1n, doc: { v: 2 } });
      });

      it('keeps each projection on its own checkpoint', async () => {
        const [p, q] = [fresh('p'), fresh('q')];
        await store().commit(p, [], 10n);
        await store().commit(q, [], 3n);
        await store().commit(p, [], 12n);
        expect(await store().checkpoint(p)).toBe(12n);
        expect(await store().checkpoint(q)).toBe(3n);
      });
    });

    describe('scan', () => {
      it('returns documents in id order, paged with afterId and limit', async () => {
        const c = await collection();
        const ids = ['m', 'b', 'z', 'a', 'k10', 'k2', 'k1'];
        await store().commit(fresh('p'), ids.map((id, i) => writeOf(c, id, { id }, BigInt(i + 1))), 7n);
        const sorted = ['a', 'b', 'k1', 'k10', 'k2', 'm', 'z'];
        expect((await store().scan(c)).map((d) => d.id)).toEqual(sorted);
        expect((await store().scan(c, { limit: 3 })).map((d) => d.id)).toEqual(['a', 'b', 'k1']);
        expect((await store().scan(c, { afterId: 'k1', limit: 3 })).map((d) => d.id)).toEqual(['k10', 'k2', 'm']);
        expect((await store().scan(c, { afterId: 'k' })).map((d) => d.id)).toEqual(['k1', 'k10', 'k2', 'm', 'z']);
        expect(await store().scan(c, { afterId: 'z' })).toEqual([]);
        const paged: string[] = [];
        let afterId: string | undefined;
        for (;;) {
          const page = await store().scan(c, { afterId, limit: 2 });
          if (page.length === 0) break;
          paged.push(...page.map((d) => d.id));
          afterId = page[page.length - 1].id;
        }
        expect(paged).toEqual(sorted);
        expect((await store().scan(c, { limit: 1 }))[0]).toEqual({ id: 'a', position: 4n, doc: { id: 'a' } });
      });
    });

    describeFindContract(store, collection, fresh);

    // Last: reset() empties the whole store, including other tests' collections.
    describe('reset', () => {
      it('drops every document and checkpoint, and the store keeps working', async () => {
        const [c, d] = [await collection(['k']), await collection()];
        const [p, q] = [fresh('p'), fresh('q')];
        await store().commit(p, [writeOf(c, 'a', { k: 1 }, 1n), writeOf(c, 'b', { k: 2 }, 2n)], 2n);
        await store().commit(q, [writeOf(d, 'x', { v: 1 }, 3n)], 3n);
        await store().reset();
        expect(await store().checkpoint(p)).toBeNull();
        expect(await store().checkpoint(q)).toBeNull();
        expect(await store().get(c, 'a')).toBeNull();
        expect(await store().scan(c)).toEqual([]);
        expect(await store().scan(d)).toEqual([]);
        expect(await store().find(c, { where: { k: 1 }, limit: 10 })).toEqual({ items: [], total: 0 });
        // A rebuild starts over at low positions: nothing of the old guard may remain.
        await store().commit(p, [writeOf(c, 'a', { k: 9 }, 1n)], 1n);
        expect(await store().get(c, 'a')).toEqual({ id: 'a', position: 1n, doc: { k: 9 } });
        expect(await store().checkpoint(p)).toBe(1n);
      });
    });
  });
}
