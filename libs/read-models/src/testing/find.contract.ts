import type { FindQuery, ReadModelStore } from '../read-model-store';

/**
 * find() part of the ReadModelStore contract (see read-model-store.contract.ts).
 * Values are kept to what both engines compare alike: sorts only run over fields of
 * one JSON type, and strings are ASCII (SQLite and Mongo both order bytes).
 */
export function describeFindContract(
  store: () => ReadModelStore,
  collection: (indexes?: string[]) => Promise<string>,
  fresh: (prefix: string) => string,
): void {
  describe('find', () => {
    let c = '';
    // `note` is missing on r05 and r06, null on r07; `score` ties between r02 and r04.
    const docs: Record<string, Record<string, unknown>> = {
      r01: { status: 'open', district: 'd1', score: 5, active: true, code: '1', note: 'a' },
      r02: { status: 'open', district: 'd2', score: 3, active: false, code: '2', note: 'b' },
      r03: { status: 'closed', district: 'd1', score: 9.5, active: true, code: '1', note: 'c' },
      r04: { status: 'open', district: 'd1', score: 3, active: true, code: '3', note: 'd' },
      r05: { status: 'rejected', district: 'd2', score: -1, active: false, code: '1' },
      r06: { status: 'open', district: 'd1', score: 12, active: true, code: '2' },
      r07: { status: 'closed', district: 'd2', score: 0, active: true, code: '1', note: null },
    };
    const ids = (query: FindQuery) => store().find(c, query).then((r) => r.items.map((d) => d.id));

    beforeAll(async () => {
      // `note` and `code` have no index: filtering must not depend on one.
      c = await collection(['status', 'district', 'score', 'active']);
      const writes = Object.entries(docs).map(([id, doc], i) => ({ collection: c, id, doc, position: BigInt(i + 1) }));
      await store().commit(fresh('p'), writes, 7n);
    });

    it('without where returns every document in id order', async () => {
      const result = await store().find(c, { limit: 100 });
      expect(result.total).toBe(7);
      expect(result.items.map((d) => d.id)).toEqual(Object.keys(docs));
      expect(result.items[2]).toEqual({ id: 'r03', position: 3n, doc: docs.r03 });
    });

    it('filters on equality of one or two fields', async () => {
      expect(await ids({ where: { status: 'open' }, limit: 100 })).toEqual(['r01', 'r02', 'r04', 'r06']);
      expect(await ids({ where: { status: 'open', district: 'd1' }, limit: 100 })).toEqual(['r01', 'r04', 'r06']);
      expect(await ids({ where: { status: 'closed', active: true }, limit: 100 })).toEqual(['r03', 'r07']);
      expect(await store().find(c, { where: { status: 'open', district: 'd9' }, limit: 100 })).toEqual({
        items: [],
        total: 0,
      });
    });

    it('compares strings, numbers, booleans and null by value and type', async () => {
      expect(await ids({ where: { score: 3 }, limit: 100 })).toEqual(['r02', 'r04']);
      expect(await ids({ where: { score: 9.5 }, limit: 100 })).toEqual(['r03']);
      expect(await ids({ where: { score: -1 }, limit: 100 })).toEqual(['r05']);
      expect(await ids({ where: { active: false }, limit: 100 })).toEqual(['r02', 'r05']);
      expect(await ids({ where: { active: true, district: 'd2' }, limit: 100 })).toEqual(['r07']);
      expect(await ids({ where: { code: '1' }, limit: 100 })).toEqual(['r01', 'r03', 'r05', 'r07']);
      // A string never equals a number, nor a number a string.
      expect(await ids({ where: { code: 1 }, limit: 100 })).toEqual([]);
      expect(await ids({ where: { score: '3' }, limit: 100 })).toEqual([]);
      // false does not match a missing field; null matches null and missing fields.
      expect(await ids({ where: { missing: false }, limit: 100 })).toEqual([]);
      expect(await ids({ where: { note: null }, limit: 100 })).toEqual(['r05', 'r06', 'r07']);
      expect(await ids({ where: { note: null, district: 'd2' }, limit: 100 })).toEqual(['r05', 'r07']);
    });

    it('orders ascending or descending, breaking ties by id in the same direction', async () => {
      expect(await ids({ orderBy: { field: 'score', direction: 'asc' }, limit: 100 })).toEqual([
        'r05', 'r07', 'r02', 'r04', 'r01', 'r03', 'r06',
      ]);
      expect(await ids({ orderBy: { field: 'score', direction: 'desc' }, limit: 100 })).toEqual([
        'r06', 'r03', 'r01', 'r04', 'r02', 'r07', 'r05',
      ]);
      expect(await ids({ where: { status: 'open' }, orderBy: { field: 'district', direction: 'desc' }, limit: 100 })).toEqual([
        'r02', 'r06', 'r04', 'r01',
      ]);
      // Fields without an index can be sorted on too.
      expect(await ids({ where: { district: 'd1' }, orderBy: { field: 'note', direction: 'asc' }, limit: 3 })).toEqual([
        'r06', 'r01', 'r03',
      ]);
    });

    it('pages with limit and offset; total counts every match', async () => {
      const query = { where: { status: 'open' }, orderBy: { field: 'score', direction: 'asc' as const } };
      const first = await store().find(c, { ...query, limit: 2 });
      expect(first.items.map((d) => d.id)).toEqual(['r02', 'r04']);
      expect(first.total).toBe(4);
      const second = await store().find(c, { ...query, limit: 2, offset: 2 });
      expect(second.items.map((d) => d.id)).toEqual(['r01', 'r06']);
      expect(second.total).toBe(4);
      expect(await store().find(c, { ...query, limit: 2, offset: 4 })).toEqual({ items: [], total: 4 });
      expect(await store().find(c, { ...query, limit: 10, offset: 3 })).toMatchObject({ total: 4 });
      expect((await ids({ limit: 3, offset: 5 }))).toEqual(['r06', 'r07']);
    });

    it('sees later commits, including deletes', async () => {
      const d = await collection(['status']);
      const p = fresh('p');
      await store().commit(p, [1, 2, 3].map((i) => ({ collection: d, id: `x${i}`, doc: { status: 'new' }, position: BigInt(i) })), 3n);
      await store().commit(
        p,
        [
          { collection: d, id: 'x1', doc: { status: 'done' }, position: 4n },
          { collection: d, id: 'x2', doc: null, position: 5n },
        ],
        5n,
      );
      expect(await store().find(d, { where: { status: 'new' }, limit: 10 })).toEqual({
        items: [{ id: 'x3', position: 3n, doc: { status: 'new' } }],
        total: 1,
      });
      expect((await store().find(d, { where: { status: 'done' }, limit: 10 })).total).toBe(1);
    });
  });
}
