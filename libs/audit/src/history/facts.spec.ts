import type { StoredEvent } from '@bansos/domain';
import { oneOfEach, stored, TICKET } from '../../../read-models/src/testing/stored-events';
import { toEntry } from './entries';
import { withFacts } from './facts';

/** oneOfEach(): positions 1-8; the auto-reject (5) names evt-2, Budi's registration, as its match. */
const [linked, registered, withdrawn, filed, autoRejected, assessed, disbursed, caseOpened] = oneOfEach();
const byType = (items: ReturnType<typeof withFacts>, type: string) => items.find((i) => i.type === type)!;

describe('history entries', () => {
  it('say who, in which role, when in UTC and WIB, why, and the correlation chain', () => {
    expect(toEntry(filed)).toMatchObject({
      position: '4',
      eventId: 'evt-4',
      who: 'operator-desa-01',
      role: 'operator',
      occurredAt: '2026-01-01T00:00:00.000Z',
      occurredAtWib: '2026-01-01T07:00:00+07:00',
      why: 'Ayah kehilangan pekerjaan',
      correlationId: 'cor-4',
      causationId: null,
    });
    expect(toEntry(autoRejected).why).toBe('Stage 1: their household (KK) is already enrolled (PKH, source PUSAT).');
    expect(toEntry(registered).why).toBe('Registered by an operator.');
    expect(toEntry(withdrawn).why).toBe('Pindah domisili');
    const citizen = { ...filed, metadata: { ...filed.metadata, actor: { kind: 'citizen' } as const } };
    expect(toEntry(citizen)).toMatchObject({ who: 'citizen', role: 'citizen' });
  });

  it('list an event that is not a decision with no reason', () => {
    const read: StoredEvent = { ...filed, type: 'AuditRecordViewed', data: { view: 'history' } };
    expect(toEntry(read)).toMatchObject({ type: 'AuditRecordViewed', why: null });
  });
});

describe('facts each decision rested on', () => {
  const all = [linked, registered, withdrawn, filed, autoRejected, assessed, disbursed, caseOpened];
  const items = withFacts(all, all);

  it('resolves the enrolment an auto-reject matched to the RecipientRegistered event itself', () => {
    const [fact] = byType(items, 'ReportAutoRejected').restsOn;
    expect(fact).toMatchObject({ relation: 'matched_enrolment', eventId: 'evt-2' });
    expect(fact.event).toMatchObject({ type: 'RecipientRegistered', eventId: 'evt-2', streamId: registered.streamId });
  });

  it('ties an assessment and a case to the report, a payment to the assessment, a withdrawal to the enrolment', () => {
    expect(byType(items, 'EligibilityAssessed').restsOn).toMatchObject([{ relation: 'report_filed', eventId: 'evt-4' }]);
    expect(byType(items, 'CaseOpened').restsOn).toMatchObject([{ relation: 'report_filed', eventId: 'evt-4' }]);
    expect(byType(items, 'AidDisbursed').restsOn).toMatchObject([{ relation: 'eligibility_assessed', eventId: 'evt-6' }]);
    expect(byType(items, 'RecipientWithdrawn').restsOn).toMatchObject([{ relation: 'enrolment_ended', eventId: 'evt-2' }]);
    expect(byType(items, 'ReportFiled').restsOn).toEqual([]);
  });

  it('ties an enrolment by assessment to that assessment, though it was written just before it', () => {
    if (registered.type !== 'RecipientRegistered') throw new Error('oneOfEach() changed its order');
    const enrolled = stored({ type: 'RecipientRegistered', data: { ...registered.data, via: { kind: 'assessment', ticket: TICKET } } }, 5); // before the assessment (6)
    const [fact] = withFacts([enrolled], all)[0].restsOn;
    expect(fact).toMatchObject({ relation: 'eligibility_assessed', eventId: 'evt-6' });
  });

  it('says so when the matched enrolment is not in the store', () => {
    const [fact] = withFacts([autoRejected], [autoRejected])[0].restsOn;
    expect(fact).toEqual({ relation: 'matched_enrolment', eventId: 'evt-2', event: null });
  });
});
