import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FindQuery } from '../read-model-store';
import { describeReadModelStoreContract, writeOf } from '../testing/read-model-store.contract';
import { buildFind } from './find-sql';
import { InvalidNameError, SqliteReadModelStore } from './sqlite-read-model-store';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bansos-read-models-'));
  dirs.push(dir);
  // A missing subfolder checks that open() creates parent folders.
  return join(dir, 'nested', 'read-models.sqlite');
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeReadModelStoreContract('SQLite', async () => {
  const store = SqliteReadModelStore.open(tempFile());
  return { store, dispose: () => store.close() };
});

describe('SqliteReadModelStore', () => {
  it('keeps documents, indexes and checkpoints across close and reopen', async () => {
    const file = tempFile();
    const first = SqliteReadModelStore.open(file);
    await first.ensureCollections([{ name: 'reports', indexes: ['status'] }]);
    const big = 2n ** 60n;
    await first.commit('reports', [writeOf('reports', 'r1', { status: 'open', t: 'Ü' }, big)], big);
    await first.close();
    await first.close(); // closing twice is harmless

    const second = SqliteReadModelStore.open(file);
    try {
      expect(await second.checkpoint('reports')).toBe(big);
      expect(await second.get('reports', 'r1')).toEqual({ id: 'r1', position: big, doc: { status: 'open', t: 'Ü' } });
      expect((await second.find('reports', { where: { status: 'open' }, limit: 5 })).total).toBe(1);
      // The position guard still holds after reopening.
      await second.commit('reports', [writeOf('reports', 'r1', { status: 'stale' }, big - 1n)], big);
      expect((await second.get('reports', 'r1'))?.doc).toEqual({ status: 'open', t: 'Ü' });
    } finally {
      await second.close();
    }
  });

  it('rejects collection and field names that are not plain identifiers', async () => {
    const store = SqliteReadModelStore.open(tempFile());
    try {
      const bad = ['', '1abc', 'a-b', 'a.b', 'x"; DROP TABLE rm__checkpoints; --', "a')--", 'a b'];
      for (const name of bad) {
        await expect(store.ensureCollections([{ name, indexes: [] }])).rejects.toBeInstanceOf(InvalidNameError);
        await expect(store.ensureCollections([{ name: 'ok', indexes: [name] }])).rejects.toBeInstanceOf(InvalidNameError);
        await expect(store.get(name, 'x')).rejects.toBeInstanceOf(InvalidNameError);
        await expect(store.commit('p', [writeOf(name, 'x', {}, 1n)], 1n)).rejects.toBeInstanceOf(InvalidNameError);
        await expect(store.find('ok', { where: { [name]: 1 }, limit: 1 })).rejects.toBeInstanceOf(InvalidNameError);
        await expect(store.find('ok', { orderBy: { field: name, direction: 'asc' }, limit: 1 })).rejects.toBeInstanceOf(
          InvalidNameError,
        );
      }
      expect(await store.checkpoint('p')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('rolls a failed batch back entirely, checkpoint included, and stays usable', async () => {
    const store = SqliteReadModelStore.open(tempFile());
    try {
      await store.ensureCollections([{ name: 'docs', indexes: [] }]);
      const writes = Array.from({ length: 100 }, (_, i) => writeOf('docs', `d${i}`, { i }, BigInt(i + 1)));
      // 2^63 does not fit SQLite's 64-bit INTEGER: the 101st write fails mid-batch.
      writes.push(writeOf('docs', 'overflow', { i: -1 }, 2n ** 63n));
      await expect(store.commit('p', writes, 101n)).rejects.toThrow();
      expect(await store.scan('docs')).toEqual([]);
      expect(await store.checkpoint('p')).toBeNull();
      await store.commit('p', writes.slice(0, 70), 70n);
      expect((await store.scan('docs')).length).toBe(70);
      expect(await store.checkpoint('p')).toBe(70n);
    } finally {
      await store.close();
    }
  });

  it('answers filtered and sorted finds from the expression indexes', async () => {
    const file = tempFile();
    const store = SqliteReadModelStore.open(file);
    await store.ensureCollections([{ name: 'reports', indexes: ['status', 'filedAt'] }]);
    await store.close();
    // A second connection sees the plan of the very SQL that find() runs.
    const db = new Database(file, { readonly: true });
    try {
      const plan = (query: FindQuery) => {
        const sql = buildFind('reports', query);
        return db
          .prepare(`EXPLAIN QUERY PLAN ${sql.page}`)
          .all(...sql.pageParams)
          .map((row) => (row as { detail: string }).detail)
          .join(' | ');
      };
      expect(plan({ where: { status: 'open' }, limit: 10 })).toMatch(/INDEX rm_reports__status/);
      const newest = plan({ orderBy: { field: 'filedAt', direction: 'desc' }, limit: 10 });
      expect(newest).toMatch(/INDEX rm_reports__filedAt/);
      // Sorting only the id tie-break ("LAST TERM") is fine; sorting every row is not.
      expect(newest).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    } finally {
      db.close();
    }
  });
});

describe('SqliteReadModelStore: large commits (a bulk projection batch)', () => {
  const many = (count: number, position: (i: number) => bigint, body: (i: number) => Record<string, unknown> | null) =>
    Array.from({ length: count }, (_, i) => ({ collection: 'lookup', id: `k${i}`, doc: body(i), position: position(i) }));

  it('applies every write and the checkpoint, and a replay changes nothing', async () => {
    const store = SqliteReadModelStore.open(tempFile());
    try {
      const writes = many(5000, (i) => BigInt(i + 1), (i) => ({ n: i }));
      await store.commit('lookup', writes, 5000n);
      expect(await store.checkpoint('lookup')).toBe(5000n);
      expect(await store.get('lookup', 'k4321')).toEqual({ id: 'k4321', position: 4322n, doc: { n: 4321 } });
      await store.commit('lookup', many(5000, (i) => BigInt(i + 1), () => ({ replayed: true })), 5000n);
      expect((await store.get('lookup', 'k0'))?.doc).toEqual({ n: 0 });
      expect((await store.scan('lookup')).length).toBe(5000);
    } finally {
      await store.close();
    }
  });

  it('keeps the order of writes within a commit: an upsert then a newer delete of one id leaves nothing', async () => {
    const store = SqliteReadModelStore.open(tempFile());
    try {
      const writes = [
        ...many(3000, () => 1n, (i) => ({ n: i })),
        { collection: 'lookup', id: 'k7', doc: null, position: 2n },
        { collection: 'lookup', id: 'k8', doc: { n: 'again' }, position: 3n },
      ];
      await store.commit('lookup', writes, 3n);
      expect(await store.get('lookup', 'k7')).toBeNull();
      expect((await store.get('lookup', 'k8'))?.doc).toEqual({ n: 'again' });
    } finally {
      await store.close();
    }
  });

  it('writes nothing of a commit that fails, and takes commits again afterwards', async () => {
    const file = tempFile();
    const store = SqliteReadModelStore.open(file);
    try {
      await store.commit('lookup', many(1, () => 1n, () => ({ before: true })), 1n);
      const unbindable = { collection: 'lookup', id: 'k9', doc: { n: 1 }, position: { no: 'number' } as unknown as bigint };
      const bad = [...many(2500, () => 5n, (i) => ({ n: i })), unbindable];
      await expect(store.commit('lookup', bad, 5n)).rejects.toThrow();
      expect(await store.checkpoint('lookup')).toBe(1n);
      expect((await store.get('lookup', 'k0'))?.doc).toEqual({ before: true });
      expect(await store.get('lookup', 'k1')).toBeNull();
      await store.commit('lookup', many(2500, () => 6n, (i) => ({ n: i })), 6n);
      expect(await store.checkpoint('lookup')).toBe(6n);
    } finally {
      await store.close();
    }
  });

  it('runs commits one after another, small and large alike, in the order they were asked for', async () => {
    const store = SqliteReadModelStore.open(tempFile());
    try {
      const large = store.commit('lookup', many(4000, () => 1n, () => ({ from: 'large' })), 1n);
      const small = store.commit('lookup', many(1, () => 2n, () => ({ from: 'small' })), 2n);
      await Promise.all([large, small]);
      expect((await store.get('lookup', 'k0'))?.doc).toEqual({ from: 'small' });
      expect((await store.get('lookup', 'k1'))?.doc).toEqual({ from: 'large' });
      expect(await store.checkpoint('lookup')).toBe(2n);
    } finally {
      await store.close();
    }
  });
});
