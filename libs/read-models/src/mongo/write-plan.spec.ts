import { writeOf } from '../testing/read-model-store.contract';
import { planWrites } from './write-plan';

const c = 'docs';
const stored = (entries: Record<string, bigint> = {}) => new Map(Object.entries(entries));

describe('planWrites', () => {
  it('inserts a new document and updates a stored one only while it keeps the position read', () => {
    const plan = planWrites([writeOf(c, 'new', { v: 1 }, 5n), writeOf(c, 'old', { v: 2 }, 6n)], stored({ old: 3n }));
    expect(plan.operations).toEqual([
      { insertOne: { document: { _id: 'new', position: 5n, doc: { v: 1 } } } },
      { updateOne: { filter: { _id: 'old', position: 3n }, update: { $set: { position: 6n, doc: { v: 2 } } } } },
    ]);
    expect(plan).toMatchObject({ updates: 1, deletes: 0 });
  });

  it('plans nothing for writes at or below the stored position (a replayed batch)', () => {
    const writes = [writeOf(c, 'a', { v: 1 }, 5n), writeOf(c, 'b', { v: 1 }, 4n), writeOf(c, 'c', null, 7n)];
    expect(planWrites(writes, stored({ a: 5n, b: 9n, c: 7n }))).toEqual({ operations: [], updates: 0, deletes: 0 });
  });

  it('deletes a stored document below the delete, and ignores deletes of missing ones', () => {
    const plan = planWrites([writeOf(c, 'a', null, 8n), writeOf(c, 'gone', null, 9n)], stored({ a: 2n }));
    expect(plan.operations).toEqual([{ deleteOne: { filter: { _id: 'a', position: 2n } } }]);
    expect(plan.deletes).toBe(1);
  });

  it('folds several writes to one id in batch order into one operation', () => {
    const plan = planWrites(
      [
        writeOf(c, 'a', { v: 1 }, 1n),
        writeOf(c, 'a', { v: 2 }, 2n), // a: inserted as v2
        writeOf(c, 'b', { v: 1 }, 3n),
        writeOf(c, 'b', null, 4n), // b: created and deleted within the batch: nothing
        writeOf(c, 'd', null, 5n),
        writeOf(c, 'd', { v: 'back' }, 6n), // d: deleted and written again: one update
        writeOf(c, 'e', { v: 'skipped' }, 3n), // e: below the stored position
        writeOf(c, 'e', null, 7n), // then deleted
      ],
      stored({ d: 1n, e: 4n }),
    );
    expect(plan.operations).toEqual([
      { insertOne: { document: { _id: 'a', position: 2n, doc: { v: 2 } } } },
      { updateOne: { filter: { _id: 'd', position: 1n }, update: { $set: { position: 6n, doc: { v: 'back' } } } } },
      { deleteOne: { filter: { _id: 'e', position: 4n } } },
    ]);
  });

  it('gives what applying the writes one by one gives, even out of position order', () => {
    // Stored at 5: the delete at 6 applies, then the document is absent, so the upsert at
    // 4 applies too (as it would in the SQLite adapter, write by write).
    const plan = planWrites([writeOf(c, 'a', null, 6n), writeOf(c, 'a', { v: 4 }, 4n)], stored({ a: 5n }));
    expect(plan.operations).toEqual([
      { updateOne: { filter: { _id: 'a', position: 5n }, update: { $set: { position: 4n, doc: { v: 4 } } } } },
    ]);
  });

  it('filters by _id alone where compare-and-set filters are off (FerretDB)', () => {
    const plan = planWrites([writeOf(c, 'a', { v: 2 }, 6n), writeOf(c, 'b', null, 9n), writeOf(c, 'c', { v: 1 }, 1n)], stored({ a: 3n, b: 4n, c: 2n }), {
      casFilters: false,
    });
    expect(plan.operations).toEqual([
      { updateOne: { filter: { _id: 'a' }, update: { $set: { position: 6n, doc: { v: 2 } } } } },
      { deleteOne: { filter: { _id: 'b' } } },
    ]);
  });
});
