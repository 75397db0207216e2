import { DeadlineHeap } from './deadline-heap';

/** The deadline index hands out entries earliest first, whatever order they went in. */
describe('DeadlineHeap', () => {
  const drain = (heap: DeadlineHeap) => {
    const out: { due: number; ticket: string }[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) out.push(e);
    return out;
  };

  it('is empty at first', () => {
    const heap = new DeadlineHeap();
    expect(heap.size).toBe(0);
    expect(heap.peekDue()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
  });

  it('pops in due order, with the ticket that came in with each due time', () => {
    const heap = new DeadlineHeap();
    for (const [due, ticket] of [[30, 'c'], [10, 'a'], [50, 'e'], [20, 'b'], [40, 'd']] as const) heap.push(due, ticket);
    expect(heap.peekDue()).toBe(10);
    expect(drain(heap)).toEqual([
      { due: 10, ticket: 'a' },
      { due: 20, ticket: 'b' },
      { due: 30, ticket: 'c' },
      { due: 40, ticket: 'd' },
      { due: 50, ticket: 'e' },
    ]);
  });

  it('keeps equal due times and repeated tickets', () => {
    const heap = new DeadlineHeap();
    heap.push(5, 'x');
    heap.push(5, 'y');
    heap.push(5, 'x');
    expect(drain(heap).map((e) => e.due)).toEqual([5, 5, 5]);
  });

  it('matches a sort over 10,000 random entries, popping every third step in between', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const heap = new DeadlineHeap();
    const kept: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const due = Math.floor(random() * 1e12);
      heap.push(due, `t${i}`);
      kept.push(due);
      if (i % 3 === 0) {
        const earliest = kept.reduce((a, b) => Math.min(a, b));
        expect(heap.pop()?.due).toBe(earliest);
        kept.splice(kept.indexOf(earliest), 1);
      }
    }
    expect(heap.size).toBe(kept.length);
    expect(drain(heap).map((e) => e.due)).toEqual([...kept].sort((a, b) => a - b));
  });
});
