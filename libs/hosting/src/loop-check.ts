import type { EngineCheck } from '@bansos/platform';

/**
 * Remembers the failure of a worker's loop, for readiness: a worker whose loop broke is
 * not ready even while its engines answer (the process exits right after, by design).
 */
export class LoopHealth {
  private failure: string | null = null;

  constructor(private readonly name: string) {}

  failed(error: unknown): void {
    this.failure ??= error instanceof Error ? error.message : String(error);
  }

  check(): EngineCheck {
    return this.failure === null ? { name: this.name, ok: true } : { name: this.name, ok: false, problem: this.failure };
  }
}
