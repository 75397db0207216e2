import {
  decideEnrolment,
  decideOpenCase,
  decideReport,
  evolveHousehold,
  evolveNikLink,
  evolveReport,
  evolveSubject,
  householdStream,
  initialHouseholdState,
  initialNikLinkState,
  initialReportState,
  initialSubjectState,
  nikStream,
  reportStream,
  subjectStream,
  type AssessEligibility,
  type CommandContext,
  type EnrolmentMatch,
  type FileReport,
  type RecordDisbursement,
} from '@bansos/domain';
import { NO_STREAM, type EventStore } from '@bansos/eventstore';
import { fold, readFolded, toStreamAppends, withRetry, type Outcome, type PlannedAppend } from './command-runner';
import { findEnrolmentInStreams } from './stage-one';

export type FiledReport =
  | { readonly outcome: 'auto_rejected'; readonly ticket: string; readonly match: EnrolmentMatch }
  | { readonly outcome: 'awaiting_assessment'; readonly ticket: string }
  | { readonly outcome: 'duplicate'; readonly ticket: string };

/** Files a report and runs stage 1 at once. A second open report about one subject returns the first ticket. */
export async function fileReport(store: EventStore, command: FileReport, ctx: CommandContext): Promise<Outcome<FiledReport>> {
  return withRetry(async (): Promise<Outcome<FiledReport>> => {
    const { subject, ticket } = command;
    const existing = await readFolded(store, reportStream(ticket), evolveReport, initialReportState);
    const match = await findEnrolmentInStreams(store, subject.nik, subject.kk);
    const decision = decideReport(command, existing.state, match);
    if (!decision.ok) return decision;
    if (match) {
      await store.appendBatch(toStreamAppends([{ streamId: reportStream(ticket), expected: NO_STREAM, events: decision.events }], ctx));
      return { ok: true, value: { outcome: 'auto_rejected', ticket, match } };
    }
    const subjectId = subjectStream(subject.nik);
    const subjectState = await readFolded(store, subjectId, evolveSubject, initialSubjectState);
    const last = subjectState.state.lastTicket;
    const lastReport = last ? await readFolded(store, reportStream(last), evolveReport, initialReportState) : null;
    const opened = decideOpenCase({ type: 'OpenCase', ticket, at: ctx.at }, subjectState.state, lastReport?.state ?? initialReportState);
    if (!opened.ok) return { ok: true, value: { outcome: 'duplicate', ticket: last ?? ticket } };
    await store.appendBatch(
      toStreamAppends(
        [
          { streamId: subjectId, expected: subjectState.expected, events: opened.events },
          { streamId: reportStream(ticket), expected: NO_STREAM, events: decision.events },
        ],
        ctx,
      ),
    );
    return { ok: true, value: { outcome: 'awaiting_assessment', ticket } };
  });
}

export interface Assessed {
  readonly eligible: boolean;
  readonly disbursementDeadline: string | null;
}

/** Stage 2. An eligible decision also enrols the household, in the same atomic batch. */
export async function assessEligibility(
  store: EventStore,
  command: AssessEligibility,
  ctx: CommandContext,
): Promise<Outcome<Assessed>> {
  return withRetry(async (): Promise<Outcome<Assessed>> => {
    const report = await readFolded(store, reportStream(command.ticket), evolveReport, initialReportState);
    const decision = decideReport(command, report.state);
    if (!decision.ok) return decision;
    const planned: PlannedAppend[] = [];
    if (command.eligible && command.payer && report.state.status === 'awaiting_assessment') {
      const person = report.state.subject;
      const nikId = nikStream(person.nik);
      const householdId = householdStream(person.kk);
      const read = await store.readStreams([nikId, householdId]);
      const nik = fold(read.get(nikId) ?? [], evolveNikLink, initialNikLinkState);
      const household = fold(read.get(householdId) ?? [], evolveHousehold, initialHouseholdState);
      const via = { kind: 'assessment', ticket: command.ticket } as const;
      const enrol = decideEnrolment({ person, ...command.payer, via, at: ctx.at }, nik.state, household.state);
      if (!enrol.ok) return enrol;
      planned.push({ streamId: nikId, expected: nik.expected, events: enrol.nik });
      planned.push({ streamId: householdId, expected: household.expected, events: enrol.household });
    }
    // The report goes last: on a store that commits a prefix, the decision is the final word.
    planned.push({ streamId: reportStream(command.ticket), expected: report.expected, events: decision.events });
    await store.appendBatch(toStreamAppends(planned, ctx));
    const assessed = decision.events.find((e) => e.type === 'EligibilityAssessed');
    const deadline = assessed?.type === 'EligibilityAssessed' ? assessed.data.disbursementDeadline : null;
    return { ok: true, value: { eligible: command.eligible, disbursementDeadline: deadline } };
  });
}

/** Records that aid was handed over: only for eligible reports, exactly once. */
export async function recordDisbursement(
  store: EventStore,
  command: RecordDisbursement,
  ctx: CommandContext,
): Promise<Outcome<{ readonly disbursedAt: string }>> {
  return withRetry(async () => {
    const report = await readFolded(store, reportStream(command.ticket), evolveReport, initialReportState);
    const decision = decideReport(command, report.state);
    if (!decision.ok) return decision;
    await store.appendBatch(
      toStreamAppends([{ streamId: reportStream(command.ticket), expected: report.expected, events: decision.events }], ctx),
    );
    return { ok: true as const, value: { disbursedAt: command.at } };
  });
}
