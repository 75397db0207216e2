/** The process environment, or a test's stand-in for it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Every wrong or missing setting, one line each, so one start tells the operator all of them. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads settings from the environment, collecting a problem per bad value instead of
 * stopping at the first; `done()` throws them together. Empty counts as unset.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  text(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name) ?? fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  /** A secret of at least 32 characters; null when unset and not required. Never echoed. */
  secret(name: string, required: boolean): string | null {
    const raw = this.raw(name);
    if (raw === undefined) {
      if (required) this.problems.push(`${name} is required: a random string of at least 32 characters`);
      return null;
    }
    if (raw.length < 32) this.problems.push(`${name} must be at least 32 characters long`);
    return raw;
  }

  /** A required URL whose scheme is one of `schemes` (credentials are never echoed back). */
  url(name: string, schemes: readonly string[], example: string): string {
    const raw = this.raw(name);
    if (raw === undefined) {
      this.problems.push(`${name} is required (for example ${example})`);
      return '';
    }
    let scheme = '';
    try {
      scheme = new URL(raw).protocol.replace(/:$/, '');
    } catch {
      // reported below
    }
    if (!schemes.includes(scheme)) {
      this.problems.push(`${name} must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')} (for example ${example})`);
    }
    return raw;
  }

  /** A required comma-separated list of host:port addresses. */
  hostPorts(name: string, example: string): string[] {
    const raw = this.raw(name);
    if (raw === undefined) {
      this.problems.push(`${name} is required (for example ${example})`);
      return [];
    }
    const items = raw.split(',').map((item) => item.trim());
    const bad = items.filter((item) => !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(item) || Number(item.split(':')[1]) > 65535);
    if (bad.length > 0) this.problems.push(`${name} must list host:port addresses separated by commas (got "${raw}")`);
    return items;
  }

  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
