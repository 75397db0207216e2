import type { RecordedEvent, Subscription } from './event-store';

export const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * What every adapter's Subscription shares: events are pulled one next() at a time (so a
 * slow consumer slows the reads instead of growing a queue), overlapping next() calls are
 * chained so each gets a distinct event in order, and close() (or `break` in a for-await)
 * ends it once.
 */
export abstract class PullSubscription implements Subscription, AsyncIterator<RecordedEvent> {
  protected closed = false;
  private tail: Promise<unknown> = Promise.resolve();

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
    await this.release();
  }

  /** The next event, or DONE once closed. */
  protected abstract pull(): Promise<IteratorResult<RecordedEvent>>;

  /** Frees what the subscription holds and answers a pending pull; called once. */
  protected abstract release(): Promise<void> | void;
}
