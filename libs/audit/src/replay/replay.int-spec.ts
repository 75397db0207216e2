import { join } from 'node:path';
import Database from 'better-sqlite3';
import { registerRecipient } from '@bansos/application';
import { SqliteEventStore } from '@bansos/eventstore';
import { hmacLookupKeys, lookupProjection, Projector, reportsProjection, SqliteReadModelStore, type Projection } from '@bansos/read-models';
import { kkNo, nikNo, resident, staff, tempDir } from '../../../../test/support/int-registry';
import { auditIndexProjection } from '../audit-index/audit-index.projection';
import { PKH, WIDOW, WIDOW_TICKET, writeSantosoLog } from '../testing/santoso-log';
import { fromProjection } from './replayable';
import { replay, type ReplayInput } from './replay';

describe('replay: rebuild every read model from the first event and compare', () => {
  const keys = hmacLookupKeys('rahasia-uji-bukan-produksi');
  const projections: Projection[] = [lookupProjection(keys), reportsProjection, auditIndexProjection(keys)];
  let temp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let live: SqliteReadModelStore;
  let fresh: SqliteReadModelStore;
  let projector: Projector;

  beforeEach(async () => {
    temp = tempDir('replay');
    events = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
    live = SqliteReadModelStore.open(join(temp.dir, 'read-models.sqlite'));
    fresh = SqliteReadModelStore.open(join(temp.dir, 'rebuilt.sqlite'));
    await writeSantosoLog(events);
    projector = new Projector(events, live, projections);
    await projector.start();
    await projector.waitFor(await events.headPosition()); // tampering must come after the projector's writes
  });
  afterEach(async () => {
    await projector.stop();
    await Promise.all([events.close(), live.close(), fresh.close()]);
    temp.remove();
  });

  const input = (overrides: Partial<ReplayInput> = {}): ReplayInput => ({
    events,
    live,
    fresh,
    readModels: projections.map(fromProjection),
    liveCaughtUp: (position) => projector.waitFor(position),
    ...overrides,
  });
  /** Tampers with the live file directly, as someone with access to the disk could. */
  const tamper = (sql: string, ...params: unknown[]) => {
    const db = new Database(join(temp.dir, 'read-models.sqlite'));
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  };

  it('finds no drift on a log written by the application, audit reads included', async () => {
    const report = await replay(input());
    expect(report.drift).toEqual([]);
    expect(report.upTo).toBe(await events.headPosition());
    expect(report.events).toBe(Number(report.upTo));
    expect(report.collections.map((c) => c.collection)).toEqual(['lookup', 'reports', 'audit_index']);
    for (const c of report.collections) {
      expect(c.live).toEqual(c.rebuilt);
      expect(c.live.documents).toBeGreaterThan(0);
    }
  });

  it('reports a changed, a missing and an extra document, naming ids and fields only', async () => {
    tamper(`UPDATE rm_reports SET body = json_set(body, '$.status', 'not_eligible', '$.reason', 'lain') WHERE id = ?`, WIDOW_TICKET);
    tamper('DELETE FROM rm_lookup WHERE id = ?', keys.kk(WIDOW.kk));
    tamper(`INSERT INTO rm_audit_index (id, position, body) VALUES ('nik:forged', 1, '{"tickets":[]}')`);
    const report = await replay(input());
    expect(report.drift).toEqual([
      { collection: 'lookup', id: keys.kk(WIDOW.kk), kind: 'missing', fields: [], livePosition: null },
      { collection: 'reports', id: WIDOW_TICKET, kind: 'changed', fields: ['reason', 'status'], livePosition: expect.any(BigInt) },
      { collection: 'audit_index', id: 'nik:forged', kind: 'extra', fields: [], livePosition: 1n },
    ]);
    const reports = report.collections.find((c) => c.collection === 'reports')!;
    expect(reports.live.sha256).not.toBe(reports.rebuilt.sha256);
  });

  it('reports a document whose content matches but whose position does not', async () => {
    tamper('UPDATE rm_reports SET position = position + 1 WHERE id = ?', WIDOW_TICKET);
    const report = await replay(input());
    expect(report.drift).toMatchObject([{ id: WIDOW_TICKET, kind: 'changed', fields: ['(position)'] }]);
    // The digests cover ids and contents: they agree, the drift is the position alone.
    const reports = report.collections.find((c) => c.collection === 'reports')!;
    expect(reports.live.sha256).toBe(reports.rebuilt.sha256);
  });

  it('does not count field order as drift: documents compare as canonical JSON', async () => {
    tamper(`UPDATE rm_reports SET body = json_set(json_remove(body, '$.ticket'), '$.ticket', json_extract(body, '$.ticket')) WHERE id = ?`, WIDOW_TICKET);
    const report = await replay(input());
    expect(report.drift).toEqual([]);
  });

  it('compares again, at a later cut, documents the live projector wrote while the replay ran', async () => {
    let first = true;
    const report = await replay(
      input({
        liveCaughtUp: async (position) => {
          await projector.waitFor(position);
          if (!first) return;
          first = false;
          // Appended and projected right after the cut was taken: in flight, not drift.
          await registerRecipient(events, { person: resident(nikNo(7), kkNo(7)), program: PKH, source: 'PROVINSI' }, staff('late'));
          await projector.waitFor(await events.headPosition());
        },
      }),
    );
    expect(report.drift).toEqual([]);
    expect(report.settled).toBeGreaterThan(0);
    expect(report.upTo).toBe(await events.headPosition());
  });

  it('refuses to compare with a live read model that has not caught up', async () => {
    const behind = SqliteReadModelStore.open(join(temp.dir, 'behind.sqlite'));
    try {
      await expect(replay(input({ live: behind, liveCaughtUp: async () => undefined }))).rejects.toThrow(/behind the head/);
    } finally {
      await behind.close();
    }
  });
});
