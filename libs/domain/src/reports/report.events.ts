import type { EventBody } from '../shared/metadata';
import type { Program, Source } from '../registry/registry.types';
import type { Channel, Reporter, Subject } from './report.types';

export type ReportFiled = EventBody<
  'ReportFiled',
  {
    readonly ticket: string;
    readonly subject: Subject;
    readonly reporter: Reporter;
    readonly channel: Channel;
    readonly reason: string;
    readonly filedAt: string;
  }
>;

/** Stage 1: the subject or their household was already enrolled. Carries the fact it rests on. */
export type ReportAutoRejected = EventBody<
  'ReportAutoRejected',
  {
    readonly ticket: string;
    readonly match: 'person' | 'household';
    readonly kk: string;
    readonly program: Program;
    readonly source: Source;
    readonly enrolmentEventId: string;
    readonly rejectedAt: string;
  }
>;

/** Stage 2: an assessor's decision. For eligible cases: who pays and the disbursement deadline. */
export type EligibilityAssessed = EventBody<
  'EligibilityAssessed',
  {
    readonly ticket: string;
    readonly eligible: boolean;
    readonly reason: string;
    readonly assessedBy: string;
    readonly assessedAt: string;
    readonly program: Program | null;
    readonly source: Source | null;
    readonly disbursementDeadline: string | null;
  }
>;

export type AidDisbursed = EventBody<
  'AidDisbursed',
  {
    readonly ticket: string;
    readonly amount: number;
    readonly method: string;
    readonly reference: string;
    readonly disbursedBy: string;
    readonly disbursedAt: string;
  }
>;

export type ReportEvent = ReportFiled | ReportAutoRejected | EligibilityAssessed | AidDisbursed;

/** Opening a case about a subject, so a second open report points at the first ticket. */
export type CaseOpened = EventBody<'CaseOpened', { readonly ticket: string; readonly openedAt: string }>;
export type SubjectEvent = CaseOpened;
