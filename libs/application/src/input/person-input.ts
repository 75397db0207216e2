import {
  SOURCES,
  validateKk,
  validateNik,
  type Address,
  type CalendarDate,
  type Person,
  type Program,
  type RegionCatalog,
  type Source,
} from '@bansos/domain';
import { InputError, oneOf, requireObject, requireText } from './input-error';

/** What validation needs from outside: the region codes and today's date (for NIK birth years). */
export interface InputContext {
  readonly regions: RegionCatalog;
  readonly today: CalendarDate;
}

// Letters of any script, spaces and the punctuation names carry (O'neil, Siti-Aisyah, H. Ahmad).
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .,'-]*$/u;

export function parseNik(value: unknown, ctx: InputContext, field = 'nik'): string {
  if (typeof value !== 'string') throw new InputError('INVALID_NIK', 'NIK wajib diisi (16 digit angka).', { field });
  const result = validateNik(value, ctx.today, ctx.regions);
  if (!result.valid) {
    throw new InputError('INVALID_NIK', result.errors.map((e) => e.message).join('; '), { field, errors: result.errors });
  }
  return result.nik;
}

export function parseKk(value: unknown, ctx: InputContext, field = 'kk'): string {
  if (typeof value !== 'string') throw new InputError('INVALID_KK', 'Nomor KK wajib diisi (16 digit angka).', { field });
  const result = validateKk(value, ctx.regions);
  if (!result.valid) {
    throw new InputError('INVALID_KK', result.errors.map((e) => e.message).join('; '), { field, errors: result.errors });
  }
  return result.kk;
}

export function parseAddress(value: unknown, ctx: InputContext): Address {
  const obj = requireObject(value, 'address');
  const villageCode = requireText(obj, 'villageCode', 'INVALID_VILLAGE', { min: 10, max: 10, pattern: /^\d{10}$/ });
  if (!ctx.regions.hasVillage(villageCode)) {
    throw new InputError('INVALID_VILLAGE', 'Kode desa/kelurahan tidak dikenal.', { field: 'villageCode' });
  }
  return {
    villageCode,
    rt: requireText(obj, 'rt', 'INVALID_RT', { max: 3, pattern: /^\d{1,3}$/, label: 'RT' }).padStart(3, '0'),
    rw: requireText(obj, 'rw', 'INVALID_RW', { max: 3, pattern: /^\d{1,3}$/, label: 'RW' }).padStart(3, '0'),
    street: requireText(obj, 'street', 'INVALID_STREET', { max: 200, label: 'street' }),
  };
}

export function parsePerson(obj: Record<string, unknown>, ctx: InputContext): Person {
  return {
    nik: parseNik(obj.nik, ctx),
    kk: parseKk(obj.kk, ctx),
    fullName: requireText(obj, 'fullName', 'INVALID_NAME', { max: 100, pattern: NAME, label: 'fullName' }).replace(/\s+/gu, ' '),
    address: parseAddress(obj.address, ctx),
  };
}

export function parseProgram(value: unknown): Program {
  const obj = requireObject(value, 'program');
  return {
    code: requireText(obj, 'code', 'INVALID_PROGRAM', { max: 20, pattern: /^[A-Z0-9_-]+$/, label: 'program.code' }),
    name: requireText(obj, 'name', 'INVALID_PROGRAM', { max: 100, label: 'program.name' }),
  };
}

export function parseSource(obj: Record<string, unknown>): Source {
  return oneOf(obj, 'source', 'INVALID_SOURCE', SOURCES);
}
