import { shortHmac } from './short-hmac';

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
  // The key's padded blocks are hashed once here, not at every call.
  const hmac = shortHmac(Buffer.from(secret, 'utf8'));
  const key = (kind: string, value: string) => `${kind}:${hmac(`${kind}:${value}`)}`;
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
