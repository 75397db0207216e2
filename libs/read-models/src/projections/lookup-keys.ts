import { createHmac } from 'node:crypto';

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
  const key = (kind: string, value: string) =>
    `${kind}:${createHmac('sha256', secret).update(`${kind}:${value}`).digest('base64url').slice(0, 32)}`;
  return { nik: (nik) => key('nik', nik), kk: (kk) => key('kk', kk) };
}
