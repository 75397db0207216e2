import { assertNever, toWib, type Actor, type DomainEvent, type StaffRole, type StoredEvent } from '@bansos/domain';
import { isDecision } from '../replay/decode';

export type AuditedEvent = StoredEvent & DomainEvent;

/** One event as an auditor reads it: what happened, who, when, in which role, why. */
export interface HistoryEntry {
  readonly position: string;
  readonly streamId: string;
  readonly revision: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly occurredAtWib: string;
  readonly who: string;
  readonly role: StaffRole | 'citizen' | 'system';
  readonly actor: Actor;
  readonly why: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly data: unknown;
}

export function toEntry(event: StoredEvent): HistoryEntry {
  const { metadata } = event;
  return {
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    eventId: metadata.eventId,
    type: event.type,
    schemaVersion: metadata.schemaVersion,
    occurredAt: metadata.occurredAt,
    occurredAtWib: toWib(metadata.occurredAt),
    ...whoAndRole(metadata.actor),
    actor: metadata.actor,
    why: isDecision(event) ? why(event) : null,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    data: event.data,
  };
}

function whoAndRole(actor: Actor): Pick<HistoryEntry, 'who' | 'role'> {
  switch (actor.kind) {
    case 'staff':
      return { who: actor.userId, role: actor.role };
    case 'citizen':
      return { who: 'citizen', role: 'citizen' };
    case 'system':
      return { who: actor.name, role: 'system' };
    default:
      return assertNever(actor);
  }
}

/** The reason a decision records, in the words it was given; stage 1 states its rule. */
export function why(event: DomainEvent): string | null {
  switch (event.type) {
    case 'ReportFiled':
    case 'EligibilityAssessed':
    case 'RecipientWithdrawn':
      return event.data.reason;
    case 'ReportAutoRejected': {
      const whom = event.data.match === 'person' ? 'the person is' : 'their household (KK) is';
      return `Stage 1: ${whom} already enrolled (${event.data.program.code}, source ${event.data.source}).`;
    }
    case 'RecipientRegistered':
      return event.data.via.kind === 'assessment'
        ? `Enrolled by the eligible assessment of report ${event.data.via.ticket}.`
        : 'Registered by an operator.';
    case 'NikLinkedToHousehold':
    case 'AidDisbursed':
    case 'CaseOpened':
      return null;
    default:
      return assertNever(event);
  }
}
