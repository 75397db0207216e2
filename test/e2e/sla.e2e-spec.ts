import { rmSync } from 'node:fs';
import { ManualClock } from '@bansos/platform';
import { eventually } from '../support/http-app';
import { BLT, SITI } from '../support/people';
import { SlaApp, type SseClient } from '../support/sla-app';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-03-02T01:00:00.000Z'); // 08:00 WIB

/**
 * The SLA over HTTP on the embedded default: an eligible person is not paid, the clock
 * moves seven days, and ops see the breach in the alert list and on the live feed.
 */
describe('SLA monitor over HTTP', () => {
  const clock = new ManualClock(new Date(T0));
  let app: SlaApp;
  let feed: SseClient;
  let ticket = '';
  const tokens = {} as Record<'ops' | 'auditor' | 'admin' | 'operator' | 'assessor' | 'disburser', string>;
  const alerts = async (query = '') => (await app.call('GET', `/api/v1/sla/alerts${query}`, undefined, tokens.ops)).body;

  beforeAll(async () => {
    app = await SlaApp.start(clock);
    for (const role of ['ops', 'auditor', 'admin', 'operator', 'assessor', 'disburser'] as const) tokens[role] = app.token(`${role}-01`, role);
  });
  afterAll(async () => {
    feed?.close();
    await app.stop();
    rmSync(app.dataDir, { recursive: true, force: true });
  });

  it('opens the live feed for ops', async () => {
    feed = await app.sse('/api/v1/sla/alerts/stream', tokens.ops);
    expect(feed.response.status).toBe(200);
    expect(feed.response.headers.get('content-type')).toContain('text/event-stream');
  });

  it('starts the SLA clock when a reported person is assessed eligible', async () => {
    const filed = await app.call('POST', '/api/v1/reports', { subject: SITI, reporter: { kind: 'self' }, reason: 'Suami meninggal' });
    expect(filed.status).toBe(201);
    ticket = filed.body.ticket;
    const assessed = await app.call(
      'POST',
      `/api/v1/reports/${ticket}/assessment`,
      { eligible: true, reason: 'Janda tanpa penghasilan tetap', program: BLT, source: 'KABUPATEN' },
      tokens.assessor,
    );
    expect(assessed.status).toBe(200);
    const summary = await eventually(async () => {
      const res = await app.call('GET', '/api/v1/sla/summary', undefined, tokens.ops);
      expect(res.body.totals).toEqual({ open: 1, atRisk: 0, breached: 0 });
      return res.body;
    });
    expect(summary).toMatchObject({ slaDays: 7, atRiskHours: 48, monitor: { phase: 'live' } });
    expect(summary.districts).toEqual([expect.objectContaining({ district: '351001', open: 1 })]);
  });

  it('at 7 days minus 1 second: AT_RISK, and no breach', async () => {
    clock.set(new Date(T0 + 7 * DAY - 1000));
    const body = await eventually(async () => {
      const found = await alerts('?status=AT_RISK');
      expect(found.total).toBe(1);
      return found;
    });
    expect(body.items[0]).toMatchObject({ ticket, status: 'AT_RISK', district: '351001', lateByMs: -1000 });
    // The monitor has checked at this time (it raised AT_RISK): there is still no breach.
    expect((await alerts('?status=BREACHED')).total).toBe(0);
  });

  it('at 7 days plus 1 second: exactly one BREACHED, in the list and on the live feed', async () => {
    clock.set(new Date(T0 + 7 * DAY + 1000));
    const body = await eventually(async () => {
      const found = await alerts('?status=BREACHED&district=351001');
      expect(found.total).toBe(1);
      return found;
    });
    expect(body.items).toEqual([
      expect.objectContaining({
        ticket,
        status: 'BREACHED',
        district: '351001',
        deadline: '2026-03-09T08:00:00+07:00',
        raisedAt: '2026-03-09T08:00:01+07:00',
        lateByMs: 1000,
      }),
    ]);
    await eventually(async () => expect(feed.events.map((e) => e.data.status)).toEqual(['AT_RISK', 'BREACHED']));
    expect(feed.events.every((e) => e.event === 'alert' && /^\d+$/.test(e.id ?? ''))).toBe(true);
    expect(feed.events[1].data).toMatchObject({ ticket, status: 'BREACHED' });
    clock.advance(DAY);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await alerts()).total).toBe(2);
  });

  it('counts the breach per district in the summary', async () => {
    const res = await eventually(async () => {
      const r = await app.call('GET', '/api/v1/sla/summary', undefined, tokens.auditor);
      expect(r.body.totals).toEqual({ open: 1, atRisk: 0, breached: 1 });
      return r;
    });
    expect(res.status).toBe(200);
  });

  it('lets ops, admin and auditors read, and nobody else', async () => {
    for (const role of ['ops', 'admin', 'auditor'] as const) {
      expect((await app.call('GET', '/api/v1/sla/alerts', undefined, tokens[role])).status).toBe(200);
    }
    const operator = await app.call('GET', '/api/v1/sla/alerts', undefined, tokens.operator);
    expect(operator.status).toBe(403);
    expect(operator.body.error.code).toBe('FORBIDDEN');
    expect((await app.call('GET', '/api/v1/sla/summary')).status).toBe(401);
    expect((await app.sse('/api/v1/sla/alerts/stream', tokens.disburser)).response.status).toBe(403);
  });

  it.each([
    ['?status=LATE', 'INVALID_STATUS'],
    ['?district=3510', 'INVALID_DISTRICT'],
    ['?since=yesterday', 'INVALID_SINCE'],
    ['?since=2026-03-02T08:00:00', 'INVALID_SINCE'],
    ['?page=0', 'INVALID_PAGING'],
    ['?pageSize=501', 'INVALID_PAGING'],
  ])('answers 400 for a bad filter: %s', async (query, code) => {
    const res = await app.call('GET', `/api/v1/sla/alerts${query}`, undefined, tokens.ops);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('filters by since, in WIB or with an offset', async () => {
    expect((await alerts('?since=2026-03-09T08:00:01%2B07:00')).total).toBe(1);
    expect((await alerts('?since=2026-03-09')).total).toBe(2);
  });

  it('a late payment resolves the case as RESOLVED_LATE', async () => {
    const paid = await app.call('POST', `/api/v1/reports/${ticket}/disbursement`, { amount: 600000, method: 'CASH', reference: 'KW-9' }, tokens.disburser);
    expect(paid.status).toBe(200);
    const body = await eventually(async () => {
      const found = await alerts('?status=RESOLVED_LATE');
      expect(found.total).toBe(1);
      return found;
    });
    expect(body.items[0].lateByMs).toBe(DAY + 1000);
    await eventually(async () => expect(feed.events.map((e) => e.data.status)).toEqual(['AT_RISK', 'BREACHED', 'RESOLVED_LATE']));
    const summary = (await app.call('GET', '/api/v1/sla/summary', undefined, tokens.ops)).body;
    expect(summary.totals).toEqual({ open: 0, atRisk: 0, breached: 0 });
    expect(summary.timeToDisbursement).toMatchObject({ count: 1, medianMs: 8 * DAY + 1000, p95Ms: 8 * DAY + 1000 });
  });

  it('after a restart, no alert is lost or raised again; the feed resumes from Last-Event-ID', async () => {
    feed.close();
    const lastId = feed.events[1].id;
    app = await app.restart();
    await app.system.sla.monitor.whenLive();
    clock.advance(30 * DAY);
    await app.system.sla.monitor.check();
    const all = await alerts();
    expect(all.items.map((a: { status: string }) => a.status)).toEqual(['RESOLVED_LATE', 'BREACHED', 'AT_RISK']);
    feed = await app.sse('/api/v1/sla/alerts/stream', app.token('ops-01', 'ops'), lastId);
    await eventually(async () => expect(feed.events.map((e) => e.data.status)).toEqual(['RESOLVED_LATE']));
  });
});
