import { auditStream, CURRENT_SCHEMA_VERSION } from '@bansos/domain';
import { runFlow, type FlowRecord } from '../support/audit-flow';
import { RunningApp } from '../support/http-app';
import { BUDI, BUDI_SON, SITI } from '../support/people';

/** Auditors over HTTP, on a store filled by the e2e flow. */
describe('Audit over HTTP', () => {
  let app: RunningApp;
  let flow: FlowRecord;
  let auditor: string;

  beforeAll(async () => {
    app = await RunningApp.start();
    flow = await runFlow(app);
    auditor = app.token('auditor-bpk-01', 'auditor');
  });
  afterAll(() => app.stop());

  const history = (ticket: string, token = auditor) => app.call('GET', `/api/v1/audit/reports/${ticket}/history`, undefined, token);
  type Item = { type: string; eventId: string; position: string; restsOn: { relation: string; eventId: string; event: Item | null }[] } & Record<string, any>;

  it('is for auditors and admins only', async () => {
    expect((await history(flow.sitiTicket, '')).status).toBe(401);
    expect((await history(flow.sitiTicket, app.token('op-desa-01', 'operator'))).status).toBe(403);
    expect((await app.call('POST', '/api/v1/audit/history', { nik: SITI.nik }, app.token('tim-verif-01', 'assessor'))).status).toBe(403);
    expect((await history(flow.sitiTicket, app.token('root', 'admin'))).status).toBe(200);
  });

  it("shows an auto-reject with the enrolment it matched, resolved to Budi's RecipientRegistered event", async () => {
    const res = await history(flow.sonTicket);
    expect(res.status).toBe(200);
    const events = res.body.events as Item[];
    expect(events.map((e) => e.type)).toEqual(['ReportFiled', 'ReportAutoRejected']);
    const [filed, rejected] = events;
    expect(filed).toMatchObject({ who: 'citizen', role: 'citizen', why: 'Belum menerima bantuan' });
    expect(rejected.why).toMatch(/household \(KK\) is already enrolled \(PKH, source PUSAT\)/);
    expect(rejected.correlationId).toBe(filed.correlationId);
    const [fact] = rejected.restsOn;
    expect(fact.relation).toBe('matched_enrolment');
    expect(fact.eventId).toBe(rejected.data.enrolmentEventId);
    expect(fact.event).toMatchObject({
      type: 'RecipientRegistered',
      eventId: rejected.data.enrolmentEventId,
      streamId: `household-${BUDI.kk}`,
      who: 'op-desa-01',
      role: 'operator',
      data: { nik: BUDI.nik, source: 'PUSAT', via: { kind: 'registration' } },
    });
    expect(BigInt(fact.event!.position)).toBeLessThan(BigInt(rejected.position));
  });

  it("lists a report's whole life in order: who, when in UTC and WIB, role, why, correlation, facts", async () => {
    const res = await history(flow.sitiTicket);
    const all = res.body.events as Item[];
    // The SLA monitor's alerts about the report are listed too, once it has judged the case.
    const events = all.filter((e) => !e.type.startsWith('Sla'));
    expect(events.map((e) => e.type)).toEqual([
      'CaseOpened',
      'ReportFiled',
      'NikLinkedToHousehold',
      'RecipientRegistered',
      'EligibilityAssessed',
      'AidDisbursed',
    ]);
    const positions = all.map((e) => BigInt(e.position));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    expect(byType.EligibilityAssessed).toMatchObject({ who: 'tim-verif-01', role: 'assessor', why: 'Janda, tanpa penghasilan tetap' });
    expect(byType.EligibilityAssessed.occurredAtWib).toMatch(/\+07:00$/);
    // WIB is shown to the second: the same instant as the UTC time, milliseconds dropped.
    const utcSecond = Math.floor(Date.parse(byType.EligibilityAssessed.occurredAt) / 1000) * 1000;
    expect(Date.parse(byType.EligibilityAssessed.occurredAtWib)).toBe(utcSecond);
    expect(byType.EligibilityAssessed.restsOn[0]).toMatchObject({ relation: 'report_filed', eventId: byType.ReportFiled.eventId });
    expect(byType.AidDisbursed.restsOn[0]).toMatchObject({ relation: 'eligibility_assessed', eventId: byType.EligibilityAssessed.eventId });
    expect(byType.RecipientRegistered.why).toBe(`Enrolled by the eligible assessment of report ${flow.sitiTicket}.`);
    // One command wrote the assessment and the enrolment: one correlation chain.
    expect(byType.RecipientRegistered.correlationId).toBe(byType.EligibilityAssessed.correlationId);
    expect(byType.AidDisbursed).toMatchObject({ who: 'kasir-01', role: 'disburser' });
  });

  it('finds every report about a NIK, the auto-rejected one too (it opens no case), with the household', async () => {
    const res = await app.call('POST', '/api/v1/audit/history', { nik: BUDI_SON.nik }, auditor);
    expect(res.status).toBe(200);
    expect(res.body.tickets).toEqual([flow.sonTicket]);
    expect(res.body.households).toEqual([BUDI_SON.kk]);
    const types = (res.body.events as Item[]).map((e) => `${e.type}@${e.streamId}`);
    // His own registration was refused, so his NIK was never linked: no nik- stream events.
    expect(types).toEqual([
      `RecipientRegistered@household-${BUDI.kk}`,
      `ReportFiled@report-${flow.sonTicket}`,
      `ReportAutoRejected@report-${flow.sonTicket}`,
    ]);
  });

  it('answers 404 for an unknown ticket and 400 for a bad NIK, asOf or ticket', async () => {
    expect((await history('BNS-000000000000')).status).toBe(404);
    expect((await app.call('POST', '/api/v1/audit/history', { nik: '123' }, auditor)).body.error.code).toBe('INVALID_NIK');
    expect((await app.call('GET', `/api/v1/audit/reports/${flow.sitiTicket}/status?asOf=kemarin`, undefined, auditor)).body.error.code).toBe('INVALID_AS_OF');
    expect((await history('not-a-ticket')).body.error.code).toBe('INVALID_TICKET');
  });

  it('answers as of an instant: before the assessment Siti awaited it and was not covered; after, eligible and enrolled', async () => {
    const reportAt = (asOf: string) => app.call('GET', `/api/v1/audit/reports/${flow.sitiTicket}/status?asOf=${encodeURIComponent(asOf)}`, undefined, auditor);
    const nikAt = (asOf: string) => app.call('POST', `/api/v1/audit/status?asOf=${encodeURIComponent(asOf)}`, { nik: SITI.nik }, auditor);

    expect((await reportAt(flow.afterFiling)).body).toMatchObject({ status: 'awaiting_assessment', payer: null });
    expect((await reportAt(flow.afterAssessment)).body).toMatchObject({ status: 'eligible', payer: { source: 'KABUPATEN' } });
    expect((await app.call('GET', `/api/v1/audit/reports/${flow.sitiTicket}/status`, undefined, auditor)).body.status).toBe('disbursed');
    expect((await reportAt('2020-01-01T00:00:00+07:00')).body.status).toBe('none');

    expect((await nikAt(flow.afterFiling)).body).toMatchObject({ enrolled: false, kk: null });
    expect((await nikAt(flow.afterAssessment)).body).toMatchObject({
      enrolled: true,
      match: 'person',
      kk: SITI.kk,
      source: 'KABUPATEN',
      program: { code: 'BLT-DD' },
    });
    const son = await app.call('POST', '/api/v1/audit/status', { nik: BUDI_SON.nik }, auditor);
    expect(son.body).toMatchObject({ enrolled: false, kk: null }); // his own registration was refused: never linked
  });

  it("records every audit read in the reader's own stream: who looked up which NIK or ticket, when", async () => {
    const reader = app.token('auditor-inspektorat-02', 'auditor');
    await app.call('POST', '/api/v1/audit/history', { nik: SITI.nik }, reader);
    await app.call('GET', `/api/v1/audit/reports/${flow.sitiTicket}/status?asOf=${encodeURIComponent(flow.afterFiling)}`, undefined, reader);
    await app.call('POST', '/api/v1/audit/history', { nik: '123' }, reader); // refused before any record was read
    const trail = await app.system.events.readStream(auditStream('auditor-inspektorat-02'));
    expect(trail.map((e) => e.data)).toEqual([
      { record: { kind: 'nik', nik: SITI.nik }, view: 'history', asOf: null, viewedAt: expect.any(String) },
      { record: { kind: 'report', ticket: flow.sitiTicket }, view: 'status', asOf: flow.afterFiling, viewedAt: expect.any(String) },
    ]);
    expect(trail[0].metadata).toMatchObject({ actor: { kind: 'staff', userId: 'auditor-inspektorat-02', role: 'auditor' }, schemaVersion: 1 });
  });

  it('stores every event with the schema version its type is written at', async () => {
    const all = await app.system.events.readAll({ maxCount: 10_000 });
    expect(all.length).toBeGreaterThan(10);
    for (const event of all) {
      expect(event.metadata.schemaVersion).toBe(CURRENT_SCHEMA_VERSION[event.type as keyof typeof CURRENT_SCHEMA_VERSION]);
    }
  });
});
