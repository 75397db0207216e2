import { deciderSpec, foldEvents } from '../testing/decider-spec';
import { aidDisbursed, autoRejected, eligibilityAssessed, reportFiled, TICKET } from '../testing/report-fixtures';
import { evolveReport, initialReportState } from './report.decider';
import type { CaseOpened, ReportEvent } from './report.events';
import {
  decideOpenCase,
  evolveSubject,
  initialSubjectState,
  type OpenCase,
  type SubjectState,
} from './subject.decider';

/** One open case per subject (NIK). `lastReport` events are those of the subject's last case. */
const subjectSpec = (...lastReport: ReportEvent[]) => {
  const lastReportState = foldEvents(evolveReport, initialReportState, lastReport);
  return deciderSpec({
    decide: (c: OpenCase, s: SubjectState) => decideOpenCase(c, s, lastReportState),
    evolve: evolveSubject,
    initialState: initialSubjectState,
  });
};

const NEW_TICKET = 'LPR-20260115-0042';
const AT = '2026-01-15T05:00:00.000Z';
const openCase = (ticket = NEW_TICKET): OpenCase => ({ type: 'OpenCase', ticket, at: AT });
const caseOpened = (ticket: string, openedAt = AT): CaseOpened => ({ type: 'CaseOpened', data: { ticket, openedAt } });
const firstCase = caseOpened(TICKET, '2026-01-01T01:30:00.000Z');

describe('subject decider: one open case per person', () => {
  it('opens the first case about a subject', () => {
    subjectSpec().given([]).when(openCase()).then([caseOpened(NEW_TICKET)]);
  });

  it('refuses a second case while the last one awaits assessment, pointing at its ticket', () => {
    subjectSpec(reportFiled())
      .given([firstCase])
      .when(openCase())
      .thenRejects('CASE_ALREADY_OPEN', { ticket: TICKET });
  });

  it('refuses a second case while the last one is eligible and not yet paid', () => {
    subjectSpec(reportFiled(), eligibilityAssessed(true))
      .given([firstCase])
      .when(openCase())
      .thenRejects('CASE_ALREADY_OPEN', { ticket: TICKET });
  });

  it.each([
    ['auto-rejected', [reportFiled(), autoRejected()]],
    ['not eligible', [reportFiled(), eligibilityAssessed(false)]],
    ['disbursed', [reportFiled(), eligibilityAssessed(true), aidDisbursed()]],
  ] as const)('opens a new case once the last one is %s', (_label, lastReport) => {
    subjectSpec(...lastReport).given([firstCase]).when(openCase()).then([caseOpened(NEW_TICKET)]);
  });

  it('only looks at the last case: an older closed case does not matter', () => {
    subjectSpec(reportFiled(NEW_TICKET))
      .given([firstCase, caseOpened(NEW_TICKET)])
      .when(openCase('LPR-20260120-0007'))
      .thenRejects('CASE_ALREADY_OPEN', { ticket: NEW_TICKET });
  });

  it('remembers the ticket of the last case opened', () => {
    const state: SubjectState = foldEvents(evolveSubject, initialSubjectState, [firstCase, caseOpened(NEW_TICKET)]);
    expect(state).toEqual({ lastTicket: NEW_TICKET });
  });

  it('opens a case when the last case has no report (its filing never landed)', () => {
    expect(decideOpenCase(openCase(), { lastTicket: TICKET }, initialReportState)).toEqual({
      ok: true,
      events: [caseOpened(NEW_TICKET)],
    });
  });
});
