import { EsdbEventStore, type EventStore } from '@bansos/eventstore';
import { MongoReadModelStore, type ReadModelStore } from '@bansos/read-models';
import { probe, type EngineCheck } from '../api-system';
import type { ProductionConfig } from '../production-config';

/** The engines of one production process, opened from its configuration. */
export interface ProductionEngines {
  readonly events: EventStore;
  readonly readModels: ReadModelStore;
  /** One readiness check per engine. */
  checks(): Promise<EngineCheck[]>;
  close(): Promise<void>;
}

/** Connects to EventStoreDB and MongoDB; a failure closes what was opened. */
export async function openProductionEngines(config: ProductionConfig): Promise<ProductionEngines> {
  const events = EsdbEventStore.connect(config.eventStoreUrl);
  let readModels: ReadModelStore;
  try {
    readModels = await MongoReadModelStore.connect(config.mongoUrl, { database: config.mongoDatabase });
  } catch (error) {
    await events.close();
    throw error;
  }
  let closed = false;
  return {
    events,
    readModels,
    checks: () =>
      Promise.all([
        probe('EventStoreDB', () => events.headPosition()),
        probe('MongoDB', () => readModels.checkpoint('lookup')),
      ]),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([events.close(), readModels.close()]);
    },
  };
}
