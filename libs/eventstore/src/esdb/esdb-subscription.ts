import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent, Subscription } from '../event-store';
import { isSystemEvent, toRecordedEvent } from './esdb-mapping';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A catch-up subscription to $all as the port's Subscription. Events are pulled from the
 * client's stream one next() at a time: while the consumer is busy, the client's buffer
 * fills, gRPC flow control holds the server back, and nothing piles up in memory.
 * close() answers a pending next() with done at once, whatever the server is doing.
 */
export class EsdbSubscription implements Subscription, AsyncIterator<RecordedEvent> {
  private readonly source: AsyncIterator<AllStreamResolvedEvent>;
  private readonly closing: Promise<IteratorReturnResult<undefined>>;
  private signalClosed: () => void = () => undefined;
  private closed = false;
  // next() calls are chained, so overlapping calls get distinct events in order even
  // when a call skips system events.
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly subscription: AllStreamSubscription,
    private readonly onClose: (closed: EsdbSubscription) => void,
  ) {
    this.source = subscription[Symbol.asyncIterator]();
    this.closing = new Promise((resolve) => (this.signalClosed = () => resolve(DONE)));
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this;
  }

  next(): Promise<IteratorResult<RecordedEvent>> {
    const result = this.tail.then(() => this.pull());
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Called by for-await on `break` or `throw` in the loop body. */
  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return DONE;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed();
    this.onClose(this);
    await this.subscription.unsubscribe();
    this.subscription.destroy();
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      if (this.closed) return DONE;
      const next = await Promise.race([this.source.next(), this.closing]);
      if (this.closed) return DONE;
      // EventStoreDB never ends a subscription by itself; a silent end would pass for "no more events".
      if (next.done) throw new Error('EventStoreDB ended the subscription to $all');
      if (isSystemEvent(next.value)) continue;
      return { done: false, value: toRecordedEvent(next.value) };
    }
  }
}
