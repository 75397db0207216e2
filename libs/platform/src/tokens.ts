import { createHmac, timingSafeEqual } from 'node:crypto';
import { STAFF_ROLES, type StaffRole } from '@bansos/domain';

/** A staff member's identity as carried by a bearer token (a JWT signed with HS256). */
export interface StaffClaims {
  readonly userId: string;
  readonly role: StaffRole;
  readonly expiresAt: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && USER_ID.test(value);
}

export function signToken(secret: string, userId: string, role: StaffRole, now: Date, ttlSeconds = 12 * 3600): string {
  const payload = { sub: userId, role, iat: Math.floor(now.getTime() / 1000), exp: Math.floor(now.getTime() / 1000) + ttlSeconds };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${sign(secret, body)}`;
}

export type TokenCheck = { readonly ok: true; readonly claims: StaffClaims } | { readonly ok: false; readonly reason: string };

export function verifyToken(secret: string, token: string, now: Date): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed token' };
  const expected = Buffer.from(sign(secret, `${parts[0]}.${parts[1]}`));
  const actual = Buffer.from(parts[2]);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: 'bad signature' };
  let payload: { sub?: unknown; role?: unknown; exp?: unknown };
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as typeof payload;
  } catch {
    return { ok: false, reason: 'malformed token' };
  }
  if (!isUserId(payload.sub) || !isStaffRole(payload.role) || typeof payload.exp !== 'number') {
    return { ok: false, reason: 'malformed claims' };
  }
  if (payload.exp * 1000 <= now.getTime()) return { ok: false, reason: 'token expired' };
  return { ok: true, claims: { userId: payload.sub, role: payload.role, expiresAt: payload.exp } };
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}
