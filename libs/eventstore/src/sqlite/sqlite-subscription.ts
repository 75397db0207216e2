import type { RecordedEvent, Subscription } from '../event-store';
import type { CommitSignal } from './commit-signal';

export interface SubscriptionSource {
  /** Synchronous read of the next page, so nothing can commit between "empty" and "wait". */
  readPage(after: bigint | undefined, maxCount: number): RecordedEvent[];
  readonly commits: CommitSignal;
}

export interface SubscriptionOptions {
  readonly pageSize: number;
  /** Fallback for commits made by other connections (another process), which raise no signal. */
  readonly pollMs: number;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Catch-up then live subscription over `readAll`. It holds at most one page and reads
 * the next one only when the consumer asks for an event past it, so a slow consumer
 * slows the reads down instead of growing a queue.
 */
export class SqliteSubscription implements Subscription, AsyncIterator<RecordedEvent> {
  private page: RecordedEvent[] = [];
  private index = 0;
  private closed = false;
  private wake: (() => void) | undefined;
  // next() calls are chained so that overlapping calls still get distinct events in order.
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: SubscriptionSource,
    private after: bigint | undefined,
    private readonly options: SubscriptionOptions,
    private readonly onClose: (subscription: SqliteSubscription) => void,
  ) {}

  /** The position of the last event handed out (0 before any: positions start at 1). */
  position(): bigint {
    return this.after ?? 0n;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this;
  }

  next(): Promise<IteratorResult<RecordedEvent>> {
    const result = this.tail.then(() => this.pull());
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Called by for-await on `break`/`throw` in the loop body. */
  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return DONE;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.page = [];
    this.wake?.();
    this.onClose(this);
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      if (this.closed) return DONE;
      if (this.index < this.page.length) {
        const event = this.page[this.index++];
        this.after = event.position;
        return { done: false, value: event };
      }
      const page = this.source.readPage(this.after, this.options.pageSize);
      if (page.length > 0) {
        this.page = page;
        this.index = 0;
        continue;
      }
      await this.waitForCommit();
    }
  }

  private waitForCommit(): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        cancel();
        this.wake = undefined;
        resolve();
      };
      const cancel = this.source.commits.once(finish);
      const timer = setTimeout(finish, this.options.pollMs);
      // The poll alone must not keep a process alive that has nothing else to do.
      timer.unref();
      this.wake = finish;
    });
  }
}
