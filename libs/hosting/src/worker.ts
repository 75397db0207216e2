import type { EngineCheck } from '@bansos/platform';

/**
 * A background process of the production profile (projector, relay, SLA monitor): it
 * starts, reports its progress and its engines' health, and stops gracefully, draining
 * the batch in hand and committing its checkpoint before it closes its connections.
 */
export interface Worker {
  readonly name: string;
  start(): Promise<void>;
  /** Drain, commit, close. Safe to call more than once. */
  stop(): Promise<void>;
  /** One check per engine, plus the worker's own loop (not ready once it has failed). */
  checks(): Promise<EngineCheck[]>;
  /** What /health shows: positions and counters, never personal data. */
  progress(): Record<string, string | number | boolean | null>;
}
