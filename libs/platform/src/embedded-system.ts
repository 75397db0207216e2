import { join } from 'node:path';
import type { RegionCatalog } from '@bansos/domain';
import { SqliteEventStore, type EventStore } from '@bansos/eventstore';
import {
  hmacLookupKeys,
  lookupProjection,
  Projector,
  reportsProjection,
  SqliteReadModelStore,
  type LookupKeys,
  type ReadModelStore,
} from '@bansos/read-models';
import { loadIdnAreaCatalog } from '@bansos/regions';
import { randomIds, systemClock, type Clock, type IdGenerator } from './clock';
import { loadSecrets, type Secrets } from './secrets';

/** Everything one process needs: stores, projector, region codes, secrets, clock and ids. */
export interface System {
  readonly events: EventStore;
  readonly readModels: ReadModelStore;
  readonly projector: Projector;
  readonly regions: RegionCatalog;
  readonly lookupKeys: LookupKeys;
  readonly secrets: Secrets;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  readonly dataDir: string;
  readonly tokenSecret?: string | null;
  readonly lookupSecret?: string | null;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly onProjectorError?: (error: unknown) => void;
}

/**
 * The embedded default: an append-only event store and the read models, each a SQLite
 * file in the data directory, and the projector running in this process.
 */
export async function openEmbeddedSystem(options: EmbeddedOptions): Promise<System> {
  const secrets = loadSecrets(options.dataDir, {
    tokenSecret: options.tokenSecret ?? null,
    lookupSecret: options.lookupSecret ?? null,
  });
  const events = SqliteEventStore.open(join(options.dataDir, 'events.sqlite'));
  const readModels = SqliteReadModelStore.open(join(options.dataDir, 'read-models.sqlite'));
  const lookupKeys = hmacLookupKeys(secrets.lookupSecret);
  const projector = new Projector(events, readModels, [lookupProjection(lookupKeys), reportsProjection], {
    onError: options.onProjectorError,
  });
  await projector.start();
  return {
    events,
    readModels,
    projector,
    regions: loadIdnAreaCatalog(),
    lookupKeys,
    secrets,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    async close() {
      await projector.stop();
      await events.close();
      await readModels.close();
    },
  };
}
