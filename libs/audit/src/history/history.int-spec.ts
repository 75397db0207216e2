import { join } from 'node:path';
import { fileReport } from '@bansos/application';
import { householdStream } from '@bansos/domain';
import { SqliteEventStore } from '@bansos/eventstore';
import { hmacLookupKeys, SqliteReadModelStore, type Projector } from '@bansos/read-models';
import { citizen, reportAbout, tempDir, ticketNo } from '../../../../test/support/int-registry';
import { startAuditIndexer } from '../audit-index/audit-indexer';
import { ASSESSED_AT, FATHER, SON, SON_TICKET, WIDOW, WIDOW_TICKET, writeSantosoLog } from '../testing/santoso-log';
import { nikHistory, reportHistory } from './history';

describe('decision histories from the event store', () => {
  const keys = hmacLookupKeys('rahasia-uji-bukan-produksi');
  let temp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;

  beforeEach(async () => {
    temp = tempDir('history');
    events = SqliteEventStore.open(join(temp.dir, 'events.sqlite'));
    readModels = SqliteReadModelStore.open(join(temp.dir, 'read-models.sqlite'));
    await writeSantosoLog(events);
  });
  afterEach(async () => {
    await Promise.all([events.close(), readModels.close()]);
    temp.remove();
  });

  it("gives an auto-reject's matched enrolment as the RecipientRegistered event it names", async () => {
    const history = await reportHistory(events, SON_TICKET);
    const [registered] = await events.readStream(householdStream(FATHER.kk));
    expect(history?.events.map((e) => e.type)).toEqual(['ReportFiled', 'ReportAutoRejected']);
    const rejected = history!.events[1];
    expect(rejected.restsOn).toEqual([
      expect.objectContaining({ relation: 'matched_enrolment', eventId: registered.id, event: expect.objectContaining({ position: registered.position.toString(), type: 'RecipientRegistered' }) }),
    ]);
    expect(history!.streams).toEqual([`report-${SON_TICKET}`]);
  });

  it("lists the enrolment an eligible assessment made among the report's events, in position order", async () => {
    const history = await reportHistory(events, WIDOW_TICKET);
    expect(history?.events.map((e) => `${e.type} ${e.occurredAt}`)).toEqual([
      `CaseOpened 2026-02-02T03:00:00.000Z`,
      `ReportFiled 2026-02-02T03:00:00.000Z`,
      `NikLinkedToHousehold ${ASSESSED_AT}`,
      `RecipientRegistered ${ASSESSED_AT}`,
      `EligibilityAssessed ${ASSESSED_AT}`,
      'AidDisbursed 2026-02-05T03:00:00.000Z',
    ]);
  });

  it('has no history for a ticket nobody filed', async () => {
    expect(await reportHistory(events, ticketNo(99))).toBeNull();
  });

  it('finds an auto-rejected report about a NIK by reading the log when there is no index yet', async () => {
    const history = await nikHistory(events, readModels, keys, SON.nik);
    expect(history.tickets).toEqual([SON_TICKET]);
    expect(history.households).toEqual([SON.kk]);
    // The household's enrolment (Budi's) is listed: stage 1 matched it. The son was never linked himself.
    expect(history.events.map((e) => e.type)).toEqual(['RecipientRegistered', 'ReportFiled', 'ReportAutoRejected']);
  });

  describe('with the audit index running', () => {
    let indexer: Projector;
    beforeEach(async () => {
      indexer = await startAuditIndexer(events, readModels, keys);
      await indexer.waitFor(await events.headPosition());
    });
    afterEach(() => indexer.stop());

    it('takes tickets from the index and reads only the log after its checkpoint, once each', async () => {
      await indexer.stop(); // freeze the index: the next report is in the log only
      await fileReport(events, reportAbout(SON, ticketNo(3), '2026-03-01T00:00:00.000Z'), citizen('report-son-again', '2026-03-01T00:00:00.000Z'));
      const history = await nikHistory(events, readModels, keys, SON.nik);
      expect(history.tickets).toEqual([SON_TICKET, ticketNo(3)]);
    });

    it("lists a person's link, household, case and report in position order", async () => {
      const history = await nikHistory(events, readModels, keys, WIDOW.nik);
      expect(history.tickets).toEqual([WIDOW_TICKET]);
      const positions = history.events.map((e) => BigInt(e.position));
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
      expect(history.events.map((e) => e.type)).toEqual([
        'CaseOpened',
        'ReportFiled',
        'NikLinkedToHousehold',
        'RecipientRegistered',
        'EligibilityAssessed',
        'AidDisbursed',
      ]);
    });
  });
});
