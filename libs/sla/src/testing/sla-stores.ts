/**
 * Real embedded stores in a temporary directory, and the SLA monitor over them, for the
 * integration tier: the same composition as the embedded system, with parts replaceable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toAppend } from '@bansos/application';
import { isSlaEventType, SLA_ALERT_KIND, type CommandContext, type ReportEvent, type SlaEvent } from '@bansos/domain';
import { ANY, SqliteEventStore, type EventStore } from '@bansos/eventstore';
import { SqliteReadModelStore } from '@bansos/read-models';
import { alertToAppend, type SlaFeedEvent } from '../codec';
import { DEFAULT_SLA_CONFIG, type SlaConfig } from '../config';
import { SLA_CONSUMER_CHECKPOINT } from '../embedded';
import { EventStoreAlertWriter } from '../monitor/alert-writer';
import { ReadModelCaseStateStore, type CaseStateStore } from '../monitor/case-state-store';
import { SlaMonitor, type MonitorClock } from '../monitor/sla-monitor';
import { InProcessStreamConsumer, readModelCheckpoints } from '../stream/in-process-consumer';
import type { CheckpointStore } from '../stream/stream-consumer';

export class SlaStores {
  readonly events: SqliteEventStore;
  readonly readModels: SqliteReadModelStore;
  /** What the monitors built here reported to onError: a test expects none. */
  readonly errors: unknown[] = [];

  constructor(
    readonly dir = mkdtempSync(join(tmpdir(), 'bansos-sla-')),
    readModelsFile = 'read-models.sqlite',
  ) {
    this.events = SqliteEventStore.open(join(dir, 'events.sqlite'));
    this.readModels = SqliteReadModelStore.open(join(dir, readModelsFile));
  }

  /** A monitor as the embedded system builds it; `wrap` may replace its persistence (to simulate a crash). */
  monitor(
    clock: MonitorClock,
    options: {
      readonly config?: Partial<SlaConfig>;
      readonly wrap?: { state?: (s: CaseStateStore) => CaseStateStore; checkpoints?: (c: CheckpointStore) => CheckpointStore };
    } = {},
  ): SlaMonitor {
    const checkpoints = readModelCheckpoints(this.readModels, SLA_CONSUMER_CHECKPOINT);
    const state = new ReadModelCaseStateStore(this.readModels);
    return new SlaMonitor({
      consumer: new InProcessStreamConsumer(this.events, options.wrap?.checkpoints?.(checkpoints) ?? checkpoints, { batchSize: 64 }),
      alerts: new EventStoreAlertWriter(this.events),
      state: options.wrap?.state?.(state) ?? state,
      clock,
      config: { ...DEFAULT_SLA_CONFIG, checkIntervalMs: 60_000, ...options.config },
      onError: (error) => this.errors.push(error),
    });
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.readModels.close();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let commands = 0;

/** Appends feed events (built by testing/feed-events) to their streams, as the command handlers and the monitor would. */
export async function appendFeed(events: EventStore, feed: readonly SlaFeedEvent[]): Promise<bigint> {
  let position = -1n;
  for (const event of feed) {
    const ctx: CommandContext = {
      commandId: `test-${process.pid}-${++commands}`,
      at: new Date().toISOString(),
      actor: { kind: 'system', name: 'test' },
      correlationId: 'test',
      causationId: null,
    };
    const body = { type: event.type, data: event.data } as ReportEvent | SlaEvent;
    const append = isSla(body) ? alertToAppend(body, ctx, event.streamId, 0) : toAppend(body, ctx, event.streamId, 0);
    position = (await events.appendToStream(event.streamId, [append], ANY)).position;
  }
  return position;
}

/** Every alert in the store, as "ticket KIND", in store order. */
export async function storedAlerts(events: EventStore): Promise<string[]> {
  const out: string[] = [];
  let after: bigint | undefined;
  for (;;) {
    const page = await events.readAll({ ...(after === undefined ? {} : { after }), maxCount: 1000 });
    for (const e of page) if (isSlaEventType(e.type)) out.push(`${(e.data as { ticket: string }).ticket} ${SLA_ALERT_KIND[e.type]}`);
    if (page.length < 1000) return out;
    after = page[page.length - 1].position;
  }
}

function isSla(body: ReportEvent | SlaEvent): body is SlaEvent {
  return isSlaEventType(body.type);
}
