import { alert, assessed, DAY, disbursed, filed, GENTENG, HOUR, T0 } from '../testing/feed-events';
import { appendFeed, SlaStores } from '../testing/sla-stores';
import { slaProjections } from './sla-projections';
import { SlaProjector } from './sla-projector';
import { findAlerts, slaSummary } from './sla-queries';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The read side on the real embedded stores: the SLA projector over a log of reports and
 * alerts, and the ops queries over its documents.
 */
describe('SLA read models and queries', () => {
  let stores: SlaStores;
  let projector: SlaProjector;

  beforeAll(async () => {
    stores = new SlaStores();
    // Pesanggaran (351001): ten cases paid 1..10 days after eligibility, two of them late.
    for (let i = 1; i <= 10; i++) {
      const ticket = `BNS-P${String(i).padStart(2, '0')}`;
      await appendFeed(stores.events, [filed(ticket), assessed(ticket, T0), disbursed(ticket, T0 + i * DAY)]);
    }
    // Genteng (351010): three open cases: one on track, one at risk, one breached.
    for (const ticket of ['BNS-G1', 'BNS-G2', 'BNS-G3']) await appendFeed(stores.events, [filed(ticket, GENTENG), assessed(ticket, T0)]);
    const genteng = { district: '351010' };
    await appendFeed(stores.events, [
      alert('AT_RISK', 'BNS-G2', 0, { ...genteng, raisedAt: T0 + 5 * DAY }),
      alert('AT_RISK', 'BNS-G3', 0, { ...genteng, raisedAt: T0 + 5 * DAY + HOUR }),
      alert('BREACHED', 'BNS-G3', 1, { ...genteng, raisedAt: T0 + 7 * DAY + 2 * HOUR }),
      alert('RESOLVED_LATE', 'BNS-P08', 0, { raisedAt: T0 + 8 * DAY }),
      alert('RESOLVED_LATE', 'BNS-P09', 0, { raisedAt: T0 + 9 * DAY }),
      alert('RESOLVED_LATE', 'BNS-P10', 0, { raisedAt: T0 + 10 * DAY }),
    ]);
    projector = new SlaProjector(stores.events, stores.readModels, slaProjections);
    await projector.start();
    await projector.waitFor(await stores.events.headPosition());
  });
  afterAll(async () => {
    await projector.stop();
    await stores.close();
    stores.remove();
  });

  it('lists alerts newest first, with total and paging', async () => {
    const all = await findAlerts(stores.readModels, { page: 1, pageSize: 4 });
    expect(all.total).toBe(6);
    expect(all.items.map((a) => `${a.ticket} ${a.status}`)).toEqual([
      'BNS-P10 RESOLVED_LATE',
      'BNS-P09 RESOLVED_LATE',
      'BNS-P08 RESOLVED_LATE',
      'BNS-G3 BREACHED',
    ]);
    const second = await findAlerts(stores.readModels, { page: 2, pageSize: 4 });
    expect(second.items.map((a) => a.ticket)).toEqual(['BNS-G3', 'BNS-G2']);
  });

  it('filters by status and district', async () => {
    const breached = await findAlerts(stores.readModels, { status: 'BREACHED', district: '351010', page: 1, pageSize: 10 });
    expect(breached.items).toEqual([expect.objectContaining({ ticket: 'BNS-G3', status: 'BREACHED', district: '351010', lateByMs: 2 * HOUR })]);
    expect((await findAlerts(stores.readModels, { district: '351001', page: 1, pageSize: 10 })).total).toBe(3);
    expect((await findAlerts(stores.readModels, { status: 'RESOLVED', page: 1, pageSize: 10 })).total).toBe(0);
  });

  it('keeps alerts raised at or after `since`: the boundary is inclusive', async () => {
    const since = (ms: number, extra = {}) => findAlerts(stores.readModels, { since: iso(ms), page: 1, pageSize: 10, ...extra });
    expect((await since(T0 + 8 * DAY)).items.map((a) => a.ticket)).toEqual(['BNS-P10', 'BNS-P09', 'BNS-P08']);
    expect((await since(T0 + 8 * DAY + 1)).total).toBe(2);
    expect((await since(T0)).total).toBe(6);
    expect((await since(T0 + 30 * DAY)).total).toBe(0);
    expect((await since(T0 + 5 * DAY, { district: '351010' })).total).toBe(3);
    const paged = await since(T0 + 5 * DAY + 1, { pageSize: 2, page: 3 });
    expect(paged).toEqual({ total: 5, items: [expect.objectContaining({ ticket: 'BNS-G3', status: 'AT_RISK' })] });
  });

  it('summarises per district: open, at-risk and breached counts; median and p95 of eligibility to disbursement', async () => {
    const summary = await slaSummary(stores.readModels);
    expect(summary.totals).toEqual({ open: 3, atRisk: 1, breached: 1 });
    // Nearest rank over 1..10 days: the 5th and the 10th.
    expect(summary.timeToDisbursement).toEqual({ count: 10, medianMs: 5 * DAY, p95Ms: 10 * DAY });
    expect(summary.districts).toEqual([
      { district: '351001', open: 0, atRisk: 0, breached: 0, timeToDisbursement: { count: 10, medianMs: 5 * DAY, p95Ms: 10 * DAY } },
      { district: '351010', open: 3, atRisk: 1, breached: 1, timeToDisbursement: { count: 0, medianMs: null, p95Ms: null } },
    ]);
  });

  it('replaying the whole log over the documents (checkpoints lost) changes none of them', async () => {
    const before = await Promise.all(['sla_cases', 'sla_alerts'].map((c) => stores.readModels.scan(c)));
    await projector.stop();
    for (const p of slaProjections) await stores.readModels.commit(p.name, [], 0n);
    const again = new SlaProjector(stores.events, stores.readModels, slaProjections);
    await again.start();
    await again.waitFor(await stores.events.headPosition());
    await again.stop();
    expect(await Promise.all(['sla_cases', 'sla_alerts'].map((c) => stores.readModels.scan(c)))).toEqual(before);
    projector = again;
  });
});
