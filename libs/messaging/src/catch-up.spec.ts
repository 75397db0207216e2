import { CatchUp } from './catch-up';

const marks = (entries: Array<[number, bigint]>) => new Map(entries);

describe('CatchUp', () => {
  it('is not caught up before the group assigned partitions', () => {
    const catchUp = new CatchUp(marks([[0, 0n]]));
    expect(catchUp.reached()).toBe(false);
  });

  it('is caught up at once when every assigned partition is empty', () => {
    const catchUp = new CatchUp(marks([[0, 0n], [1, 0n]]));
    catchUp.assign([0, 1]);
    expect(catchUp.reached()).toBe(true);
  });

  it('waits for every partition with history to reach its mark, ignoring empty ones', () => {
    const catchUp = new CatchUp(marks([[0, 10n], [1, 0n], [2, 4n]]));
    catchUp.assign([0, 1, 2]);
    catchUp.at(0, 0n);
    catchUp.at(2, 0n);
    expect(catchUp.reached()).toBe(false);
    catchUp.at(0, 10n);
    expect(catchUp.reached()).toBe(false);
    catchUp.at(2, 4n);
    expect(catchUp.reached()).toBe(true);
  });

  it('counts a committed offset already at the mark (a restart with nothing new)', () => {
    const catchUp = new CatchUp(marks([[0, 7n]]));
    catchUp.assign([0]);
    catchUp.at(0, 7n);
    expect(catchUp.reached()).toBe(true);
  });

  it('measures live messages past the mark as caught up too', () => {
    const catchUp = new CatchUp(marks([[0, 3n]]));
    catchUp.assign([0]);
    catchUp.at(0, 5n);
    expect(catchUp.reached()).toBe(true);
  });

  it('only looks at the partitions assigned to this consumer', () => {
    const catchUp = new CatchUp(marks([[0, 5n], [1, 5n]]));
    catchUp.assign([1]);
    catchUp.at(1, 5n);
    expect(catchUp.reached()).toBe(true);
  });

  it('takes a later assignment (rebalance) against the marks read at start', () => {
    const catchUp = new CatchUp(marks([[0, 5n], [1, 5n]]));
    catchUp.assign([0]);
    catchUp.assign([0, 1]);
    catchUp.at(0, 5n);
    expect(catchUp.reached()).toBe(false);
    catchUp.at(1, 5n);
    expect(catchUp.reached()).toBe(true);
  });

  it('treats a partition the topic gained after the start as having no history', () => {
    const catchUp = new CatchUp(marks([[0, 2n]]));
    catchUp.assign([0, 1]);
    catchUp.at(0, 2n);
    expect(catchUp.reached()).toBe(true);
  });

  it('never moves a position back (a stale committed offset read after a batch)', () => {
    const catchUp = new CatchUp(marks([[0, 5n]]));
    catchUp.assign([0]);
    catchUp.at(0, 5n);
    catchUp.at(0, 2n);
    expect(catchUp.reached()).toBe(true);
  });

  it('answers true once only', () => {
    const catchUp = new CatchUp(marks([[0, 0n]]));
    catchUp.assign([0]);
    expect(catchUp.reached()).toBe(true);
    expect(catchUp.reached()).toBe(false);
    catchUp.assign([0]);
    expect(catchUp.reached()).toBe(false);
  });
});
