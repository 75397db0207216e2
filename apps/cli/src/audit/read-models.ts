import type { System } from '@bansos/platform';
import { decodeFeedEvent, isFeedType, slaProjections, type SlaFeedEvent, type SlaProjection } from '@bansos/sla';
import type { RecordedEvent } from '@bansos/eventstore';
import { auditProjections, fromProjection, type ReplayableReadModel } from './audit-lib';

/**
 * Every read model a running system keeps, as the replay rebuilds them: the system's
 * projections, the audit index, and the SLA read models (which read the alerts with their
 * own decoder, because the alerts sit outside DomainEvent). The monitor's own working
 * state is not a read model of the log and is not compared.
 */
export function everyReadModel(system: System): ReplayableReadModel[] {
  return [
    ...[...system.projections, ...auditProjections(system.lookupKeys)].map(fromProjection),
    ...slaProjections.map(fromSlaProjection),
  ];
}

/** Resolves once every projector of the system (and the audit indexer given) has reached `position`. */
export function everyProjector(system: System, auditIndexer: { waitFor(position: bigint): Promise<void> }) {
  return async (position: bigint): Promise<void> => {
    await Promise.all([system.projector.waitFor(position), system.sla.projector.waitFor(position), auditIndexer.waitFor(position)]);
    // The SLA projector defers checkpoints without changes; the replay reads them from the store.
    await system.sla.projector.saveDeferredCheckpoints();
  };
}

// One function for all SLA read models, so the rebuild decodes each event once for them.
// It reads with the code's own registry: the SLA codec takes none.
const decodeSla = (recorded: RecordedEvent): SlaFeedEvent | null => (isFeedType(recorded.type) ? decodeFeedEvent(recorded) : null);

function fromSlaProjection(projection: SlaProjection): ReplayableReadModel<SlaFeedEvent> {
  return {
    name: projection.name,
    collection: projection.collection,
    decode: decodeSla,
    keysOf: (event) => projection.keysOf(event),
    evolve: (doc, event, id) => projection.evolve(doc, event, id),
  };
}
