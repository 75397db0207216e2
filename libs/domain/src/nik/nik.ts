/**
 * NIK (Nomor Induk Kependudukan) validation. Pure: no I/O, no clock; the caller
 * passes "today" (WIB) and the region catalog.
 *
 * Layout: PP RR DD | DD MM YY | SSSS
 *   1-2 province, 1-4 regency, 1-6 district (kecamatan),
 *   7-8 day of birth (+40 for women), 9-10 month, 11-12 year, 13-16 serial.
 */
import type { RegionCatalog } from './region-catalog';
import { codePointLength } from '../shared/text';

export type NikErrorCode =
  | 'empty'
  | 'length'
  | 'non_digit'
  | 'province'
  | 'regency'
  | 'district'
  | 'day'
  | 'month'
  | 'date'
  | 'serial';

export interface NikError {
  code: NikErrorCode;
  message: string;
}

export type NikValidation =
  | {
      valid: true;
      nik: string;
      provinceCode: string;
      regencyCode: string;
      districtCode: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'M' | 'F';
    }
  | { valid: false; errors: NikError[] };

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Messages never quote the input: a NIK is personal data. */
export const NIK_MESSAGES: Readonly<Record<NikErrorCode, string>> = {
  empty: 'NIK tidak boleh kosong',
  length: 'NIK harus terdiri dari 16 digit',
  non_digit: 'NIK hanya boleh berisi angka 0-9',
  province: 'Kode provinsi (digit 1-2) tidak dikenal',
  regency: 'Kode kabupaten/kota (digit 1-4) tidak dikenal',
  district: 'Kode kecamatan (digit 1-6) tidak dikenal',
  day: 'Tanggal lahir (digit 7-8) harus 01-31 untuk laki-laki atau 41-71 untuk perempuan',
  month: 'Bulan lahir (digit 9-10) harus 01-12',
  date: 'Tanggal lahir tidak ada di kalender',
  serial: 'Nomor urut (digit 13-16) tidak boleh 0000',
};

const ASCII_DIGITS = /^[0-9]*$/;

/**
 * Shape checks shared by NIK and KK: 'empty' alone for "", otherwise 'length'
 * (16 Unicode code points) and/or 'non_digit' (anything outside ASCII 0-9).
 */
export function shapeErrors(input: string): Array<'empty' | 'length' | 'non_digit'> {
  if (input === '') return ['empty'];
  const codes: Array<'length' | 'non_digit'> = [];
  if (codePointLength(input) !== 16) codes.push('length');
  if (!ASCII_DIGITS.test(input)) codes.push('non_digit');
  return codes;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when year-month-day exists in the proleptic Gregorian calendar. */
export function isRealDate(d: CalendarDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** 20YY when 20YY-MM-DD is on or before today (tuple comparison), else 19YY. */
export function nikBirthYear(yy: number, month: number, day: number, today: CalendarDate): number {
  const candidate = { year: 2000 + yy, month, day };
  return compareDates(candidate, today) <= 0 ? 2000 + yy : 1900 + yy;
}

export function validateNik(input: string, today: CalendarDate, regions: RegionCatalog): NikValidation {
  const shape = shapeErrors(input);
  if (shape.length > 0) return invalid(shape);

  const codes: NikErrorCode[] = [];
  const provinceCode = input.slice(0, 2);
  const regencyCode = input.slice(0, 4);
  const districtCode = input.slice(0, 6);
  if (!regions.hasProvince(provinceCode)) codes.push('province');
  else if (!regions.hasRegency(regencyCode)) codes.push('regency');
  else if (!regions.hasDistrict(districtCode)) codes.push('district');

  const rawDay = Number(input.slice(6, 8));
  const month = Number(input.slice(8, 10));
  const yy = Number(input.slice(10, 12));
  const female = rawDay >= 41 && rawDay <= 71;
  const dayOk = female || (rawDay >= 1 && rawDay <= 31);
  const monthOk = month >= 1 && month <= 12;
  const day = female ? rawDay - 40 : rawDay;
  if (!dayOk) codes.push('day');
  if (!monthOk) codes.push('month');

  let year = 0;
  if (dayOk && monthOk) {
    year = nikBirthYear(yy, month, day, today);
    if (!isRealDate({ year, month, day })) codes.push('date');
  }
  if (input.slice(12, 16) === '0000') codes.push('serial');

  if (codes.length > 0) return invalid(codes);
  return {
    valid: true,
    nik: input,
    provinceCode,
    regencyCode,
    districtCode,
    birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    sex: female ? 'F' : 'M',
  };
}

function invalid(codes: NikErrorCode[]): NikValidation {
  return { valid: false, errors: codes.map((code) => ({ code, message: NIK_MESSAGES[code] })) };
}
