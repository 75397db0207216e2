import { inBatches, ReadyRuns } from './batching';

/** A source whose items come as `push` is called, and that ends on `end`. */
function channel<T>() {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let ended = false;
  const source: AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const item = queue.shift();
        if (item !== undefined) return Promise.resolve({ done: false, value: item });
        if (ended) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => (waiting = resolve));
      },
    }),
  };
  return {
    source,
    push(...items: T[]) {
      for (const item of items) {
        if (waiting) {
          const resolve = waiting;
          waiting = null;
          resolve({ done: false, value: item });
        } else queue.push(item);
      }
    },
    end() {
      ended = true;
      waiting?.({ done: true, value: undefined });
    },
  };
}

describe('ReadyRuns', () => {
  it('hands over what is ready at once, up to max, then starts a new run', async () => {
    const { source, push } = channel<number>();
    push(1, 2, 3, 4, 5);
    const runs = new ReadyRuns(source);
    const taken: number[][] = [[], [], []];
    expect(await runs.next(3, (n) => taken[0].push(n))).toBe(3);
    expect(await runs.next(3, (n) => taken[1].push(n))).toBe(2);
    const third = runs.next(3, (n) => taken[2].push(n));
    setTimeout(() => push(6), 20); // not ready at once: the run waits for it, then ends
    expect(await third).toBe(1);
    expect(taken).toEqual([[1, 2, 3], [4, 5], [6]]);
  });

  it('gives the last items of a source that ends, then 0', async () => {
    const { source, push, end } = channel<string>();
    push('a', 'b');
    end();
    const runs = new ReadyRuns(source);
    const taken: string[] = [];
    expect(await runs.next(10, (s) => taken.push(s))).toBe(2);
    expect(await runs.next(10, (s) => taken.push(s))).toBe(0);
    expect(taken).toEqual(['a', 'b']);
  });

  it('inBatches yields the same runs as arrays', async () => {
    const { source, push, end } = channel<number>();
    push(1, 2, 3);
    end();
    const batches: number[][] = [];
    for await (const batch of inBatches(source, 2)) batches.push(batch);
    expect(batches).toEqual([[1, 2], [3]]);
  });
});
