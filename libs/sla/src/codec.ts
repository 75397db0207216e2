import { decodeStored, stampedAppend, toDomainEvent } from '@bansos/application';
import {
  isSlaEventType,
  SLA_SCHEMA_VERSION,
  type CommandContext,
  type ReportEvent,
  type SlaEvent,
  type StoredEvent,
} from '@bansos/domain';
import type { EventToAppend, RecordedEvent } from '@bansos/eventstore';

/** What the SLA side reads from the store: a report's life, and the alerts raised about it. */
export type SlaFeedEvent = StoredEvent & (ReportEvent | SlaEvent);

const REPORT_TYPES: ReadonlySet<string> = new Set(['ReportFiled', 'ReportAutoRejected', 'EligibilityAssessed', 'AidDisbursed']);

/** Cheap test on the type name, so the rest of the store (registrations, audit trail) is never decoded. */
export function isFeedType(type: string): boolean {
  return REPORT_TYPES.has(type) || isSlaEventType(type);
}

/**
 * Decodes an event of the feed through the registry's upcasters (alerts sit outside
 * DomainEvent, so they skip toDomainEvent's type check).
 */
export function decodeFeedEvent(recorded: RecordedEvent): SlaFeedEvent | null {
  if (isSlaEventType(recorded.type)) return decodeStored(recorded) as SlaFeedEvent;
  if (!REPORT_TYPES.has(recorded.type)) return null;
  return toDomainEvent(recorded) as SlaFeedEvent | null;
}

/** An alert of the SLA monitor, decoded; null for any other event. */
export function decodeAlert(recorded: RecordedEvent): (StoredEvent & SlaEvent) | null {
  if (!isSlaEventType(recorded.type)) return null;
  return decodeFeedEvent(recorded) as (StoredEvent & SlaEvent) | null;
}

/** The stored form of an alert; its id follows from the command id, stream and index, like every decided event. */
export function alertToAppend(body: SlaEvent, ctx: CommandContext, streamId: string, index: number): EventToAppend {
  return stampedAppend(body, SLA_SCHEMA_VERSION[body.type], ctx, streamId, index);
}
