import { DocumentFold } from './document-fold';
import type { Projection } from './projections/projection';
import type { Document, ReadModelStore, StoredDocument } from './read-model-store';

interface Ev {
  readonly position: bigint;
  readonly id: string;
  readonly kind: 'set' | 'add';
  readonly value: number;
}

/** "set" replaces a counter document whole; "add" adds to what is there. */
const counters: Projection<Document, Ev> = {
  name: 'counters',
  collection: { name: 'counters', indexes: [] },
  keysOf: (e) => [e.id],
  evolve: (doc, e) => ({ total: e.kind === 'set' ? e.value : Number(doc?.total ?? 0) + e.value }),
  replaces: (e) => e.kind === 'set',
};

function storeWith(docs: Record<string, StoredDocument>): { store: ReadModelStore; reads: string[][] } {
  const reads: string[][] = [];
  const store = {
    getMany: async (_collection: string, ids: readonly string[]) => {
      reads.push([...ids]);
      return new Map(ids.filter((id) => docs[id]).map((id) => [id, docs[id]]));
    },
  } as unknown as ReadModelStore;
  return { store, reads };
}

const ev = (position: number, id: string, kind: Ev['kind'], value: number): Ev => ({ position: BigInt(position), id, kind, value });

describe('DocumentFold', () => {
  it('builds a replaced document from its last replacing event on, without reading it', async () => {
    const { store, reads } = storeWith({ a: { id: 'a', doc: { total: 100 }, position: 1n } });
    const fold = new DocumentFold(counters, 1n);
    for (const e of [ev(2, 'a', 'add', 5), ev(3, 'a', 'set', 10), ev(4, 'a', 'add', 1)]) fold.add(e);
    expect(await fold.writes(store)).toEqual([{ collection: 'counters', id: 'a', doc: { total: 11 }, position: 4n }]);
    expect(reads).toEqual([]);
  });

  it('reads the other documents once and applies only the events past their stored position', async () => {
    const { store, reads } = storeWith({ b: { id: 'b', doc: { total: 100 }, position: 3n }, c: { id: 'c', doc: { total: 7 }, position: 4n } });
    const fold = new DocumentFold(counters, 1n);
    for (const e of [ev(2, 'b', 'add', 5), ev(4, 'b', 'add', 1), ev(4, 'c', 'add', 1), ev(5, 'd', 'add', 2)]) fold.add(e);
    expect(await fold.writes(store)).toEqual([
      { collection: 'counters', id: 'b', doc: { total: 101 }, position: 4n },
      { collection: 'counters', id: 'd', doc: { total: 2 }, position: 5n },
    ]); // c had seen position 4 already: no write
    expect(reads).toEqual([['b', 'c', 'd']]);
  });

  it('ignores events up to the checkpoint it starts from', async () => {
    const { store } = storeWith({});
    const fold = new DocumentFold(counters, 5n);
    fold.add(ev(5, 'a', 'set', 1));
    fold.add(ev(6, 'b', 'set', 2));
    expect(await fold.writes(store)).toEqual([{ collection: 'counters', id: 'b', doc: { total: 2 }, position: 6n }]);
  });
});
