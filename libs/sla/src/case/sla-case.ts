import {
  assertNever,
  SLA_ALERT_KIND,
  SLA_EVENT_TYPE,
  type ReportEvent,
  type SlaAlertKind,
  type SlaEvent,
} from '@bansos/domain';
import type { SlaPolicy } from '../config';

/**
 * One case (report ticket) as the SLA monitor sees it: facts merged from the report's
 * events, and which alerts its sla stream already holds. Every fact is set once and then
 * kept, so a redelivered event changes nothing, whatever else arrived in between.
 * Times are epoch milliseconds: a million of these live in memory.
 */
export interface SlaCase {
  readonly ticket: string;
  readonly district: string | null;
  readonly eligibleAt: number | null;
  readonly deadline: number | null;
  readonly disbursedAt: number | null;
  /** The disbursement was seen before any eligible decision: the case never raises an alert. */
  readonly paidUnwatched: boolean;
  /** Alerts already in the case's sla stream, as ALERT_BIT flags. */
  readonly raised: number;
  /** Revision of the last event of the case's sla stream; -1 while it has none. */
  readonly slaRevision: number;
}

/** The events the monitor folds (a report's life, and its own alerts); everything else passes by. */
export type WatchedEvent = ReportEvent | SlaEvent;
export type WatchedEventWithRevision = WatchedEvent & { readonly revision: bigint };

export const ALERT_BIT: Readonly<Record<SlaAlertKind, number>> = { AT_RISK: 1, BREACHED: 2, RESOLVED_LATE: 4, RESOLVED: 8 };
const RESOLUTION = ALERT_BIT.RESOLVED | ALERT_BIT.RESOLVED_LATE;

/** Heap key of a resolution: it is due as soon as the monitor looks, whatever the clock says. */
export const DUE_AT_ONCE = 0;

export const hasRaised = (c: SlaCase, kind: SlaAlertKind): boolean => (c.raised & ALERT_BIT[kind]) !== 0;

export function emptyCase(ticket: string): SlaCase {
  return { ticket, district: null, eligibleAt: null, deadline: null, disbursedAt: null, paidUnwatched: false, raised: 0, slaRevision: -1 };
}

/**
 * Folds one event into the case. Returns the very same object when nothing changed (a
 * duplicate), and null when the case will never need watching (not eligible, rejected).
 */
export function evolveCase(state: SlaCase | null, event: WatchedEventWithRevision, policy: SlaPolicy): SlaCase | null {
  const base = state ?? emptyCase(event.data.ticket);
  switch (event.type) {
    case 'ReportFiled':
      if (base.district !== null) return base;
      return { ...base, district: event.data.subject.address.villageCode.slice(0, 6) };
    case 'ReportAutoRejected':
      // Stage 1 closed it: nothing will be paid, so there is nothing to watch.
      return base.eligibleAt === null ? null : base;
    case 'EligibilityAssessed': {
      if (base.eligibleAt !== null) return base;
      if (!event.data.eligible) return null;
      const eligibleAt = Date.parse(event.data.assessedAt);
      return { ...base, eligibleAt, deadline: eligibleAt + policy.slaMs };
    }
    case 'AidDisbursed':
      if (base.disbursedAt !== null) return base;
      return { ...base, disbursedAt: Date.parse(event.data.disbursedAt), paidUnwatched: base.eligibleAt === null };
    case 'SlaAtRiskFlagged':
    case 'SlaBreached':
    case 'SlaResolvedLate':
    case 'SlaResolved':
      return withRaised(base, ALERT_BIT[SLA_ALERT_KIND[event.type]], Number(event.revision));
    default:
      return assertNever(event);
  }
}

/** Records alerts known to be in the sla stream up to `revision` (from the stream, or from our own append). */
export function withRaised(c: SlaCase, bits: number, revision: number): SlaCase {
  const raised = c.raised | bits;
  const slaRevision = Math.max(c.slaRevision, revision);
  return raised === c.raised && slaRevision === c.slaRevision ? c : { ...c, raised, slaRevision };
}

/**
 * The alert the case needs at `now`, if any. BREACHED means the deadline has passed
 * (now > deadline); AT_RISK starts exactly at its threshold and is skipped once the
 * case is already breached. Each kind is raised once, and a case paid before we knew it
 * was eligible raises nothing.
 */
export function dueAlert(c: SlaCase, now: number, policy: SlaPolicy): SlaAlertKind | null {
  if (c.eligibleAt === null || c.deadline === null || c.paidUnwatched) return null;
  if (c.disbursedAt !== null) {
    if ((c.raised & RESOLUTION) !== 0) return null;
    return c.disbursedAt > c.deadline ? 'RESOLVED_LATE' : 'RESOLVED';
  }
  if (now > c.deadline) return hasRaised(c, 'BREACHED') ? null : 'BREACHED';
  if (now >= c.deadline - policy.atRiskMs && !hasRaised(c, 'AT_RISK')) return 'AT_RISK';
  return null;
}

/** The earliest time dueAlert may answer something new: the key of the case in the deadline index. */
export function nextCheckAt(c: SlaCase, policy: SlaPolicy): number | null {
  if (c.eligibleAt === null || c.deadline === null || c.paidUnwatched) return null;
  if (c.disbursedAt !== null) return (c.raised & RESOLUTION) !== 0 ? null : DUE_AT_ONCE;
  if (hasRaised(c, 'BREACHED')) return null;
  // Milliseconds are the unit: the first instant past the deadline is deadline + 1.
  return hasRaised(c, 'AT_RISK') ? c.deadline + 1 : c.deadline - policy.atRiskMs;
}

/** The event that raises `kind` for the case at `now`. */
export function alertEvent(c: SlaCase, kind: SlaAlertKind, now: number, policy: SlaPolicy): SlaEvent {
  if (c.eligibleAt === null || c.deadline === null) throw new Error(`case ${c.ticket} has no deadline to alert on`);
  const resolution = kind === 'RESOLVED' || kind === 'RESOLVED_LATE';
  if (resolution && c.disbursedAt === null) throw new Error(`case ${c.ticket} is not disbursed`);
  const dueAt = resolution ? (c.disbursedAt as number) : kind === 'AT_RISK' ? c.deadline - policy.atRiskMs : c.deadline;
  const data = {
    ticket: c.ticket,
    district: c.district,
    eligibleAt: iso(c.eligibleAt),
    deadline: iso(c.deadline),
    dueAt: iso(dueAt),
    raisedAt: iso(now),
    disbursedAt: c.disbursedAt === null ? null : iso(c.disbursedAt),
    lateByMs: (resolution ? (c.disbursedAt as number) : now) - c.deadline,
  };
  return { type: SLA_EVENT_TYPE[kind], data } as SlaEvent;
}

const iso = (ms: number): string => new Date(ms).toISOString();
