import type { RecordedEvent } from '../event-store';

/**
 * The last commits of this connection, kept as written, so that subscriptions of this
 * process (projector, SLA monitor) read a fresh commit without querying the file and
 * JSON.parse-ing every event again: on a bulk import that re-read cost as much as the
 * append itself.
 *
 * Serving a subscription from here is exact because positions only grow (rows are never
 * deleted, so a new one is always the highest plus one) and a commit holds the write lock: the events of one commit are every row whose position lies
 * between its first and last, and no later writer (another process included) can ever get
 * a position below a stored one. So when the position a reader needs next is inside a
 * block, or is the block's first, nothing stored can be missed; anything else (a gap that
 * may hold another process's events, an evicted block) is read from the file.
 *
 * Events are handed out as the appender wrote them, not as a JSON round trip of them:
 * event data is plain JSON by contract, and nobody changes an event after appending it.
 */
export class RecentCommits {
  private blocks: RecordedEvent[][] = [];
  private size = 0;

  constructor(private readonly maxEvents: number) {}

  /** Keeps a committed block (positions ascending); drops blocks every reader has passed. */
  add(block: RecordedEvent[], slowestReader: bigint | null): void {
    if (block.length === 0) return;
    this.blocks.push(block);
    this.size += block.length;
    this.release(slowestReader);
  }

  /**
   * The events after `after` (at most `maxCount`) when the next stored event is known to be
   * here; null when it may not be, and the caller reads the file.
   */
  read(after: bigint, maxCount: number): RecordedEvent[] | null {
    for (const block of this.blocks) {
      const last = block[block.length - 1].position;
      if (last <= after) continue;
      if (block[0].position > after + 1n) return null;
      const from = firstAfter(block, after);
      return block.slice(from, from + maxCount);
    }
    return null;
  }

  /** Drops what the slowest reader has passed (everything without readers), then the oldest beyond the bound. */
  release(slowestReader: bigint | null): void {
    while (this.blocks.length > 0) {
      const oldest = this.blocks[0];
      const passed = slowestReader === null || oldest[oldest.length - 1].position <= slowestReader;
      if (!passed && this.size <= this.maxEvents) return;
      this.blocks.shift();
      this.size -= oldest.length;
    }
  }
}

/** Index of the first event of `block` with a position above `after` (block spans it). */
function firstAfter(block: readonly RecordedEvent[], after: bigint): number {
  let low = 0;
  let high = block.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (block[mid].position > after) high = mid;
    else low = mid + 1;
  }
  return low;
}
