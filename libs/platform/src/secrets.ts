import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  /** Signs staff tokens. */
  readonly tokenSecret: string;
  /** Keys the public lookup's hashes of NIK and KK. */
  readonly lookupSecret: string;
}

/**
 * The embedded default needs no configuration: secrets not given in the environment
 * are made once and kept beside the data, readable by the owner only.
 */
export function loadSecrets(dataDir: string, given: { tokenSecret: string | null; lookupSecret: string | null }): Secrets {
  const file = join(dataDir, 'secrets.json');
  const stored: Partial<Secrets> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>) : {};
  const kept: Secrets = {
    tokenSecret: stored.tokenSecret ?? randomBytes(32).toString('base64url'),
    lookupSecret: stored.lookupSecret ?? randomBytes(32).toString('base64url'),
  };
  if (kept.tokenSecret !== stored.tokenSecret || kept.lookupSecret !== stored.lookupSecret) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
  }
  return {
    tokenSecret: given.tokenSecret ?? kept.tokenSecret,
    lookupSecret: given.lookupSecret ?? kept.lookupSecret,
  };
}
