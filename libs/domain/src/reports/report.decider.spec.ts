import type { EnrolmentMatch } from '../registry/enrolment';
import { deciderSpec, foldEvents } from '../testing/decider-spec';
import { BLT_DD, KK_SANTOSO, PKH, SON } from '../testing/fixtures';
import {
  aidDisbursed,
  assess,
  autoRejected,
  eligibilityAssessed,
  fileReport,
  householdMatch,
  recordDisbursement,
  reportFiled,
  TICKET,
} from '../testing/report-fixtures';
import {
  decideReport,
  evolveReport,
  initialReportState,
  isOpenCase,
  type ReportCommand,
  type ReportState,
} from './report.decider';
import type { ReportEvent } from './report.events';

/** `match` is what stage 1 found in the registry for the subject (only read when filing). */
const reportSpec = (match: EnrolmentMatch | null = null) =>
  deciderSpec({
    decide: (c: ReportCommand, s: ReportState) => decideReport(c, s, match),
    evolve: evolveReport,
    initialState: initialReportState,
  });
const spec = reportSpec();
const stateAfter = (...events: ReportEvent[]) => foldEvents(evolveReport, initialReportState, events);

describe('report decider: filing (stage 1)', () => {
  it('files a report about someone not enrolled: it waits for assessment', () => {
    spec.given([]).when(fileReport()).then([reportFiled()]);
  });

  it('auto-rejects a report whose household is enrolled, carrying the fact it rests on', () => {
    reportSpec(householdMatch)
      .given([])
      .when(fileReport())
      .then([
        reportFiled(),
        {
          type: 'ReportAutoRejected',
          data: {
            ticket: TICKET,
            match: 'household',
            kk: KK_SANTOSO,
            program: { code: 'PKH', name: 'Program Keluarga Harapan' },
            source: 'PUSAT',
            enrolmentEventId: 'evt-father-registered',
            rejectedAt: '2026-01-01T01:30:00.000Z',
          },
        },
      ]);
  });

  it('auto-rejects a report about a person enrolled themself', () => {
    const personMatch: EnrolmentMatch = {
      match: 'person',
      kk: SON.kk,
      program: BLT_DD,
      source: 'KABUPATEN',
      enrolmentEventId: 'evt-son-registered',
    };
    reportSpec(personMatch).given([]).when(fileReport()).then([reportFiled(), autoRejected(personMatch)]);
  });

  it('refuses a second report under the same ticket: TICKET_EXISTS', () => {
    spec.given([reportFiled()]).when(fileReport()).thenRejects('TICKET_EXISTS');
  });
});

describe('report decider: assessing eligibility (stage 2)', () => {
  it('records an eligible decision with who pays and a deadline exactly 7 days later', () => {
    spec.given([reportFiled()]).when(assess(true, { program: PKH, source: 'KABUPATEN' })).then([
      {
        type: 'EligibilityAssessed',
        data: {
          ticket: TICKET,
          eligible: true,
          reason: 'Tidak berpenghasilan tetap, 5 tanggungan',
          assessedBy: 'assessor-dinsos-01',
          assessedAt: '2026-01-01T03:00:00.000Z',
          program: PKH,
          source: 'KABUPATEN',
          disbursementDeadline: '2026-01-08T03:00:00.000Z',
        },
      },
    ]);
  });

  it('counts the 7 days across a month and year end', () => {
    const decision = decideReport({ ...assess(true), at: '2026-12-28T16:59:59.999Z' }, stateAfter(reportFiled()));
    expect(decision).toMatchObject({
      ok: true,
      events: [{ data: { disbursementDeadline: '2027-01-04T16:59:59.999Z' } }],
    });
  });

  it('records a not-eligible decision with no payer and no deadline', () => {
    spec.given([reportFiled()]).when(assess(false)).then([eligibilityAssessed(false)]);
  });

  it('drops a payer given with a not-eligible decision', () => {
    spec
      .given([reportFiled()])
      .when(assess(false, { program: PKH, source: 'PUSAT' }))
      .then([eligibilityAssessed(false)]);
  });

  it('refuses an eligible decision without a payer: PAYER_REQUIRED', () => {
    spec.given([reportFiled()]).when(assess(true, null)).thenRejects('PAYER_REQUIRED');
  });

  it('refuses to assess an unknown ticket: REPORT_NOT_FOUND', () => {
    spec.given([]).when(assess(true)).thenRejects('REPORT_NOT_FOUND');
  });

  it.each([
    ['auto-rejected', [reportFiled(), autoRejected()]],
    ['already eligible', [reportFiled(), eligibilityAssessed(true)]],
    ['not eligible', [reportFiled(), eligibilityAssessed(false)]],
    ['disbursed', [reportFiled(), eligibilityAssessed(true), aidDisbursed()]],
  ] as const)('refuses to assess a report that is %s: REPORT_NOT_AWAITING_ASSESSMENT', (_label, events) => {
    spec.given(events).when(assess(true)).thenRejects('REPORT_NOT_AWAITING_ASSESSMENT');
  });
});

describe('report decider: recording a disbursement', () => {
  it('records the disbursement of an eligible report', () => {
    spec.given([reportFiled(), eligibilityAssessed(true)]).when(recordDisbursement()).then([
      {
        type: 'AidDisbursed',
        data: {
          ticket: TICKET,
          amount: 600000,
          method: 'TRANSFER_BANK',
          reference: 'BRI-0098812',
          disbursedBy: 'petugas-bank-03',
          disbursedAt: '2026-01-06T04:00:00.000Z',
        },
      },
    ]);
  });

  it('refuses a second disbursement: ALREADY_DISBURSED', () => {
    spec
      .given([reportFiled(), eligibilityAssessed(true), aidDisbursed()])
      .when(recordDisbursement())
      .thenRejects('ALREADY_DISBURSED');
  });

  it('refuses a disbursement before assessment: NOT_ELIGIBLE', () => {
    spec.given([reportFiled()]).when(recordDisbursement()).thenRejects('NOT_ELIGIBLE');
  });

  it.each([
    ['not eligible', [reportFiled(), eligibilityAssessed(false)]],
    ['auto-rejected', [reportFiled(), autoRejected()]],
  ] as const)('refuses a disbursement for a report that is %s: NOT_ELIGIBLE', (_label, events) => {
    spec.given(events).when(recordDisbursement()).thenRejects('NOT_ELIGIBLE');
  });

  it('refuses a disbursement for an unknown ticket: REPORT_NOT_FOUND', () => {
    spec.given([]).when(recordDisbursement()).thenRejects('REPORT_NOT_FOUND');
  });
});

describe('report state', () => {
  it('follows the life of a report, keeping the subject and the deadline', () => {
    expect(stateAfter(reportFiled())).toEqual({ status: 'awaiting_assessment', subject: SON });
    expect(stateAfter(reportFiled(), autoRejected())).toEqual({ status: 'auto_rejected', subject: SON });
    expect(stateAfter(reportFiled(), eligibilityAssessed(false))).toEqual({ status: 'not_eligible', subject: SON });
    expect(stateAfter(reportFiled(), eligibilityAssessed(true))).toEqual({
      status: 'eligible',
      subject: SON,
      program: PKH,
      source: 'KABUPATEN',
      deadline: '2026-01-08T03:00:00.000Z',
    });
    expect(stateAfter(reportFiled(), eligibilityAssessed(true), aidDisbursed())).toEqual({
      status: 'disbursed',
      subject: SON,
    });
  });

  it('ignores follow-up events for a report it never saw filed', () => {
    expect(stateAfter(autoRejected(), eligibilityAssessed(true), aidDisbursed())).toEqual({ status: 'none' });
  });

  it('a case is open while someone must still act: assess it or pay it', () => {
    const open = (...events: ReportEvent[]) => isOpenCase(stateAfter(...events));
    expect(open()).toBe(false);
    expect(open(reportFiled())).toBe(true);
    expect(open(reportFiled(), eligibilityAssessed(true))).toBe(true);
    expect(open(reportFiled(), autoRejected())).toBe(false);
    expect(open(reportFiled(), eligibilityAssessed(false))).toBe(false);
    expect(open(reportFiled(), eligibilityAssessed(true), aidDisbursed())).toBe(false);
  });
});
