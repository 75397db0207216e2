/**
 * A tiny in-memory RegionCatalog for unit tests. Codes match idn-area-data 4.x:
 * 35 Jawa Timur / 3510 Kab. Banyuwangi / 351001 Pesanggaran, 351002 Bangorejo;
 * 31 DKI Jakarta / 3171 Kota Jakarta Pusat / 317101 Gambir.
 */
import type { RegionCatalog } from './region-catalog';

export interface RegionFixture {
  provinces: string[];
  regencies: string[];
  districts: Record<string, string>;
  villages: string[];
}

export function inMemoryRegions(fixture: RegionFixture): Required<RegionCatalog> {
  const provinces = new Set(fixture.provinces);
  const regencies = new Set(fixture.regencies);
  const districts = new Map(Object.entries(fixture.districts));
  const villages = new Set(fixture.villages);
  return {
    hasProvince: (code) => provinces.has(code),
    hasRegency: (code) => regencies.has(code),
    hasDistrict: (code) => districts.has(code),
    hasVillage: (code) => villages.has(code),
    districtName: (code) => districts.get(code),
  };
}

export const testRegions: Required<RegionCatalog> = inMemoryRegions({
  provinces: ['35', '31'],
  regencies: ['3510', '3171'],
  districts: { '351001': 'Pesanggaran', '351002': 'Bangorejo', '317101': 'Gambir' },
  villages: ['3510012001', '3171011001'],
});
