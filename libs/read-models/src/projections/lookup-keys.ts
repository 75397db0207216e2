import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The public lookup never stores a NIK or KK in clear: documents are keyed by a keyed
 * hash (HMAC-SHA-256 with a secret), so the read model alone cannot be enumerated
 * back to ID numbers. Changing the secret means rebuilding the read model.
 */
export interface LookupKeys {
  nik(nik: string): string;
  kk(kk: string): string;
}

export function hmacLookupKeys(secret: string): LookupKeys {
  // A key object is prepared once; a string secret would be converted at every call.
  const secretKey: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
  const key = (kind: string, value: string) =>
    `${kind}:${createHmac('sha256', secretKey).update(`${kind}:${value}`).digest('base64url').slice(0, 32)}`;
  return { nik: (nik) => key('nik', nik), kk: (kk) => key('kk', kk) };
}

/**
 * Remembers the last keys computed (up to `capacity` per kind), for a projector that asks
 * for the same NIK and KK several times within a batch: once to route each event, again
 * to build the documents. Forgets everything at once when full, which keeps it cheap.
 */
export function rememberedLookupKeys(keys: LookupKeys, capacity: number): LookupKeys {
  const remembered = (compute: (value: string) => string) => {
    const known = new Map<string, string>();
    return (value: string) => {
      let found = known.get(value);
      if (found === undefined) {
        if (known.size >= capacity) known.clear();
        found = compute(value);
        known.set(value, found);
      }
      return found;
    };
  };
  return { nik: remembered((nik) => keys.nik(nik)), kk: remembered((kk) => keys.kk(kk)) };
}
