import type { LookupKeys, ProjectedEvent, Projection } from '@bansos/read-models';

/**
 * Which reports were filed about a person. An auto-rejected report opens no case, so
 * the subject's own stream does not know it: without this index, finding it means
 * reading every event. Keyed like the public lookup (an HMAC of the NIK, never the NIK),
 * and it holds nothing but tickets, which are random.
 */
export interface AuditIndexDocument {
  readonly [field: string]: unknown;
  readonly tickets: readonly string[];
}

export const AUDIT_INDEX = 'audit_index';

export function auditIndexProjection(keys: LookupKeys): Projection<AuditIndexDocument> {
  return {
    name: AUDIT_INDEX,
    collection: { name: AUDIT_INDEX, indexes: [] },
    keysOf(event) {
      return event.type === 'ReportFiled' ? [keys.nik(event.data.subject.nik)] : [];
    },
    evolve: evolveAuditIndex,
  };
}

export function evolveAuditIndex(doc: AuditIndexDocument | null, event: ProjectedEvent): AuditIndexDocument | null {
  if (event.type !== 'ReportFiled') return doc;
  const tickets = doc?.tickets ?? [];
  // A replayed ReportFiled must change nothing.
  if (tickets.includes(event.data.ticket)) return doc;
  return { tickets: [...tickets, event.data.ticket] };
}
