import { accept, reject, type Decision } from '../shared/result';
import { isOpenCase, type ReportState } from './report.decider';
import type { SubjectEvent } from './report.events';

/** The cases ever opened about one subject (by NIK); the last one may still be open. */
export type SubjectState = { readonly lastTicket: string | null };
export const initialSubjectState: SubjectState = { lastTicket: null };

export interface OpenCase {
  readonly type: 'OpenCase';
  readonly ticket: string;
  readonly at: string;
}

/**
 * A second open report about the same subject opens no second case.
 * `lastReport` is the state of the subject's last case (read by the handler).
 */
export function decideOpenCase(
  command: OpenCase,
  state: SubjectState,
  lastReport: ReportState,
): Decision<SubjectEvent> {
  if (state.lastTicket && isOpenCase(lastReport)) {
    return reject('CASE_ALREADY_OPEN', 'A report about this person is already being handled.', {
      ticket: state.lastTicket,
    });
  }
  return accept<SubjectEvent>({ type: 'CaseOpened', data: { ticket: command.ticket, openedAt: command.at } });
}

export function evolveSubject(_state: SubjectState, event: SubjectEvent): SubjectState {
  return { lastTicket: event.data.ticket };
}
