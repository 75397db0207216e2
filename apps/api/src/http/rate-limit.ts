/**
 * A token bucket per client address: the public NIK check resists enumeration by
 * letting each client ask only so often. Buckets are swept once they are full again.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(client: string): boolean {
    if (this.perMinute <= 0) return true;
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    const refilled = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    if (refilled < 1) {
      this.buckets.set(client, { tokens: refilled, at: now });
      return false;
    }
    this.buckets.set(client, { tokens: refilled - 1, at: now });
    return true;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [client, bucket] of this.buckets) if (now - bucket.at >= 60_000) this.buckets.delete(client);
  }
}
