import type { RecordedEvent } from '@bansos/eventstore';
import type { StreamConsumer, StreamHandler } from '../stream/stream-consumer';

/** A source of events and consumers of it that share one checkpoint (Kafka: one consumer group). */
export interface ConsumerHarness {
  /** Appends `count` events to the source; returns their ids in order. */
  append(count: number): Promise<string[]>;
  /** A new consumer resuming from the shared checkpoint. */
  consumer(): StreamConsumer;
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records what a consumer delivers; `gate` lets a test hold a batch in handle(). */
class Recorder implements StreamHandler {
  readonly ids: string[] = [];
  readonly batches: number[] = [];
  caughtUpAt: number | null = null;
  caughtUpCalls = 0;
  inFlight = 0;
  maxInFlight = 0;
  gate: Promise<void> | null = null;
  failOnBatch: number | null = null;

  async handle(batch: readonly RecordedEvent[]): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.failOnBatch === this.batches.length) throw new Error('handler failed');
      await this.gate;
      await sleep(1);
      this.batches.push(batch.length);
      this.ids.push(...batch.map((e) => e.id));
    } finally {
      this.inFlight--;
    }
  }

  async caughtUp(): Promise<void> {
    this.caughtUpCalls++;
    this.caughtUpAt = this.ids.length;
  }
}

async function until(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(5);
  }
}

/**
 * What every StreamConsumer adapter promises the SLA monitor: history then live events,
 * one batch at a time, "caught up" once, and at-least-once across restarts from a
 * checkpoint saved only after a batch was handled.
 */
export function describeStreamConsumerContract(name: string, open: () => Promise<ConsumerHarness>): void {
  describe(`${name} (StreamConsumer contract)`, () => {
    let harness: ConsumerHarness;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(() => harness.dispose());

    it('delivers history, says it caught up once, then delivers live events', async () => {
      const history = await harness.append(30);
      const consumer = harness.consumer();
      const recorder = new Recorder();
      const running = consumer.consume(recorder);
      await until(() => recorder.caughtUpCalls === 1);
      expect(recorder.caughtUpAt).toBe(30);
      const live = await harness.append(5);
      await until(() => recorder.ids.length === 35);
      expect(recorder.ids).toEqual([...history, ...live]);
      expect(recorder.caughtUpCalls).toBe(1);
      await consumer.stop();
      await running;
    });

    it('is caught up at once on an empty stream', async () => {
      const consumer = harness.consumer();
      const recorder = new Recorder();
      const running = consumer.consume(recorder);
      await until(() => recorder.caughtUpCalls === 1);
      expect(recorder.ids).toEqual([]);
      await consumer.stop();
      await running;
    });

    it('hands out one batch at a time: nothing more while handle() has not resolved', async () => {
      await harness.append(20);
      const consumer = harness.consumer();
      const recorder = new Recorder();
      let release = (): void => undefined;
      recorder.gate = new Promise((resolve) => (release = resolve));
      const running = consumer.consume(recorder);
      await until(() => recorder.inFlight === 1);
      await harness.append(20);
      await sleep(30);
      expect(recorder.maxInFlight).toBe(1);
      expect(recorder.ids).toEqual([]);
      release();
      await until(() => recorder.ids.length === 40);
      expect(recorder.maxInFlight).toBe(1);
      await consumer.stop();
      await running;
    });

    it('resumes after the last handled batch, and delivers again a batch whose handling failed', async () => {
      const first = await harness.append(10);
      const one = harness.consumer();
      const before = new Recorder();
      const running = one.consume(before);
      await until(() => before.ids.length === 10);
      await one.stop();
      await running;

      const second = await harness.append(10);
      const two = harness.consumer();
      const failing = new Recorder();
      failing.failOnBatch = 0;
      await expect(two.consume(failing)).rejects.toThrow('handler failed');
      expect(failing.ids).toEqual([]);

      const three = harness.consumer();
      const after = new Recorder();
      const resumed = three.consume(after);
      await until(() => after.ids.length >= 10);
      expect(after.ids).toEqual(second);
      expect(after.ids).not.toContain(first[0]);
      await three.stop();
      await resumed;
    });

    it('ends consume() on stop() while it waits for live events', async () => {
      await harness.append(3);
      const consumer = harness.consumer();
      const recorder = new Recorder();
      const running = consumer.consume(recorder);
      await until(() => recorder.ids.length === 3);
      await consumer.stop();
      await expect(running).resolves.toBeUndefined();
    });
  });
}
