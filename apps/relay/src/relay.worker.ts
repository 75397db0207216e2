import { LoopHealth, type Worker } from '@bansos/hosting';
import { EventRelay } from '@bansos/messaging';
import { openProductionEngines, probe, type ProductionConfig } from '@bansos/platform';
import { readModelCheckpoints } from '@bansos/sla';

/** Name of the relay's checkpoint in MongoDB. */
export const RELAY_CHECKPOINT = 'kafka-relay';

/**
 * The relay process: EventStoreDB's $all, from its checkpoint, onto the events topic
 * (key = stream id), the checkpoint saved only once the broker acknowledged.
 */
export async function relayWorker(config: ProductionConfig, fail: (error: unknown) => void): Promise<Worker> {
  const engines = await openProductionEngines(config);
  const health = new LoopHealth('relay loop');
  const relay = new EventRelay({
    events: engines.events,
    checkpoints: readModelCheckpoints(engines.readModels, RELAY_CHECKPOINT),
    brokers: config.kafkaBrokers,
    topic: config.eventsTopic,
    partitions: config.partitions,
    onError: (error) => {
      health.failed(error);
      fail(error);
    },
  });
  let stopped: Promise<void> | null = null;
  return {
    name: 'relay',
    start: () => relay.start(),
    stop: () =>
      (stopped ??= (async () => {
        await relay.stop();
        await engines.close();
      })()),
    checks: async () => [...(await engines.checks()), await probe('Kafka', () => relay.ping()), health.check()],
    progress: () => ({ publishedPosition: relay.publishedPosition().toString() }),
  };
}
