import { isSlaEventType, SLA_ALERT_KIND, type SlaAlertKind, type SlaEvent } from '@bansos/domain';
import type { SlaFeedEvent } from '../codec';
import type { SlaProjection } from './sla-projector';

/** One document per alert (a case raises each kind once): the ops list and the live feed. */
export interface SlaAlertDocument {
  readonly [field: string]: unknown;
  readonly ticket: string;
  readonly status: SlaAlertKind;
  /** Kecamatan code; null when the monitor never saw the report. */
  readonly district: string | null;
  readonly eligibleAt: string;
  readonly deadline: string;
  readonly dueAt: string;
  readonly raisedAt: string;
  readonly disbursedAt: string | null;
  readonly lateByMs: number;
}

export const SLA_ALERTS = 'sla_alerts';

export const alertId = (ticket: string, kind: SlaAlertKind): string => `${ticket}:${kind}`;

export function alertDocument(event: SlaEvent): SlaAlertDocument {
  return { ...event.data, status: SLA_ALERT_KIND[event.type] };
}

export const slaAlertsProjection: SlaProjection<SlaAlertDocument> = {
  name: SLA_ALERTS,
  collection: { name: SLA_ALERTS, indexes: ['status', 'district', 'raisedAt'] },
  keysOf(event) {
    return isSla(event) ? [alertId(event.data.ticket, SLA_ALERT_KIND[event.type])] : [];
  },
  evolve(doc, event) {
    // An alert is written once; should the same kind come again, the first one stands.
    if (doc !== null || !isSla(event)) return doc;
    return alertDocument(event);
  },
};

function isSla(event: SlaFeedEvent): event is SlaFeedEvent & SlaEvent {
  return isSlaEventType(event.type);
}
