import type { EventStore } from '@bansos/eventstore';
import type { LookupKeys, ReadModelStore } from '@bansos/read-models';
import { AUDIT_INDEX, type AuditIndexDocument } from '../audit-index/audit-index.projection';
import { decodeEvent } from '../replay/decode';

const TAIL_PAGE = 5000;

/**
 * The tickets of every report filed about `nik`, in filing order: the audit index up to
 * its checkpoint, then the few events after it read directly. The index may lag behind
 * the log (it is eventually consistent); the answer does not.
 */
export async function ticketsAbout(store: EventStore, readModels: ReadModelStore, keys: LookupKeys, nik: string): Promise<string[]> {
  const [doc, checkpoint] = await Promise.all([
    readModels.get(AUDIT_INDEX, keys.nik(nik)),
    readModels.checkpoint(AUDIT_INDEX),
  ]);
  const tickets = new Set((doc?.doc as AuditIndexDocument | undefined)?.tickets ?? []);
  let after = checkpoint ?? undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined || after < 0n ? {} : { after }), maxCount: TAIL_PAGE });
    for (const recorded of page) {
      if (recorded.type !== 'ReportFiled') continue;
      const event = decodeEvent(recorded);
      if (event?.type === 'ReportFiled' && event.data.subject.nik === nik) tickets.add(event.data.ticket);
    }
    if (page.length < TAIL_PAGE) return [...tickets];
    after = page[page.length - 1].position;
  }
}
