import type { RegionCatalog } from '@bansos/domain';
import type { EventStore } from '@bansos/eventstore';
import type { LookupKeys, ReadModelStore } from '@bansos/read-models';
import type { SlaConfig, SlaMonitorStatus } from '@bansos/sla';
import type { Clock, IdGenerator } from './clock';
import type { System } from './embedded-system';

/** One engine's answer to a readiness probe. */
export interface EngineCheck {
  readonly name: string;
  readonly ok: boolean;
  /** Why it is not ready (never personal data). */
  readonly problem?: string;
}

/**
 * What the HTTP API needs, whichever profile composed it: on the embedded default the
 * projector and the SLA monitor run in the same process; on the production profile they
 * are processes of their own and the API reads their results from the read-model store.
 */
export interface ApiSystem {
  readonly profile: 'embedded' | 'production';
  readonly events: EventStore;
  readonly readModels: ReadModelStore;
  readonly regions: RegionCatalog;
  readonly lookupKeys: LookupKeys;
  readonly secrets: { readonly tokenSecret: string };
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly slaConfig: SlaConfig;
  /** The SLA monitor's state when it runs in this process; null when another process runs it. */
  slaMonitorStatus(): SlaMonitorStatus | null;
  /** Whether this process keeps the audit index (embedded) or the projector process does. */
  readonly indexesAudit: boolean;
  /** The global position the read models have applied, -1n before the first event. */
  projectedPosition(): Promise<bigint>;
  /** Asks every engine behind the API whether it answers. */
  checkEngines(): Promise<EngineCheck[]>;
}

/** Runs a probe as an engine check: a throw or a timeout is "not ready", with its message. */
export async function probe(name: string, run: () => Promise<unknown>, timeoutMs = 3000): Promise<EngineCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([run(), timeout]);
    return { name, ok: true };
  } catch (error) {
    return { name, ok: false, problem: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The embedded System seen by the API: everything is in this process. */
export function embeddedApi(system: System): ApiSystem {
  return {
    profile: 'embedded',
    events: system.events,
    readModels: system.readModels,
    regions: system.regions,
    lookupKeys: system.lookupKeys,
    secrets: system.secrets,
    clock: system.clock,
    ids: system.ids,
    slaConfig: system.sla.config,
    slaMonitorStatus: () => system.sla.monitor.status(),
    indexesAudit: true,
    projectedPosition: async () => system.projector.appliedPosition(),
    checkEngines: async () =>
      Promise.all([
        probe('event store (SQLite)', () => system.events.headPosition()),
        probe('read models (SQLite)', () => system.readModels.checkpoint('lookup')),
        probe('projector', async () => {
          const failure = system.projector.failure();
          if (failure) throw failure;
        }),
      ]),
  };
}
