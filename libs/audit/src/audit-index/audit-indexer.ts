import type { EventStore } from '@bansos/eventstore';
import { Projector, type LookupKeys, type Projection, type ReadModelStore } from '@bansos/read-models';
import { auditIndexProjection } from './audit-index.projection';

/** The read models the audit feature keeps for itself, beside the system's own. */
export function auditProjections(keys: LookupKeys): readonly Projection[] {
  return [auditIndexProjection(keys)];
}

/**
 * Runs the audit's projections with a projector of their own over the same stores: it
 * catches up from its own checkpoint, so the system's projector stays as it is and a
 * process that does not serve audits (the import CLI) does not need to run it.
 */
export async function startAuditIndexer(
  events: EventStore,
  readModels: ReadModelStore,
  keys: LookupKeys,
  onError?: (error: unknown) => void,
): Promise<Projector> {
  const projector = new Projector(events, readModels, auditProjections(keys), { onError });
  await projector.start();
  return projector;
}
