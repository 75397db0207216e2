/**
 * When has a Kafka consumer caught up? When every partition assigned to it has reached the
 * high watermark it had when the consumer started: what comes after is live. Pure
 * bookkeeping, fed by the consumer:
 *
 * - an empty partition (or one whose committed offset already is at its mark) is caught up
 *   before any message arrives, so "caught up" does not wait for batches that never come;
 * - a partition assigned later (a rebalance) counts from then on, measured against the mark
 *   read at start (a partition the topic gained since has mark 0);
 * - it answers true once only.
 */
export class CatchUp {
  private readonly positions = new Map<number, bigint>();
  private assigned: readonly number[] | null = null;
  private reported = false;

  /** `marks`: each partition's high watermark at start (the offset after its last message). */
  constructor(private readonly marks: ReadonlyMap<number, bigint>) {}

  /** The partitions the group gave this consumer, replacing any earlier assignment. */
  assign(partitions: readonly number[]): void {
    this.assigned = [...partitions];
  }

  /** The next offset this consumer will read on a partition (committed, or the log start). */
  at(partition: number, nextOffset: bigint): void {
    const known = this.positions.get(partition);
    if (known === undefined || nextOffset > known) this.positions.set(partition, nextOffset);
  }

  /** True the first time every assigned partition has reached its mark; false ever after. */
  reached(): boolean {
    if (this.reported || this.assigned === null) return false;
    for (const partition of this.assigned) {
      const mark = this.marks.get(partition) ?? 0n;
      if (mark > 0n && (this.positions.get(partition) ?? 0n) < mark) return false;
    }
    this.reported = true;
    return true;
  }
}
