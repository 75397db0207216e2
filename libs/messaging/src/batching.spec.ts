import { chunkBySize, lingeringBatches } from './batching';

/** A source fed by the test: push() makes an item available, end() finishes it. */
class Feed<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private ended = false;
  pulls = 0;

  push(...items: T[]): void {
    for (const item of items) {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = null;
        resolve({ done: false, value: item });
      } else this.items.push(item);
    }
  }

  end(): void {
    this.ended = true;
    this.waiting?.({ done: true, value: undefined });
    this.waiting = null;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        this.pulls++;
        if (this.items.length > 0) return Promise.resolve({ done: false, value: this.items.shift() as T });
        if (this.ended) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => (this.waiting = resolve));
      },
    };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lingeringBatches', () => {
  it('cuts a backlog into full batches of max items, the rest in the last', async () => {
    const feed = new Feed<number>();
    feed.push(...Array.from({ length: 25 }, (_, i) => i));
    feed.end();
    const batches: number[][] = [];
    for await (const batch of lingeringBatches(feed, { max: 10, lingerMs: 1000 })) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('closes a batch lingerMs after its first item when no more come', async () => {
    const feed = new Feed<string>();
    const batches = lingeringBatches(feed, { max: 100, lingerMs: 40 });
    feed.push('a');
    const started = Date.now();
    const first = batches.next();
    await sleep(10);
    feed.push('b');
    expect((await first).value).toEqual(['a', 'b']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    // The item that arrives after the cut starts the next batch; nothing is lost.
    feed.push('c');
    feed.end();
    expect((await batches.next()).value).toEqual(['c']);
    expect((await batches.next()).done).toBe(true);
  });

  it('yields the batch in hand when the source ends, without waiting out the linger', async () => {
    const feed = new Feed<number>();
    const batches = lingeringBatches(feed, { max: 100, lingerMs: 10_000 });
    feed.push(1, 2);
    const next = batches.next();
    await sleep(5);
    const started = Date.now();
    feed.end();
    expect((await next).value).toEqual([1, 2]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await batches.next()).done).toBe(true);
  });

  it('pulls the source only as batches are taken (back-pressure)', async () => {
    const feed = new Feed<number>();
    feed.push(...Array.from({ length: 50 }, (_, i) => i));
    const batches = lingeringBatches(feed, { max: 10, lingerMs: 1000 });
    await batches.next();
    expect(feed.pulls).toBe(10);
    await batches.next();
    expect(feed.pulls).toBe(20);
  });
});

describe('chunkBySize', () => {
  it('keeps order and stays under the limit', () => {
    expect(chunkBySize(['aa', 'bb', 'cc', 'd'], (s) => s.length, 4)).toEqual([['aa', 'bb'], ['cc', 'd']]);
  });

  it('sends an item bigger than the limit alone, never drops it', () => {
    expect(chunkBySize(['a', 'xxxxxx', 'b'], (s) => s.length, 4)).toEqual([['a'], ['xxxxxx'], ['b']]);
  });

  it('makes no chunk of nothing', () => {
    expect(chunkBySize([], () => 1, 4)).toEqual([]);
  });
});
