/** Injection token for the composed System (stores, projector, clock, ids, secrets). */
export const SYSTEM = Symbol('SYSTEM');

/** Injection token for HTTP options (rate limits). */
export const HTTP_OPTIONS = Symbol('HTTP_OPTIONS');

export interface HttpOptions {
  readonly checkRateLimitPerMinute: number;
}
