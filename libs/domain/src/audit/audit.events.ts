import type { EventBody } from '../shared/metadata';

/**
 * The audit trail of reads. Looking at a person's decision history is itself a fact the
 * regency must be able to show (UU 27/2022: who accessed which personal data, when), so
 * every audit read is appended to the reader's own stream. These events decide nothing
 * and change no view: they sit outside DomainEvent, so deciders and projections never see them.
 */
export type AuditedRecord =
  | { readonly kind: 'nik'; readonly nik: string }
  | { readonly kind: 'report'; readonly ticket: string }
  | {
      readonly kind: 'export';
      readonly from: string | null;
      readonly to: string | null;
      /** Global position of the last event the export may contain. */
      readonly upToPosition: string;
    };

export type AuditView = 'history' | 'status' | 'export';

export type AuditRecordViewed = EventBody<
  'AuditRecordViewed',
  {
    readonly record: AuditedRecord;
    readonly view: AuditView;
    /** The instant asked about (status views), null for "now". */
    readonly asOf: string | null;
    readonly viewedAt: string;
  }
>;

export type AuditEvent = AuditRecordViewed;
export type AuditEventType = AuditEvent['type'];

export const AUDIT_SCHEMA_VERSION: Readonly<Record<AuditEventType, number>> = {
  AuditRecordViewed: 1,
};

/** One stream per reader (staff user id), so "what did this person look at" is one read. */
export const auditStream = (userId: string): string => `audit-${userId}`;
