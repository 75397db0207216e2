import { resolve } from 'node:path';

/** Settings of the embedded default, read from the environment and checked at start. */
export interface EmbeddedConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Public NIK checks allowed per client per minute (0 turns the limit off). */
  readonly checkRateLimitPerMinute: number;
  readonly tokenSecret: string | null;
  readonly lookupSecret: string | null;
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info';
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadEmbeddedConfig(env: Env = process.env): EmbeddedConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const secret = (name: string): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return null;
    if (raw.length < 32) problems.push(`${name} must be at least 32 characters long`);
    return raw;
  };
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['silent', 'error', 'warn', 'info'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of silent, error, warn, info (got "${logLevel}")`);
  }
  const config: EmbeddedConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    dataDir: resolve(env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : 'data'),
    checkRateLimitPerMinute: int('CHECK_RATE_LIMIT', 60, 0, 1_000_000_000),
    tokenSecret: secret('TOKEN_SECRET'),
    lookupSecret: secret('LOOKUP_SECRET'),
    logLevel: logLevel as EmbeddedConfig['logLevel'],
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
