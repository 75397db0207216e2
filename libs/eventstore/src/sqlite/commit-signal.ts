/**
 * In-process "something was committed" signal. Subscriptions that have caught up park
 * a listener here instead of polling the file in a tight loop.
 */
export class CommitSignal {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` once, after the next commit. Returns a function that cancels it. */
  once(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  notify(): void {
    if (this.listeners.size === 0) return;
    // Copy first: woken listeners may register again while we iterate.
    const woken = [...this.listeners];
    this.listeners.clear();
    for (const listener of woken) listener();
  }
}
