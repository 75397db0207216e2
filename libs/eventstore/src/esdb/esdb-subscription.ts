import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store';
import { DONE, PullSubscription } from '../pull-subscription';
import { isSystemEvent, toRecordedEvent } from './esdb-mapping';

/**
 * A catch-up subscription to $all as the port's Subscription. Events are pulled from the
 * client's stream one next() at a time: while the consumer is busy, the client's buffer
 * fills, gRPC flow control holds the server back, and nothing piles up in memory.
 * close() answers a pending next() with done at once, whatever the server is doing.
 */
export class EsdbSubscription extends PullSubscription {
  private readonly source: AsyncIterator<AllStreamResolvedEvent>;
  private readonly closing: Promise<IteratorReturnResult<undefined>>;
  private signalClosed: () => void = () => undefined;

  constructor(
    private readonly subscription: AllStreamSubscription,
    private readonly onClose: (closed: EsdbSubscription) => void,
  ) {
    super();
    this.source = subscription[Symbol.asyncIterator]();
    this.closing = new Promise((resolve) => (this.signalClosed = () => resolve(DONE)));
  }

  protected async release(): Promise<void> {
    this.signalClosed();
    this.onClose(this);
    await this.subscription.unsubscribe();
    this.subscription.destroy();
  }

  protected async pull(): Promise<IteratorResult<RecordedEvent>> {
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
