import type { HouseholdEvent, NikEvent, ReportEvent, StoredEvent } from '@bansos/domain';
import { BLT_DD, FATHER, KK_SANTOSO, MOTHER, oneOfEach, PKH, SON, stored, TICKET } from '../../../read-models/src/testing/stored-events';
import { at } from '../testing/recorded';
import { nikAsOf, reportAsOf, until } from './as-of';

const [linked, registered, withdrawn, filed, , assessed, disbursed] = oneOfEach();
const report = [at(filed, '2026-01-01T01:30:00.000Z'), at(assessed, '2026-01-01T03:00:00.000Z'), at(disbursed, '2026-01-06T04:00:00.000Z')] as (StoredEvent & ReportEvent)[];

describe('report status as of an instant', () => {
  it('folds only what had happened by then', () => {
    expect(reportAsOf(TICKET, report, '2026-01-01T01:00:00.000Z')).toMatchObject({ status: 'none', payer: null, lastEvent: null });
    expect(reportAsOf(TICKET, report, '2026-01-01T02:59:59.999Z')).toMatchObject({ status: 'awaiting_assessment', payer: null });
    expect(reportAsOf(TICKET, report, '2026-01-01T03:00:00.000Z')).toMatchObject({
      status: 'eligible',
      payer: { program: BLT_DD, source: 'KABUPATEN', deadline: '2026-01-08T03:00:00.000Z' },
      lastEvent: { type: 'EligibilityAssessed', eventId: assessed.metadata.eventId },
    });
    expect(reportAsOf(TICKET, report, '2026-02-01T00:00:00.000Z').status).toBe('disbursed');
  });

  it('answers the instant in UTC and WIB', () => {
    expect(reportAsOf(TICKET, report, '2026-01-01T03:00:00.000Z')).toMatchObject({
      asOf: '2026-01-01T03:00:00.000Z',
      asOfWib: '2026-01-01T10:00:00+07:00',
    });
  });

  it('counts an event at the very instant asked about as happened (occurredAt <= asOf)', () => {
    expect(until(report, '2026-01-01T01:30:00.000Z')).toHaveLength(1);
    expect(until(report, '2026-01-01T01:29:59.999Z')).toHaveLength(0);
  });
});

describe('NIK status as of an instant', () => {
  const links = [at(linked, '2026-01-05T02:00:00.000Z')] as (StoredEvent & NikEvent)[]; // FATHER -> KK_SANTOSO
  const household = [at(registered, '2026-01-05T02:00:00.000Z'), at(withdrawn, '2026-03-01T01:00:00.000Z')] as (StoredEvent & HouseholdEvent)[];
  const households = new Map([[KK_SANTOSO, household]]);

  it('is not covered before the NIK was linked to any household', () => {
    expect(nikAsOf(FATHER.nik, links, households, '2026-01-04T00:00:00.000Z')).toMatchObject({ kk: null, enrolled: false, match: null });
  });

  it('is covered while the household is enrolled: the recipient as a person', () => {
    expect(nikAsOf(FATHER.nik, links, households, '2026-02-01T00:00:00.000Z')).toMatchObject({
      kk: KK_SANTOSO,
      enrolled: true,
      match: 'person',
      program: PKH,
      source: 'PUSAT',
      enrolledAt: '2026-01-05T02:00:00.000Z',
      enrolmentEventId: registered.metadata.eventId,
    });
  });

  it('covers another member through the household, as stage 1 does', () => {
    const sonLinked = [{ ...stored({ type: 'NikLinkedToHousehold', data: { nik: SON.nik, kk: KK_SANTOSO, linkedAt: 'x' } }, 20), metadata: { ...linked.metadata, occurredAt: '2026-01-10T00:00:00.000Z' } }] as (StoredEvent & NikEvent)[];
    expect(nikAsOf(SON.nik, sonLinked, households, '2026-02-01T00:00:00.000Z')).toMatchObject({ enrolled: true, match: 'household' });
    expect(nikAsOf(MOTHER.nik, [], households, '2026-02-01T00:00:00.000Z')).toMatchObject({ enrolled: false, kk: null });
  });

  it('is no longer covered after the recipient was withdrawn', () => {
    expect(nikAsOf(FATHER.nik, links, households, '2026-03-01T01:00:00.000Z')).toMatchObject({ kk: KK_SANTOSO, enrolled: false, source: null });
  });
});
