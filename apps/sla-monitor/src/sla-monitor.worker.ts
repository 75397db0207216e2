import { LoopHealth, type Worker } from '@bansos/hosting';
import { KafkaStreamConsumer } from '@bansos/messaging';
import { openProductionEngines, probe, systemClock, type ProductionConfig } from '@bansos/platform';
import { EventStoreAlertWriter, ReadModelCaseStateStore, SlaMonitor } from '@bansos/sla';

/** The consumer group of every SLA monitor process: Kafka shares the cases' partitions among them. */
export const SLA_CONSUMER_GROUP = 'bansos-sla-monitor';

/**
 * The SLA monitor process: reads the events topic as a Kafka consumer group, keeps each
 * case's state in MongoDB, and appends its alerts to EventStoreDB (from where the relay
 * publishes them to the topic, and the projector builds the alert read models).
 */
export async function slaMonitorWorker(config: ProductionConfig, fail: (error: unknown) => void): Promise<Worker> {
  const engines = await openProductionEngines(config);
  const health = new LoopHealth('SLA monitor loop');
  const consumer = new KafkaStreamConsumer({
    brokers: config.kafkaBrokers,
    topic: config.eventsTopic,
    groupId: SLA_CONSUMER_GROUP,
  });
  const monitor = new SlaMonitor({
    consumer,
    alerts: new EventStoreAlertWriter(engines.events),
    state: new ReadModelCaseStateStore(engines.readModels),
    clock: systemClock,
    config: config.sla,
    onError: (error) => {
      health.failed(error);
      fail(error);
    },
  });
  let stopped: Promise<void> | null = null;
  return {
    name: 'sla-monitor',
    start: async () => monitor.start(),
    stop: () =>
      (stopped ??= (async () => {
        await monitor.stop();
        await engines.close();
      })()),
    checks: async () => [...(await engines.checks()), await probe('Kafka', () => consumer.ping()), health.check()],
    progress: () => ({ ...monitor.status() }),
  };
}
