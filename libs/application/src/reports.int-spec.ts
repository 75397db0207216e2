import { join } from 'node:path';
import { householdStream, reportStream, subjectStream, type AssessEligibility, type Source } from '@bansos/domain';
import { SqliteEventStore } from '@bansos/eventstore';
import {
  citizen,
  countingConflicts,
  kkNo,
  nikNo,
  ofType,
  reportAbout,
  resident,
  staff,
  tempDir,
  ticketNo,
} from '../../../test/support/int-registry';
import { registerRecipient } from './registration';
import { assessEligibility, fileReport, recordDisbursement } from './reports';

const PKH = { code: 'PKH', name: 'Program Keluarga Harapan' };
const BLT_DD = { code: 'BLT-DD', name: 'BLT Dana Desa' };
const FATHER = resident(nikNo(1), kkNo(1), 'BUDI SANTOSO');
const SON = resident(nikNo(2), kkNo(1), 'AGUS SANTOSO');
const WIDOW = resident(nikNo(3), kkNo(2), 'SITI AMINAH', 'Jl. Mawar 1');
const AT = '2026-02-02T03:00:00.000Z';

const assess = (ticket: string, eligible: boolean, source: Source = 'KABUPATEN'): AssessEligibility => ({
  type: 'AssessEligibility',
  ticket,
  eligible,
  reason: eligible ? 'Janda tanpa penghasilan tetap' : 'Berpenghasilan di atas UMK',
  payer: eligible ? { program: BLT_DD, source } : null,
  assessedBy: 'tim-verif-01',
  at: AT,
});

describe('reports on the embedded event store', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  beforeEach(() => {
    temp = tempDir('reports');
    store = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  it('auto-rejects a report about a member of an enrolled household, citing the enrolment event', async () => {
    await registerRecipient(store, { person: FATHER, program: PKH, source: 'PUSAT' }, staff('reg-father'));
    const [registered] = ofType(await store.readStream(householdStream(kkNo(1))), 'RecipientRegistered');

    const filed = await fileReport(store, reportAbout(SON, ticketNo(1)), citizen('report-son'));

    const enrolmentEventId = registered.metadata.eventId;
    expect(typeof enrolmentEventId).toBe('string');
    expect(filed).toEqual({
      ok: true,
      value: {
        outcome: 'auto_rejected',
        ticket: ticketNo(1),
        match: { match: 'household', kk: kkNo(1), program: PKH, source: 'PUSAT', enrolmentEventId },
      },
    });
    const report = await store.readStream(reportStream(ticketNo(1)));
    expect(report.map((e) => e.type)).toEqual(['ReportFiled', 'ReportAutoRejected']);
    expect(report[1].data).toMatchObject({ match: 'household', enrolmentEventId });
    expect(await store.readStream(subjectStream(SON.nik))).toEqual([]); // no case opened
  });

  it('20 concurrent reports about one new person open exactly one case', async () => {
    const counted = countingConflicts(store);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => fileReport(counted.store, reportAbout(WIDOW, ticketNo(i + 1)), citizen(`r-${i}`))),
    );

    const values = answers.map((a) => (a.ok ? a.value : null));
    const opened = values.filter((v) => v?.outcome === 'awaiting_assessment');
    expect(opened).toHaveLength(1);
    expect(values.filter((v) => v?.outcome === 'duplicate')).toHaveLength(19);
    const ticket = opened[0]?.ticket;
    expect(new Set(values.map((v) => v?.ticket))).toEqual(new Set([ticket]));
    expect(counted.conflicts()).toBeGreaterThan(0);

    const cases = await store.readStream(subjectStream(WIDOW.nik));
    expect(cases.map((e) => [e.type, e.data.ticket])).toEqual([['CaseOpened', ticket]]);
    const reports = (await store.readAll()).filter((e) => e.type === 'ReportFiled');
    expect(reports.map((e) => e.data.ticket)).toEqual([ticket]); // duplicates leave no report behind
  });

  it('an eligible assessment enrols the household: a later report is auto-rejected as the person', async () => {
    const first = await fileReport(store, reportAbout(WIDOW, ticketNo(1)), citizen('report-1'));
    expect(first).toEqual({ ok: true, value: { outcome: 'awaiting_assessment', ticket: ticketNo(1) } });

    const assessed = await assessEligibility(store, assess(ticketNo(1), true), staff('assess-1', 'assessor'));
    expect(assessed).toEqual({ ok: true, value: { eligible: true, disbursementDeadline: '2026-02-09T03:00:00.000Z' } });
    const household = await store.readStream(householdStream(WIDOW.kk));
    expect(household.map((e) => [e.type, e.data.source, e.data.via])).toEqual([
      ['RecipientRegistered', 'KABUPATEN', { kind: 'assessment', ticket: ticketNo(1) }],
    ]);

    const later = await fileReport(store, reportAbout(WIDOW, ticketNo(2)), citizen('report-2'));
    expect(later).toMatchObject({
      ok: true,
      value: { outcome: 'auto_rejected', match: { match: 'person', source: 'KABUPATEN', enrolmentEventId: household[0].metadata.eventId } },
    });
  });

  it('two concurrent assessments of one ticket: exactly one decides', async () => {
    await fileReport(store, reportAbout(WIDOW, ticketNo(1)), citizen('report-1'));
    const counted = countingConflicts(store);
    const outcomes = await Promise.all([
      assessEligibility(counted.store, assess(ticketNo(1), true, 'PROVINSI'), staff('assess-a', 'assessor')),
      assessEligibility(counted.store, assess(ticketNo(1), true, 'KABUPATEN'), staff('assess-b', 'assessor')),
    ]);

    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ error: { code: 'REPORT_NOT_AWAITING_ASSESSMENT' } });
    expect(counted.conflicts()).toBeGreaterThan(0);
    expect(ofType(await store.readStream(reportStream(ticketNo(1))), 'EligibilityAssessed')).toHaveLength(1);
    expect(ofType(await store.readStream(householdStream(WIDOW.kk)), 'RecipientRegistered')).toHaveLength(1);
  });

  it('an eligible and a not-eligible decision racing: one wins, and only an eligible win enrols', async () => {
    await fileReport(store, reportAbout(WIDOW, ticketNo(1)), citizen('report-1'));
    const [yes, no] = await Promise.all([
      assessEligibility(store, assess(ticketNo(1), true), staff('assess-yes', 'assessor')),
      assessEligibility(store, assess(ticketNo(1), false), staff('assess-no', 'assessor')),
    ]);
    expect([yes.ok, no.ok].filter(Boolean)).toHaveLength(1);
    const enrolments = ofType(await store.readStream(householdStream(WIDOW.kk)), 'RecipientRegistered');
    expect(enrolments).toHaveLength(yes.ok ? 1 : 0);
  });

  it('aid is disbursed once, and only for an eligible report', async () => {
    await fileReport(store, reportAbout(WIDOW, ticketNo(1)), citizen('report-1'));
    const pay = (id: string) =>
      recordDisbursement(
        store,
        { type: 'RecordDisbursement', ticket: ticketNo(1), amount: 600000, method: 'CASH', reference: 'KW-001', disbursedBy: 'kasir-01', at: AT },
        staff(id, 'disburser'),
      );
    expect(await pay('pay-early')).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE' } });
    await assessEligibility(store, assess(ticketNo(1), true), staff('assess-1', 'assessor'));

    const [a, b] = await Promise.all([pay('pay-1'), pay('pay-2')]);
    expect([a, b].filter((o) => o.ok)).toHaveLength(1);
    expect([a, b].find((o) => !o.ok)).toMatchObject({ error: { code: 'ALREADY_DISBURSED' } });
    expect(ofType(await store.readStream(reportStream(ticketNo(1))), 'AidDisbursed')).toHaveLength(1);
  });

  it('every stored event carries its metadata: id, version 1, time, actor and correlation chain', async () => {
    await registerRecipient(store, { person: FATHER, program: PKH, source: 'PUSAT' }, staff('reg-father'));
    await fileReport(store, reportAbout(SON, ticketNo(1)), citizen('report-son'));
    await fileReport(store, reportAbout(WIDOW, ticketNo(2)), { ...citizen('report-widow'), causationId: 'cause-1' });
    await assessEligibility(store, assess(ticketNo(2), true), staff('assess-widow', 'assessor'));
    await recordDisbursement(
      store,
      { type: 'RecordDisbursement', ticket: ticketNo(2), amount: 600000, method: 'CASH', reference: 'KW-001', disbursedBy: 'kasir-01', at: AT },
      staff('pay-widow', 'disburser'),
    );

    const events = await store.readAll();
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['NikLinkedToHousehold', 'RecipientRegistered', 'ReportFiled', 'ReportAutoRejected', 'CaseOpened', 'EligibilityAssessed', 'AidDisbursed']),
    );
    for (const event of events) {
      expect(Object.keys(event.metadata).sort()).toEqual(
        ['actor', 'causationId', 'correlationId', 'eventId', 'occurredAt', 'schemaVersion'].sort(),
      );
      expect(event.metadata).toMatchObject({ eventId: event.id, schemaVersion: 1, occurredAt: AT });
      expect(event.metadata.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(String(event.metadata.correlationId)).toMatch(/^cor-/);
    }
    expect(new Set(events.map((e) => e.metadata.eventId)).size).toBe(events.length);
    const byType = (type: string) => events.find((e) => e.type === type)?.metadata;
    expect(byType('AidDisbursed')).toMatchObject({
      actor: { kind: 'staff', userId: 'disburser-01', role: 'disburser' },
      correlationId: 'cor-pay-widow',
      causationId: null,
    });
    expect(byType('CaseOpened')).toMatchObject({ actor: { kind: 'citizen' }, causationId: 'cause-1' });
  });

  // The decider refuses a used ticket (TICKET_EXISTS); fileReport must let it, not loop on the store.
  it('a ticket already in use is refused with TICKET_EXISTS, whatever stage 1 finds', async () => {
    await registerRecipient(store, { person: FATHER, program: PKH, source: 'PUSAT' }, staff('reg-father'));
    await fileReport(store, reportAbout(SON, ticketNo(1)), citizen('report-son'));

    const reused = resident(nikNo(9), kkNo(1), 'DIMAS SANTOSO'); // auto-rejected like the son
    const stranger = resident(nikNo(8), kkNo(8), 'ANA WIJAYA'); // would open a new case
    for (const [i, subject] of [reused, stranger].entries()) {
      const outcome = await fileReport(store, reportAbout(subject, ticketNo(1)), citizen(`again-${i}`)).catch((e: Error) => e);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'TICKET_EXISTS' } });
    }
    expect(await store.readStream(reportStream(ticketNo(1)))).toHaveLength(2);
    expect(await store.readStream(subjectStream(stranger.nik))).toEqual([]);
  });
});
