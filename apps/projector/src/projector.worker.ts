import { auditProjections } from '@bansos/audit';
import { LoopHealth, type Worker } from '@bansos/hosting';
import { openProductionEngines, type ProductionConfig } from '@bansos/platform';
import { hmacLookupKeys, lookupProjection, Projector, reportsProjection } from '@bansos/read-models';
import { SlaProjector, slaProjections } from '@bansos/sla';

/**
 * The projector process: every read model the API queries, kept in MongoDB from
 * EventStoreDB's $all. Each projection resumes from its own checkpoint; a batch applied
 * twice after a crash changes nothing (the store's position guard).
 */
export async function projectorWorker(config: ProductionConfig, fail: (error: unknown) => void): Promise<Worker> {
  const engines = await openProductionEngines(config);
  const { events, readModels } = engines;
  const keys = hmacLookupKeys(config.lookupSecret);
  const health = new LoopHealth('projection loop');
  const onError = (error: unknown): void => {
    health.failed(error);
    fail(error);
  };
  const projector = new Projector(events, readModels, [lookupProjection(keys), reportsProjection, ...auditProjections(keys)], {
    onError,
  });
  // The SLA alerts' read models read $all too: ordered by position, unlike the monitor's Kafka stream.
  const sla = new SlaProjector(events, readModels, slaProjections, { onError });
  let stopped: Promise<void> | null = null;
  return {
    name: 'projector',
    async start() {
      await projector.start();
      await sla.start();
    },
    stop: () =>
      (stopped ??= (async () => {
        await Promise.all([projector.stop(), sla.stop()]);
        await engines.close();
      })()),
    checks: async () => [...(await engines.checks()), health.check()],
    progress: () => ({
      appliedPosition: projector.appliedPosition().toString(),
      slaAppliedPosition: sla.appliedPosition().toString(),
    }),
  };
}
