import type { RecordedEvent } from '../event-store';
import { RecentCommits } from './recent-commits';

const event = (position: number): RecordedEvent => ({
  id: `e-${position}`,
  streamId: `s-${position}`,
  revision: 0n,
  position: BigInt(position),
  type: 'Tested',
  data: {},
  metadata: {},
  recordedAt: new Date(0),
});
const block = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(from + i));
const positions = (events: readonly RecordedEvent[] | null) => events?.map((e) => Number(e.position)) ?? null;

describe('RecentCommits', () => {
  it('serves the events after a position from the block that holds the next one', () => {
    const recent = new RecentCommits(100);
    recent.add(block(5, 9), 0n);
    expect(positions(recent.read(4n, 10))).toEqual([5, 6, 7, 8, 9]);
    expect(positions(recent.read(6n, 2))).toEqual([7, 8]);
  });

  it('sends the reader to the file when the next event may be outside every block', () => {
    const recent = new RecentCommits(100);
    recent.add(block(5, 9), 0n);
    expect(recent.read(2n, 10)).toBeNull(); // 3 and 4 may be another process's events
    expect(recent.read(9n, 10)).toBeNull(); // nothing kept past 9
  });

  it('does not run from one block into the next across a gap', () => {
    const recent = new RecentCommits(100);
    recent.add(block(1, 3), 0n);
    recent.add(block(6, 7), 0n);
    expect(positions(recent.read(0n, 10))).toEqual([1, 2, 3]);
    expect(recent.read(3n, 10)).toBeNull(); // 4 and 5 were committed elsewhere
    expect(positions(recent.read(5n, 10))).toEqual([6, 7]);
  });

  it('drops the blocks the slowest reader has passed, and everything without readers', () => {
    const recent = new RecentCommits(100);
    recent.add(block(1, 3), 0n);
    recent.add(block(4, 6), 3n);
    expect(recent.read(0n, 10)).toBeNull();
    expect(positions(recent.read(3n, 10))).toEqual([4, 5, 6]);
    recent.release(null);
    expect(recent.read(3n, 10)).toBeNull();
  });

  it('keeps at most its bound, oldest dropped first, even for a reader far behind', () => {
    const recent = new RecentCommits(5);
    recent.add(block(1, 3), 0n);
    recent.add(block(4, 6), 0n);
    expect(recent.read(0n, 10)).toBeNull();
    expect(positions(recent.read(3n, 10))).toEqual([4, 5, 6]);
  });
});
