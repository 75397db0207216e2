import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, linkSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
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
    // Write aside, then link into place only if nobody did first: a process starting at the
    // same time never reads half a file, and both end up with the same secrets.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(kept, null, 2), { mode: 0o600 });
    try {
      if (existsSync(file)) renameSync(temp, file);
      else linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return loadSecrets(dataDir, given);
    } finally {
      if (existsSync(temp)) unlinkSync(temp);
    }
  }
  return {
    tokenSecret: given.tokenSecret ?? kept.tokenSecret,
    lookupSecret: given.lookupSecret ?? kept.lookupSecret,
  };
}
