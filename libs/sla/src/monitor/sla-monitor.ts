import type { RecordedEvent } from '@bansos/eventstore';
import { SlaWatch } from '../case/sla-watch';
import { decodeFeedEvent, isFeedType } from '../codec';
import { slaPolicy, type SlaConfig } from '../config';
import type { StreamConsumer } from '../stream/stream-consumer';
import type { AlertSink } from './alert-writer';
import type { CaseChange, CaseStateStore } from './case-state-store';

export interface MonitorClock {
  now(): Date;
}

export interface SlaMonitorDeps {
  readonly consumer: StreamConsumer;
  readonly alerts: AlertSink;
  readonly state: CaseStateStore;
  readonly clock: MonitorClock;
  readonly config: SlaConfig;
  readonly onError?: (error: unknown) => void;
  /** Read models fed the same batches after the monitor's own work, so the log is read once for both. */
  readonly readModels?: { apply(batch: readonly RecordedEvent[]): Promise<void> };
}

export type SlaMonitorPhase = 'idle' | 'loading' | 'catching_up' | 'live' | 'stopped' | 'failed';

export interface SlaMonitorStatus {
  readonly phase: SlaMonitorPhase;
  readonly cases: number;
  readonly indexEntries: number;
  /** Position of the last event handled in this run (-1 before the first). */
  readonly position: string;
  /** Alerts this run wrote (an alert the store already held, found again after a restart, counts too). */
  readonly alertsWritten: number;
}

// Alerts per store transaction; also how often a long check lets the stream in between.
const ALERTS_PER_WRITE = 1000;

/**
 * The SLA monitor: folds the stream into the watch, persists the touched cases (the
 * consumer checkpoints after that), and raises what the deadline index says is due, on
 * a timer and after each live batch. Batches and checks take turns, one at a time, so
 * a check never sees half a batch. Time-based alerts wait until the replay of history
 * is over: they would otherwise be decided on facts that later events already changed.
 */
export class SlaMonitor {
  private readonly watch: SlaWatch;
  private phase: SlaMonitorPhase = 'idle';
  private position = -1n;
  private written = 0;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<unknown> | null = null;
  private turn: Promise<unknown> = Promise.resolve();
  private positionWaiters: { position: bigint; resolve: () => void }[] = [];
  private liveWaiters: (() => void)[] = [];
  // Live, and the first check after the replay is done.
  private settled = false;

  constructor(private readonly deps: SlaMonitorDeps) {
    this.watch = new SlaWatch(slaPolicy(deps.config));
  }

  get config(): SlaConfig {
    return this.deps.config;
  }

  /** Starts in the background: loading a million cases must not hold up a process that only imports. */
  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.deps.consumer.stop();
    await this.loop;
    await this.ticking;
    await this.turn;
    if (this.phase !== 'failed') this.phase = 'stopped';
  }

  status(): SlaMonitorStatus {
    return {
      phase: this.phase,
      cases: this.watch.caseCount,
      indexEntries: this.watch.indexSize,
      position: this.position.toString(),
      alertsWritten: this.written,
    };
  }

  /** Resolves once history is replayed and what fell due meanwhile is raised. */
  whenLive(): Promise<void> {
    if (this.settled) return Promise.resolve();
    return new Promise((resolve) => this.liveWaiters.push(resolve));
  }

  /** Resolves once this run has handled the event at `position`. */
  waitFor(position: bigint): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.positionWaiters.push({ position, resolve }));
  }

  /** Raises every alert due now and returns how many. The timer calls it; tests and the bench may too. */
  async check(): Promise<number> {
    let total = 0;
    while (this.phase === 'live' && !this.stopping) {
      const raised = await this.inTurn(() => this.raiseDue());
      total += raised;
      if (raised < ALERTS_PER_WRITE) break;
    }
    return total;
  }

  private async run(): Promise<void> {
    try {
      this.phase = 'loading';
      for await (const c of this.deps.state.load()) {
        if (this.stopping) return;
        this.watch.restore(c);
      }
      this.phase = 'catching_up';
      await this.deps.consumer.consume({ handle: (batch) => this.handle(batch), caughtUp: () => this.goLive() });
    } catch (error) {
      this.phase = 'failed';
      this.deps.onError?.(error);
    }
  }

  private async handle(batch: readonly RecordedEvent[]): Promise<void> {
    await this.inTurn(async () => {
      const touched = new Map<string, bigint>();
      for (const recorded of batch) {
        // Most of the store (registrations, audit trail) is not ours: skip it before decoding.
        if (!isFeedType(recorded.type)) continue;
        const event = decodeFeedEvent(recorded);
        if (!event) continue;
        this.watch.apply(event);
        touched.set(event.data.ticket, recorded.position);
      }
      const last = batch[batch.length - 1].position;
      if (touched.size > 0) {
        const changes: CaseChange[] = [];
        for (const [ticket, position] of touched) changes.push({ ticket, state: this.watch.get(ticket) ?? null, position });
        await this.deps.state.save(changes, last);
      }
      await this.deps.readModels?.apply(batch);
      this.position = last;
    });
    // A failed write is retried by the next check; it must not stop the stream.
    if (this.phase === 'live') await this.check().catch((error: unknown) => this.deps.onError?.(error));
    // "Handled" includes the alerts the batch made due (a disbursement's RESOLVED).
    const reached = this.positionWaiters.filter((w) => w.position <= this.position);
    this.positionWaiters = this.positionWaiters.filter((w) => w.position > this.position);
    for (const w of reached) w.resolve();
  }

  private async goLive(): Promise<void> {
    this.phase = 'live';
    this.timer = setInterval(() => this.tick(), this.deps.config.checkIntervalMs);
    // The timer alone must not keep a process alive (the CLI, a test) that is done otherwise.
    this.timer.unref();
    // What fell due while the monitor was away is raised before anyone is told it is live.
    await this.check().catch((error: unknown) => this.deps.onError?.(error));
    this.settled = true;
    for (const resolve of this.liveWaiters.splice(0)) resolve();
  }

  private tick(): void {
    if (this.ticking) return;
    this.ticking = this.check()
      .catch((error: unknown) => this.deps.onError?.(error))
      .finally(() => {
        this.ticking = null;
      });
  }

  private async raiseDue(): Promise<number> {
    const planned = this.watch.takeDue(this.deps.clock.now().getTime(), ALERTS_PER_WRITE);
    if (planned.length === 0) return 0;
    let written;
    try {
      written = await this.deps.alerts.write(planned);
    } catch (error) {
      for (const alert of planned) this.watch.retryLater(alert);
      throw error;
    }
    for (const w of written) this.watch.raised(w.ticket, w.bits, w.revision);
    this.written += planned.length;
    return planned.length;
  }

  /** Runs `work` after whatever batch or check is in progress. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work);
    this.turn = result.catch(() => undefined);
    return result;
  }
}
