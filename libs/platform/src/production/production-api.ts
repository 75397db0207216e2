import { hmacLookupKeys } from '@bansos/read-models';
import { loadIdnAreaCatalog } from '@bansos/regions';
import type { ApiSystem } from '../api-system';
import { randomIds, systemClock } from '../clock';
import type { ProductionConfig } from '../production-config';
import { openProductionEngines } from './engines';

/**
 * The API process of the production profile: commands go to EventStoreDB, queries read
 * MongoDB. The projector, relay and SLA monitor are processes of their own, so this one
 * reports the projectors' progress from their checkpoints in MongoDB.
 */
export async function openProductionApi(config: ProductionConfig): Promise<ApiSystem & { close(): Promise<void> }> {
  const engines = await openProductionEngines(config);
  const { events, readModels } = engines;
  return {
    profile: 'production',
    events,
    readModels,
    regions: loadIdnAreaCatalog(),
    lookupKeys: hmacLookupKeys(config.lookupSecret),
    secrets: { tokenSecret: config.tokenSecret },
    clock: systemClock,
    ids: randomIds,
    slaConfig: config.sla,
    slaMonitorStatus: () => null,
    indexesAudit: false,
    projectedPosition: async () => (await readModels.checkpoint('lookup')) ?? -1n,
    checkEngines: () => engines.checks(),
    close: () => engines.close(),
  };
}
