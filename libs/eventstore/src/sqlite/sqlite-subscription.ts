import type { RecordedEvent } from '../event-store';
import { DONE, PullSubscription } from '../pull-subscription';
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

/**
 * Catch-up then live subscription over `readAll`. It holds at most one page and reads
 * the next one only when the consumer asks for an event past it, so a slow consumer
 * slows the reads down instead of growing a queue.
 */
export class SqliteSubscription extends PullSubscription {
  private page: RecordedEvent[] = [];
  private index = 0;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: SubscriptionSource,
    private after: bigint | undefined,
    private readonly options: SubscriptionOptions,
    private readonly onClose: (subscription: SqliteSubscription) => void,
  ) {
    super();
  }

  /** The position of the last event handed out (0 before any: positions start at 1). */
  position(): bigint {
    return this.after ?? 0n;
  }

  protected release(): void {
    this.page = [];
    this.wake?.();
    this.onClose(this);
  }

  protected async pull(): Promise<IteratorResult<RecordedEvent>> {
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
