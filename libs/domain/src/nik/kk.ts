/**
 * KK (Nomor Kartu Keluarga) validation: 16 ASCII digits whose first four digits
 * are a regency (kabupaten/kota) code. Pure, like validateNik.
 */
import { shapeErrors } from './nik';
import type { RegionCatalog } from './region-catalog';

export type KkErrorCode = 'empty' | 'length' | 'non_digit' | 'regency';

export interface KkError {
  code: KkErrorCode;
  message: string;
}

export type KkValidation =
  | { valid: true; kk: string; regencyCode: string }
  | { valid: false; errors: KkError[] };

/** Messages never quote the input. */
export const KK_MESSAGES: Readonly<Record<KkErrorCode, string>> = {
  empty: 'Nomor KK tidak boleh kosong',
  length: 'Nomor KK harus terdiri dari 16 digit',
  non_digit: 'Nomor KK hanya boleh berisi angka 0-9',
  regency: 'Kode kabupaten/kota pada nomor KK (digit 1-4) tidak dikenal',
};

export function validateKk(input: string, regions: RegionCatalog): KkValidation {
  const codes: KkErrorCode[] = shapeErrors(input);
  const regencyCode = input.slice(0, 4);
  if (codes.length === 0 && !regions.hasRegency(regencyCode)) codes.push('regency');
  if (codes.length > 0) {
    return { valid: false, errors: codes.map((code) => ({ code, message: KK_MESSAGES[code] })) };
  }
  return { valid: true, kk: input, regencyCode };
}
