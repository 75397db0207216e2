import type { DocumentWrite, ReadModelStore } from '@bansos/read-models';
import type { SlaCase } from '../case/sla-case';

/** A case to persist as of the position of the last event that touched it (null: forget it). */
export interface CaseChange {
  readonly ticket: string;
  readonly state: SlaCase | null;
  readonly position: bigint;
}

/** The monitor's own state, so a restart resumes from a checkpoint instead of the first event. */
export interface CaseStateStore {
  /** Every persisted case, in pages. */
  load(): AsyncIterable<SlaCase>;
  save(changes: readonly CaseChange[], position: bigint): Promise<void>;
}

export const SLA_MONITOR_COLLECTION = 'sla_monitor';
const STATE_CHECKPOINT = 'sla-monitor-state';
const PAGE = 10_000;

/**
 * Cases as documents of the read-model store. Each write carries the position of the
 * event that caused it, so the store's position guard turns a redelivered batch into a
 * no-op, and two processes running the monitor (API and CLI) write the same documents.
 */
export class ReadModelCaseStateStore implements CaseStateStore {
  private ready: Promise<void> | null = null;

  constructor(private readonly store: ReadModelStore) {}

  async *load(): AsyncIterable<SlaCase> {
    await this.ensure();
    let afterId: string | undefined;
    for (;;) {
      const page = await this.store.scan(SLA_MONITOR_COLLECTION, { ...(afterId === undefined ? {} : { afterId }), limit: PAGE });
      for (const stored of page) yield fromDocument(stored.id, stored.doc);
      if (page.length < PAGE) return;
      afterId = page[page.length - 1].id;
    }
  }

  async save(changes: readonly CaseChange[], position: bigint): Promise<void> {
    await this.ensure();
    const writes: DocumentWrite[] = changes.map((change) => ({
      collection: SLA_MONITOR_COLLECTION,
      id: change.ticket,
      doc: change.state === null ? null : toDocument(change.state),
      position: change.position,
    }));
    await this.store.commit(STATE_CHECKPOINT, writes, position);
  }

  private ensure(): Promise<void> {
    this.ready ??= this.store.ensureCollections([{ name: SLA_MONITOR_COLLECTION, indexes: [] }]);
    return this.ready;
  }
}

function toDocument(c: SlaCase): Record<string, unknown> {
  const { ticket: _ticket, ...fields } = c;
  return fields;
}

function fromDocument(ticket: string, doc: Readonly<Record<string, unknown>>): SlaCase {
  const time = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  return {
    ticket,
    district: typeof doc.district === 'string' ? doc.district : null,
    eligibleAt: time(doc.eligibleAt),
    deadline: time(doc.deadline),
    disbursedAt: time(doc.disbursedAt),
    paidUnwatched: doc.paidUnwatched === true,
    raised: typeof doc.raised === 'number' ? doc.raised : 0,
    slaRevision: typeof doc.slaRevision === 'number' ? doc.slaRevision : -1,
  };
}
