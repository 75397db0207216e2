import type { EventStore, RecordedEvent } from '@bansos/eventstore';
import { Projector, type Document, type Projection, type ReadModelStore } from '@bansos/read-models';
import { decodeFeedEvent, isFeedType, type SlaFeedEvent } from '../codec';

/** An SLA read model: fed a report's life and the alerts raised about it. */
export type SlaProjection<D extends Document = Document> = Projection<D, SlaFeedEvent>;

export interface SlaProjectorOptions {
  readonly batchSize?: number;
  readonly onError?: (error: unknown) => void;
  /** See ProjectorOptions.checkpointAtHead. */
  readonly checkpointAtHead?: boolean;
}

/** Only what the SLA side reads is decoded; registrations and the audit trail are skipped by type. */
function decodeForSla(recorded: RecordedEvent): SlaFeedEvent | null {
  return isFeedType(recorded.type) ? decodeFeedEvent(recorded) : null;
}

/**
 * The system's Projector over the SLA read models. It exists because those are fed
 * SlaFeedEvents, not DomainEvents: the alerts sit outside that union (see events.ts).
 * It reads $all on a subscription of its own (start), or is handed the batches another
 * reader already has (prepare + apply): the embedded system feeds it the SLA monitor's batches.
 */
export class SlaProjector extends Projector<SlaFeedEvent> {
  constructor(events: EventStore, store: ReadModelStore, projections: readonly SlaProjection[], options: SlaProjectorOptions = {}) {
    super(events, store, projections, { ...options, decode: decodeForSla });
  }
}
