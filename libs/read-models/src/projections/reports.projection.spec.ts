import { BLT_DD, oneOfEach, PKH, SON, stored, TICKET } from '../testing/stored-events';
import type { ProjectedEvent } from './projection';
import { reportsProjection, type ReportDocument } from './reports.projection';

/** oneOfEach(): three registry events, four report events, CaseOpened. */
const [linked, registered, withdrawn, filed, autoRejected, assessedEligible, disbursed, caseOpened] = oneOfEach();
const assessedNotEligible = stored(
  {
    type: 'EligibilityAssessed',
    data: {
      ticket: TICKET,
      eligible: false,
      reason: 'Berpenghasilan di atas UMK',
      assessedBy: 'assessor-dinsos-02',
      assessedAt: '2026-01-02T04:00:00.000Z',
      program: null,
      source: null,
      disbursementDeadline: null,
    },
  },
  9,
);
const apply = (events: ProjectedEvent[], from: ReportDocument | null = null) =>
  events.reduce<ReportDocument | null>((doc, event) => reportsProjection.evolve(doc, event, TICKET), from);

const FILED_DOC: ReportDocument = {
  ticket: TICKET,
  status: 'awaiting_assessment',
  channel: 'ONLINE',
  reporterKind: 'self',
  reason: 'Ayah kehilangan pekerjaan',
  subject: SON,
  maskedName: 'A****A P*****A',
  districtCode: '351001',
  filedAt: '2026-01-01T01:30:00.000Z',
  updatedAt: '2026-01-01T01:30:00.000Z',
  autoRejection: null,
  decision: null,
  disbursement: null,
};

describe('reports projection: keys', () => {
  it('report events touch the report, by ticket', () => {
    for (const event of [filed, autoRejected, assessedEligible, disbursed]) {
      expect(reportsProjection.keysOf(event)).toEqual([TICKET]);
    }
  });

  it('registry and case events touch no report', () => {
    for (const event of [linked, registered, withdrawn, caseOpened]) {
      expect(reportsProjection.keysOf(event)).toEqual([]);
    }
  });
});

describe('reports projection: evolve', () => {
  it('a filed report awaits assessment, with its kecamatan (6 digits of the village code) and masked name', () => {
    expect(apply([filed])).toEqual(FILED_DOC);
  });

  it('an auto-rejection records the match it rests on', () => {
    expect(apply([filed, autoRejected])).toEqual({
      ...FILED_DOC,
      status: 'auto_rejected',
      autoRejection: {
        match: 'household',
        program: PKH,
        source: 'PUSAT',
        enrolmentEventId: 'evt-2',
        rejectedAt: '2026-01-01T01:30:00.000Z',
      },
    });
  });

  it('an eligible decision records who pays and the deadline', () => {
    expect(apply([filed, assessedEligible])).toEqual({
      ...FILED_DOC,
      status: 'eligible',
      updatedAt: '2026-01-01T03:00:00.000Z',
      decision: {
        eligible: true,
        reason: 'Tidak berpenghasilan tetap',
        assessedBy: 'assessor-dinsos-01',
        assessedAt: '2026-01-01T03:00:00.000Z',
        program: BLT_DD,
        source: 'KABUPATEN',
        disbursementDeadline: '2026-01-08T03:00:00.000Z',
      },
    });
  });

  it('a not-eligible decision has no payer and no deadline', () => {
    expect(apply([filed, assessedNotEligible])).toMatchObject({
      status: 'not_eligible',
      updatedAt: '2026-01-02T04:00:00.000Z',
      decision: { eligible: false, program: null, source: null, disbursementDeadline: null },
    });
  });

  it('a disbursement closes the report and keeps the decision', () => {
    expect(apply([filed, assessedEligible, disbursed])).toEqual({
      ...apply([filed, assessedEligible]),
      status: 'disbursed',
      updatedAt: '2026-01-06T04:00:00.000Z',
      disbursement: {
        amount: 600000,
        method: 'TRANSFER_BANK',
        reference: 'BRI-0098812',
        disbursedBy: 'petugas-bank-03',
        disbursedAt: '2026-01-06T04:00:00.000Z',
      },
    });
  });

  it('follow-up events for a report never filed create no document', () => {
    for (const event of [autoRejected, assessedEligible, disbursed]) expect(apply([event])).toBeNull();
  });

  it('registry and case events leave a document as it is', () => {
    const doc = apply([filed]);
    for (const event of [linked, registered, withdrawn, caseOpened]) {
      expect(reportsProjection.evolve(doc, event, TICKET)).toBe(doc);
    }
  });
});

describe('reports projection: the same event applied twice changes nothing', () => {
  // Every report event is idempotent by itself: ReportFiled builds the document from its own
  // data, the others overwrite status, one section and updatedAt. Non-report events return the doc.
  const start: Array<[string, ReportDocument | null]> = [
    ['no document', null],
    ['a filed report', apply([filed])],
    ['an eligible report', apply([filed, assessedEligible])],
  ];
  const events = [...oneOfEach(), assessedNotEligible];
  const cases = start.flatMap(([label, doc]) => events.map((e) => [e.type, label, doc, e] as const));

  it.each(cases)('%s on %s', (_type, _label, doc, event) => {
    const once = reportsProjection.evolve(doc, event, TICKET);
    expect(reportsProjection.evolve(once, event, TICKET)).toEqual(once);
  });

  it('but ReportFiled replayed after a decision would reset it: the projector skips it by position', () => {
    expect(reportsProjection.evolve(apply([filed, assessedEligible]), filed, TICKET)).toEqual(FILED_DOC);
  });
});
