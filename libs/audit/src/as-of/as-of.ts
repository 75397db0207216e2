import {
  evolveHousehold,
  evolveNikLink,
  evolveReport,
  findEnrolment,
  initialHouseholdState,
  initialNikLinkState,
  initialReportState,
  toWib,
  type HouseholdEvent,
  type NikEvent,
  type Program,
  type ReportEvent,
  type ReportStatus,
  type Source,
  type StoredEvent,
} from '@bansos/domain';

type Stored<E> = StoredEvent & E;

/** The events that had happened at `asOf` (their command's time at or before it), in stream order. */
export function until<E extends StoredEvent>(events: readonly E[], asOf: string): E[] {
  const limit = Date.parse(asOf);
  return events.filter((e) => Date.parse(e.metadata.occurredAt) <= limit);
}

export interface ReportAsOf {
  readonly ticket: string;
  readonly asOf: string;
  readonly asOfWib: string;
  /** `none`: not filed yet at that instant. */
  readonly status: ReportStatus;
  readonly payer: { readonly program: Program; readonly source: Source; readonly deadline: string } | null;
  /** The last event folded, the answer's footing. */
  readonly lastEvent: { readonly eventId: string; readonly type: string; readonly occurredAt: string } | null;
}

/** A report's status at an instant: its stream's events up to then, folded by the domain's evolve. */
export function reportAsOf(ticket: string, events: readonly Stored<ReportEvent>[], asOf: string): ReportAsOf {
  const happened = until(events, asOf);
  const state = happened.reduce(evolveReport, initialReportState);
  return {
    ticket,
    asOf,
    asOfWib: toWib(asOf),
    status: state.status,
    payer: state.status === 'eligible' ? { program: state.program, source: state.source, deadline: state.deadline } : null,
    lastEvent: lastOf(happened),
  };
}

export interface NikAsOf {
  readonly nik: string;
  readonly asOf: string;
  readonly asOfWib: string;
  /** The family card the NIK was linked to at that instant. */
  readonly kk: string | null;
  readonly enrolled: boolean;
  /** As the public check answers: the person themself, or their household. */
  readonly match: 'person' | 'household' | null;
  readonly program: Program | null;
  readonly source: Source | null;
  readonly enrolledAt: string | null;
  readonly enrolmentEventId: string | null;
}

/**
 * Whether a NIK was covered at an instant, by the same rule as stage 1 and the check:
 * enrolled itself, or a member of an enrolled household. `households` holds the events
 * of the household streams the NIK was ever linked to.
 */
export function nikAsOf(
  nik: string,
  nikEvents: readonly Stored<NikEvent>[],
  households: ReadonlyMap<string, readonly Stored<HouseholdEvent>[]>,
  asOf: string,
): NikAsOf {
  const link = until(nikEvents, asOf).reduce(evolveNikLink, initialNikLinkState);
  const base = { nik, asOf, asOfWib: toWib(asOf) };
  const none = { enrolled: false, match: null, program: null, source: null, enrolledAt: null, enrolmentEventId: null };
  if (link.status !== 'linked') return { ...base, kk: null, ...none };
  const state = until(households.get(link.kk) ?? [], asOf).reduce(evolveHousehold, initialHouseholdState);
  const match = findEnrolment(nik, new Map([[link.kk, state]]));
  if (!match || state.status !== 'enrolled') return { ...base, kk: link.kk, ...none };
  return {
    ...base,
    kk: link.kk,
    enrolled: true,
    match: match.match,
    program: match.program,
    source: match.source,
    enrolledAt: state.enrolledAt,
    enrolmentEventId: match.enrolmentEventId,
  };
}

function lastOf(events: readonly StoredEvent[]): ReportAsOf['lastEvent'] {
  const last = events[events.length - 1];
  return last ? { eventId: last.metadata.eventId, type: last.type, occurredAt: last.metadata.occurredAt } : null;
}
