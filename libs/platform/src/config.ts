import { resolve } from 'node:path';
import { EnvReader, type Env } from './env-reader';

export { ConfigError } from './env-reader';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings of the embedded default, read from the environment and checked at start. */
export interface EmbeddedConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Public NIK checks allowed per client per minute (0 turns the limit off). */
  readonly checkRateLimitPerMinute: number;
  readonly tokenSecret: string | null;
  readonly lookupSecret: string | null;
  readonly logLevel: LogLevel;
}

export function loadEmbeddedConfig(env: Env = process.env): EmbeddedConfig {
  const read = new EnvReader(env);
  const config = {
    port: read.int('PORT', 3000, 0, 65535),
    host: read.text('HOST', '127.0.0.1'),
    dataDir: resolve(read.text('DATA_DIR', 'data')),
    checkRateLimitPerMinute: read.int('CHECK_RATE_LIMIT', 60, 0, 1_000_000_000),
    tokenSecret: read.secret('TOKEN_SECRET', false),
    lookupSecret: read.secret('LOOKUP_SECRET', false),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
  };
  read.done();
  return config;
}
