/**
 * The deadline index: a binary min-heap of (due time, ticket). A check pops only what is
 * due, so its cost follows the alerts raised, not the number of open cases. Entries are
 * never removed early: a case that changed leaves a stale entry behind, which the
 * reader recognises (the case's own next check differs) and drops when it surfaces.
 * Two parallel arrays instead of an object per entry keep a million entries small.
 */
export class DeadlineHeap {
  private readonly dues: number[] = [];
  private readonly tickets: string[] = [];

  get size(): number {
    return this.dues.length;
  }

  push(due: number, ticket: string): void {
    let i = this.dues.length;
    this.dues.push(due);
    this.tickets.push(ticket);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.dues[parent] <= due) break;
      this.move(parent, i);
      i = parent;
    }
    this.dues[i] = due;
    this.tickets[i] = ticket;
  }

  /** Due time of the earliest entry, or undefined when empty. */
  peekDue(): number | undefined {
    return this.dues[0];
  }

  pop(): { readonly due: number; readonly ticket: string } | undefined {
    const size = this.dues.length;
    if (size === 0) return undefined;
    const top = { due: this.dues[0], ticket: this.tickets[0] };
    const lastDue = this.dues.pop() as number;
    const lastTicket = this.tickets.pop() as string;
    if (size > 1) this.siftDown(lastDue, lastTicket);
    return top;
  }

  /** Places (due, ticket) from the root down, to where both children are later. */
  private siftDown(due: number, ticket: string): void {
    const size = this.dues.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && this.dues[right] < this.dues[left] ? right : left;
      if (this.dues[child] >= due) break;
      this.move(child, i);
      i = child;
    }
    this.dues[i] = due;
    this.tickets[i] = ticket;
  }

  private move(from: number, to: number): void {
    this.dues[to] = this.dues[from];
    this.tickets[to] = this.tickets[from];
  }
}
