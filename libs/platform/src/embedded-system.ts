import { join } from 'node:path';
import type { RegionCatalog } from '@bansos/domain';
import { SqliteEventStore, type EventStore } from '@bansos/eventstore';
import {
  hmacLookupKeys,
  SqliteReadModelStore,
  type LookupKeys,
  type Projection,
  type ProjectorProgress,
  type ReadModelStore,
} from '@bansos/read-models';
import { loadIdnAreaCatalog } from '@bansos/regions';
import { embeddedSla, type EmbeddedSla, type SlaConfig } from '@bansos/sla';
import { randomIds, systemClock, type Clock, type IdGenerator } from './clock';
import { embeddedProjections } from './embedded-projections';
import { ProjectorThread } from './projector-thread/projector-thread';
import { ThreadWrittenStore } from './projector-thread/thread-written-store';
import { loadSecrets, type Secrets } from './secrets';
import { slaConfigFrom } from './sla-config';

/** Everything one process needs: stores, projector, region codes, secrets, clock and ids. */
export interface System {
  readonly events: EventStore;
  readonly readModels: ReadModelStore;
  /** The projector of the lookup and the worklist (on a thread of its own). */
  readonly projector: ProjectorProgress & { failure(): Error | null };
  /** What the projector runs, so an audit can rebuild exactly these read models from the events. */
  readonly projections: readonly Projection[];
  readonly regions: RegionCatalog;
  readonly lookupKeys: LookupKeys;
  readonly secrets: Secrets;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The SLA monitor (raises alerts) and its read models. */
  readonly sla: EmbeddedSla;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  readonly dataDir: string;
  readonly tokenSecret?: string | null;
  readonly lookupSecret?: string | null;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly onProjectorError?: (error: unknown) => void;
  /** SLA settings; read from the environment (SLA_DAYS, ...) when absent. */
  readonly sla?: SlaConfig;
  /** Failures of the SLA monitor; onProjectorError when absent. */
  readonly onSlaError?: (error: unknown) => void;
}

/**
 * The embedded default: an append-only event store and the read models, each a SQLite
 * file in the data directory; the projector runs on a thread of this process, the SLA
 * monitor on this one.
 */
export async function openEmbeddedSystem(options: EmbeddedOptions): Promise<System> {
  const slaConfig = options.sla ?? slaConfigFrom(process.env);
  const clock = options.clock ?? systemClock;
  const secrets = loadSecrets(options.dataDir, {
    tokenSecret: options.tokenSecret ?? null,
    lookupSecret: options.lookupSecret ?? null,
  });
  const eventsFile = join(options.dataDir, 'events.sqlite');
  const readModelsFile = join(options.dataDir, 'read-models.sqlite');
  const events = SqliteEventStore.open(eventsFile);
  const reads = SqliteReadModelStore.open(readModelsFile);
  const lookupKeys = hmacLookupKeys(secrets.lookupSecret);
  const projections = embeddedProjections(lookupKeys);
  // The stores exist (schemas applied) before the thread opens its own connections.
  const projector = await ProjectorThread.start({
    eventsFile,
    readModelsFile,
    lookupSecret: secrets.lookupSecret,
    events,
    onError: options.onProjectorError,
  }).catch(async (error: unknown) => {
    await events.close();
    await reads.close();
    throw error;
  });
  const readModels = new ThreadWrittenStore(reads, projector);
  const sla = embeddedSla({
    events,
    readModels,
    clock,
    config: slaConfig,
    onError: options.onSlaError ?? options.onProjectorError,
  });
  await sla.start();
  return {
    events,
    readModels,
    projector,
    projections,
    regions: loadIdnAreaCatalog(),
    lookupKeys,
    secrets,
    clock,
    ids: options.ids ?? randomIds,
    sla,
    async close() {
      await sla.stop();
      await projector.stop();
      await events.close();
      await readModels.close();
    },
  };
}
