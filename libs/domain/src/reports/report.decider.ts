import type { EnrolmentMatch } from '../registry/enrolment';
import type { Program, Source } from '../registry/registry.types';
import { accept, assertNever, reject, type Decision } from '../shared/result';
import { addDays } from '../shared/time';
import type { ReportEvent } from './report.events';
import { DISBURSEMENT_SLA_DAYS, type Channel, type Reporter, type Subject } from './report.types';

/** A report's life: filed, then auto-rejected (stage 1) or assessed (stage 2), then paid. */
export type ReportState =
  | { readonly status: 'none' }
  | { readonly status: 'awaiting_assessment'; readonly subject: Subject }
  | { readonly status: 'auto_rejected'; readonly subject: Subject }
  | { readonly status: 'not_eligible'; readonly subject: Subject }
  | {
      readonly status: 'eligible';
      readonly subject: Subject;
      readonly program: Program;
      readonly source: Source;
      readonly deadline: string;
    }
  | { readonly status: 'disbursed'; readonly subject: Subject };

export type ReportStatus = ReportState['status'];
export const initialReportState: ReportState = { status: 'none' };

export interface FileReport {
  readonly type: 'FileReport';
  readonly ticket: string;
  readonly subject: Subject;
  readonly reporter: Reporter;
  readonly channel: Channel;
  readonly reason: string;
  readonly at: string;
}

export interface AssessEligibility {
  readonly type: 'AssessEligibility';
  readonly ticket: string;
  readonly eligible: boolean;
  readonly reason: string;
  readonly payer: { readonly program: Program; readonly source: Source } | null;
  readonly assessedBy: string;
  readonly at: string;
}

export interface RecordDisbursement {
  readonly type: 'RecordDisbursement';
  readonly ticket: string;
  readonly amount: number;
  readonly method: string;
  readonly reference: string;
  readonly disbursedBy: string;
  readonly at: string;
}

export type ReportCommand = FileReport | AssessEligibility | RecordDisbursement;

/**
 * `enrolment` is what stage 1 found in the registry's streams for the subject
 * (only consulted when filing).
 */
export function decideReport(
  command: ReportCommand,
  state: ReportState,
  enrolment: EnrolmentMatch | null = null,
): Decision<ReportEvent> {
  switch (command.type) {
    case 'FileReport':
      return fileReport(command, state, enrolment);
    case 'AssessEligibility':
      return assess(command, state);
    case 'RecordDisbursement':
      return disburse(command, state);
    default:
      return assertNever(command);
  }
}

function fileReport(c: FileReport, state: ReportState, enrolment: EnrolmentMatch | null): Decision<ReportEvent> {
  if (state.status !== 'none') return reject('TICKET_EXISTS', 'A report with this ticket already exists.');
  const { ticket, subject, reporter, channel, reason, at } = c;
  const filed: ReportEvent = { type: 'ReportFiled', data: { ticket, subject, reporter, channel, reason, filedAt: at } };
  if (!enrolment) return accept(filed);
  return accept<ReportEvent>(filed, {
    type: 'ReportAutoRejected',
    data: { ticket, ...enrolment, rejectedAt: at },
  });
}

function assess(c: AssessEligibility, state: ReportState): Decision<ReportEvent> {
  if (state.status === 'none') return reject('REPORT_NOT_FOUND', 'No report has this ticket.');
  if (state.status !== 'awaiting_assessment') {
    return reject('REPORT_NOT_AWAITING_ASSESSMENT', `This report cannot be assessed: it is ${state.status}.`);
  }
  if (c.eligible && !c.payer) {
    return reject('PAYER_REQUIRED', 'An eligible decision must name the program and source that will pay.');
  }
  const payer = c.eligible ? c.payer : null;
  return accept({
    type: 'EligibilityAssessed',
    data: {
      ticket: c.ticket,
      eligible: c.eligible,
      reason: c.reason,
      assessedBy: c.assessedBy,
      assessedAt: c.at,
      program: payer?.program ?? null,
      source: payer?.source ?? null,
      disbursementDeadline: payer ? addDays(c.at, DISBURSEMENT_SLA_DAYS) : null,
    },
  });
}

function disburse(c: RecordDisbursement, state: ReportState): Decision<ReportEvent> {
  switch (state.status) {
    case 'none':
      return reject('REPORT_NOT_FOUND', 'No report has this ticket.');
    case 'disbursed':
      return reject('ALREADY_DISBURSED', 'Aid for this report has already been disbursed.');
    case 'eligible': {
      if (!Number.isSafeInteger(c.amount) || c.amount <= 0) {
        return reject('INVALID_AMOUNT', 'The amount must be a positive whole number of rupiah.');
      }
      const { ticket, amount, method, reference, disbursedBy, at } = c;
      return accept({
        type: 'AidDisbursed',
        data: { ticket, amount, method, reference, disbursedBy, disbursedAt: at },
      });
    }
    case 'awaiting_assessment':
    case 'auto_rejected':
    case 'not_eligible':
      return reject('NOT_ELIGIBLE', `Aid can only be disbursed for an eligible report; this one is ${state.status}.`);
    default:
      return assertNever(state);
  }
}

export function evolveReport(state: ReportState, event: ReportEvent): ReportState {
  switch (event.type) {
    case 'ReportFiled':
      return { status: 'awaiting_assessment', subject: event.data.subject };
    case 'ReportAutoRejected':
      return state.status === 'none' ? state : { status: 'auto_rejected', subject: state.subject };
    case 'EligibilityAssessed': {
      if (state.status === 'none') return state;
      const { program, source, disbursementDeadline } = event.data;
      if (!event.data.eligible || !program || !source || !disbursementDeadline) {
        return { status: 'not_eligible', subject: state.subject };
      }
      return { status: 'eligible', subject: state.subject, program, source, deadline: disbursementDeadline };
    }
    case 'AidDisbursed':
      return state.status === 'none' ? state : { status: 'disbursed', subject: state.subject };
    default:
      return assertNever(event);
  }
}

/** A case is open while someone still has to act on it: assess it, or pay it. */
export function isOpenCase(state: ReportState): boolean {
  return state.status === 'awaiting_assessment' || state.status === 'eligible';
}
