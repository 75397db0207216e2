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
  type Projection,
  type ReadModelStore,
} from '@bansos/read-models';
import { loadIdnAreaCatalog } from '@bansos/regions';
import { embeddedSla, type EmbeddedSla, type SlaConfig } from '@bansos/sla';
import { randomIds, systemClock, type Clock, type IdGenerator } from './clock';
import { loadSecrets, type Secrets } from './secrets';
import { slaConfigFrom } from './sla-config';

/** Everything one process needs: stores, projector, region codes, secrets, clock and ids. */
export interface System {
  readonly events: EventStore;
  readonly readModels: ReadModelStore;
  readonly projector: Projector;
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
 * file in the data directory, and the projector running in this process.
 */
export async function openEmbeddedSystem(options: EmbeddedOptions): Promise<System> {
  const slaConfig = options.sla ?? slaConfigFrom(process.env);
  const clock = options.clock ?? systemClock;
  const secrets = loadSecrets(options.dataDir, {
    tokenSecret: options.tokenSecret ?? null,
    lookupSecret: options.lookupSecret ?? null,
  });
  const events = SqliteEventStore.open(join(options.dataDir, 'events.sqlite'));
  const readModels = SqliteReadModelStore.open(join(options.dataDir, 'read-models.sqlite'));
  const lookupKeys = hmacLookupKeys(secrets.lookupSecret);
  const projections: readonly Projection[] = [lookupProjection(lookupKeys), reportsProjection];
  const projector = new Projector(events, readModels, projections, {
    onError: options.onProjectorError,
  });
  await projector.start();
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
