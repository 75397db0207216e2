/** Realistic people of Banyuwangi (regency 35.10, district Pesanggaran 35.10.01). */
export const VILLAGE = '3510012001';

export function person(nik: string, kk: string, fullName: string) {
  return { nik, kk, fullName, address: { villageCode: VILLAGE, rt: '002', rw: '001', street: 'Jl. Raya Pesanggaran 12' } };
}

export const BUDI = person('3510011203750001', '3510010101200001', 'BUDI SANTOSO');
export const BUDI_SON = person('3510010508050002', '3510010101200001', 'AGUS SANTOSO');
export const SITI = person('3510014506900001', '3510010202200002', 'SITI AMINAH');
export const PKH = { code: 'PKH', name: 'Program Keluarga Harapan' };
export const BLT = { code: 'BLT-DD', name: 'BLT Dana Desa' };
