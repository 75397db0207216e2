import { assertNever } from '@bansos/domain';
import type { SlaFeedEvent } from '../codec';
import type { SlaProjection } from './sla-projector';

/**
 * Where each case stands against the SLA, for the per-district summary. Counting by
 * `state` and `district` and taking percentiles of `durationMs` are indexed finds, so
 * the summary never reads every case.
 */
export type SlaCaseState = 'awaiting' | 'open' | 'at_risk' | 'breached' | 'disbursed' | 'resolved' | 'resolved_late';

/** Eligible and not paid yet: what ops still has to chase. */
export const OPEN_STATES: readonly SlaCaseState[] = ['open', 'at_risk', 'breached'];

export interface SlaCaseDocument {
  readonly [field: string]: unknown;
  readonly ticket: string;
  readonly district: string;
  readonly state: SlaCaseState;
  readonly eligibleAt: string | null;
  readonly disbursedAt: string | null;
  /** Eligibility to disbursement, once both are known. */
  readonly durationMs: number | null;
  /** durationMs is set: an equality the store can filter on before ordering by it. */
  readonly paid: boolean;
}

export const SLA_CASES = 'sla_cases';
export const SLA_DISTRICTS = 'sla_districts';

export const slaCasesProjection: SlaProjection<SlaCaseDocument> = {
  name: SLA_CASES,
  collection: { name: SLA_CASES, indexes: ['state', 'district', 'durationMs', 'paid'] },
  // Every event of the feed is about one case.
  keysOf: (event) => [event.data.ticket],
  evolve: evolveCaseDocument,
};

export function evolveCaseDocument(doc: SlaCaseDocument | null, event: SlaFeedEvent): SlaCaseDocument | null {
  switch (event.type) {
    case 'ReportFiled':
      if (doc) return doc;
      return {
        ticket: event.data.ticket,
        district: event.data.subject.address.villageCode.slice(0, 6),
        state: 'awaiting',
        eligibleAt: null,
        disbursedAt: null,
        durationMs: null,
        paid: false,
      };
    case 'ReportAutoRejected':
      return null;
    case 'EligibilityAssessed':
      if (!doc || doc.state !== 'awaiting') return doc;
      return event.data.eligible ? { ...doc, state: 'open', eligibleAt: event.data.assessedAt } : null;
    case 'AidDisbursed': {
      if (!doc || doc.disbursedAt !== null) return doc;
      const { disbursedAt } = event.data;
      const durationMs = doc.eligibleAt === null ? null : Date.parse(disbursedAt) - Date.parse(doc.eligibleAt);
      const state = OPEN_STATES.includes(doc.state) ? 'disbursed' : doc.state;
      return { ...doc, state, disbursedAt, durationMs, paid: durationMs !== null };
    }
    case 'SlaAtRiskFlagged':
      return doc?.state === 'open' ? { ...doc, state: 'at_risk' } : doc;
    case 'SlaBreached':
      // A breach noticed after the money went out (monitor lag) does not reopen the case.
      return doc && (doc.state === 'open' || doc.state === 'at_risk') ? { ...doc, state: 'breached' } : doc;
    case 'SlaResolved':
      return doc ? { ...doc, state: 'resolved' } : doc;
    case 'SlaResolvedLate':
      return doc ? { ...doc, state: 'resolved_late' } : doc;
    default:
      return assertNever(event);
  }
}

/** Every district that has had a report: the rows of the summary. */
export const slaDistrictsProjection: SlaProjection<{ readonly [field: string]: unknown; readonly district: string }> = {
  name: SLA_DISTRICTS,
  collection: { name: SLA_DISTRICTS, indexes: [] },
  keysOf(event) {
    return event.type === 'ReportFiled' ? [event.data.subject.address.villageCode.slice(0, 6)] : [];
  },
  evolve(doc, _event, id) {
    return doc ?? { district: id };
  },
};
