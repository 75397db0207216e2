import type { EventStore } from '@bansos/eventstore';
import type { ReadModelStore } from '@bansos/read-models';
import type { SlaConfig } from './config';
import { EventStoreAlertWriter } from './monitor/alert-writer';
import { ReadModelCaseStateStore } from './monitor/case-state-store';
import { SlaMonitor, type MonitorClock } from './monitor/sla-monitor';
import { slaProjections } from './read-model/sla-projections';
import { SlaProjector } from './read-model/sla-projector';
import { InProcessStreamConsumer, readModelCheckpoints } from './stream/in-process-consumer';
import type { CheckpointStore } from './stream/stream-consumer';

/** Name of the monitor's consumer checkpoint in the read-model store. */
export const SLA_CONSUMER_CHECKPOINT = 'sla-monitor';

export interface EmbeddedSlaOptions {
  readonly events: EventStore;
  readonly readModels: ReadModelStore;
  readonly clock: MonitorClock;
  readonly config: SlaConfig;
  readonly onError?: (error: unknown) => void;
  /** Events per batch from the in-process stream. */
  readonly batchSize?: number;
}

/** The SLA feature of one process: the monitor that raises alerts, and the read models of them. */
export interface EmbeddedSla {
  readonly config: SlaConfig;
  readonly monitor: SlaMonitor;
  readonly projector: SlaProjector;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The monitor of the embedded default: in-process stream, alerts into the same event store, state in the read-model store. */
export function embeddedSlaMonitor(options: EmbeddedSlaOptions, readModels?: SlaProjector): SlaMonitor {
  const own = readModelCheckpoints(options.readModels, SLA_CONSUMER_CHECKPOINT);
  // With read models riding along, the stream starts where the one further behind left off;
  // the other skips what it has seen (the monitor folds idempotently, the projector by its checkpoints).
  const checkpoints: CheckpointStore = readModels
    ? {
        load: async () => {
          const monitor = (await own.load()) ?? -1n;
          const views = readModels.appliedPosition();
          const from = monitor < views ? monitor : views;
          return from < 0n ? null : from;
        },
        save: (position) => own.save(position),
      }
    : own;
  return new SlaMonitor({
    consumer: new InProcessStreamConsumer(options.events, checkpoints, { batchSize: options.batchSize }),
    alerts: new EventStoreAlertWriter(options.events),
    state: new ReadModelCaseStateStore(options.readModels),
    clock: options.clock,
    config: options.config,
    onError: options.onError,
    readModels,
  });
}

/**
 * The SLA feature of one process. Every subscription of the embedded store parses every
 * event of the log, so the SLA read models ride on the monitor's stream instead of a
 * subscription of their own: the SLA side reads the log once.
 */
export function embeddedSla(options: EmbeddedSlaOptions): EmbeddedSla {
  // Its writes wait for the projector thread's batch (the file's one writer): checkpoints
  // without changes are written every few seconds and at stop, not at every head reached,
  // or the monitor would fall behind a bulk import waiting on them.
  const projector = new SlaProjector(options.events, options.readModels, slaProjections, {
    onError: options.onError,
    checkpointAtHead: false,
  });
  const monitor = embeddedSlaMonitor(options, projector);
  return {
    config: options.config,
    monitor,
    projector,
    async start() {
      await projector.prepare();
      monitor.start();
    },
    async stop() {
      await monitor.stop();
      await projector.saveDeferredCheckpoints();
    },
  };
}
