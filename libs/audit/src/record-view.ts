import { deterministicUuid } from '@bansos/application';
import {
  auditStream,
  CURRENT_SCHEMA_VERSION,
  type AuditedRecord,
  type AuditRecordViewed,
  type AuditView,
  type CommandContext,
  type EventMetadata,
} from '@bansos/domain';
import { ANY, type EventStore } from '@bansos/eventstore';

export interface AuditRead {
  readonly record: AuditedRecord;
  readonly view: AuditView;
  readonly asOf: string | null;
}

/**
 * Appends that a staff member read a record, before the answer leaves: a read that could
 * not be recorded is not served. The reader's stream has no rule to protect, so the
 * append expects any revision and never conflicts; the id follows from the command, so a
 * retried request records one read.
 */
export async function recordAuditRead(store: EventStore, read: AuditRead, ctx: CommandContext): Promise<void> {
  if (ctx.actor.kind !== 'staff') throw new Error('only staff read audit records');
  const streamId = auditStream(ctx.actor.userId);
  const event: AuditRecordViewed = {
    type: 'AuditRecordViewed',
    data: { record: read.record, view: read.view, asOf: read.asOf, viewedAt: ctx.at },
  };
  const metadata: EventMetadata = {
    eventId: deterministicUuid(`${ctx.commandId}/${streamId}/0`, Date.parse(ctx.at)),
    schemaVersion: CURRENT_SCHEMA_VERSION.AuditRecordViewed,
    occurredAt: ctx.at,
    actor: ctx.actor,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
  };
  await store.appendToStream(
    streamId,
    [{ id: metadata.eventId, type: event.type, data: { ...event.data }, metadata: { ...metadata } }],
    ANY,
  );
}
