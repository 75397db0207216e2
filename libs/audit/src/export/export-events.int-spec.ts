import { join } from 'node:path';
import { SqliteEventStore } from '@bansos/eventstore';
import { tempDir } from '../../../../test/support/int-registry';
import { ASSESSED_AT, FILED_AT, PAID_AT, writeSantosoLog } from '../testing/santoso-log';
import { exportLines, type ExportRange } from './export-events';
import { verifyChain } from './verify-chain';

describe('exporting the log as a hash chain', () => {
  let temp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  beforeEach(async () => {
    temp = tempDir('export');
    events = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
    await writeSantosoLog(events);
  });
  afterEach(async () => {
    await events.close();
    temp.remove();
  });

  const lines = async (range: Partial<ExportRange>) => {
    const out: string[] = [];
    const full: ExportRange = { from: null, to: null, upTo: await events.headPosition(), exportedAt: PAID_AT, ...range };
    for await (const chained of exportLines(events, full)) out.push(chained.line);
    return out;
  };
  const eventsOf = (out: string[]) => out.map((l) => JSON.parse(l) as Record<string, any>).filter((l) => l.kind === 'event');

  it('writes every event as stored, in position order, positions and revisions as decimal strings', async () => {
    const out = await lines({});
    const exported = eventsOf(out);
    expect(exported.map((e) => e.position)).toEqual(exported.map((_, i) => String(i + 1)));
    const [first] = await events.readAll({ maxCount: 1 });
    expect(exported[0]).toMatchObject({ eventId: first.id, streamId: first.streamId, revision: '0', type: first.type, data: first.data, metadata: first.metadata });
    expect(await verifyChain(out)).toMatchObject({ ok: true, events: exported.length });
  });

  it('stops at the cut: events appended after it are not half in', async () => {
    const head = await events.headPosition();
    const out = await lines({ upTo: head - 2n });
    expect(eventsOf(out)).toHaveLength(Number(head) - 2);
    expect(JSON.parse(out[0]).upToPosition).toBe(String(head - 2n));
  });

  it('takes events that occurred in [from, to): the start included, the end not', async () => {
    const assessed = eventsOf(await lines({ from: ASSESSED_AT, to: PAID_AT }));
    expect(assessed.map((e) => e.type)).toEqual(['NikLinkedToHousehold', 'RecipientRegistered', 'EligibilityAssessed']);
    const before = eventsOf(await lines({ to: ASSESSED_AT }));
    expect(before.every((e) => e.metadata.occurredAt === FILED_AT)).toBe(true);
    expect(before.length + assessed.length + eventsOf(await lines({ from: PAID_AT })).length).toBe(eventsOf(await lines({})).length);
  });
});
