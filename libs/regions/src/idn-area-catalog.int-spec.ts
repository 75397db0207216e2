import { createIdnAreaCatalog, findIdnAreaDataDir, loadIdnAreaCatalog } from '@bansos/regions';
import { parseCsvLine } from './idn-area-catalog';

describe('idn-area-data catalog (real CSV files)', () => {
  const regions = loadIdnAreaCatalog();

  it('finds the data directory of the installed package', () => {
    expect(findIdnAreaDataDir()).toMatch(/idn-area-data[\\/]data$/);
  });

  it('knows Jawa Timur / Banyuwangi / Pesanggaran / Sarongan', () => {
    expect(regions.hasProvince('35')).toBe(true);
    expect(regions.hasRegency('3510')).toBe(true);
    expect(regions.hasDistrict('351001')).toBe(true);
    expect(regions.hasVillage('3510012001')).toBe(true);
    expect(regions.districtName('351001')).toBe('Pesanggaran');
  });

  it('rejects unknown codes and codes with dots', () => {
    expect(regions.hasProvince('99')).toBe(false);
    expect(regions.hasProvince('00')).toBe(false);
    expect(regions.hasRegency('3599')).toBe(false);
    expect(regions.hasDistrict('351099')).toBe(false);
    expect(regions.hasVillage('3510019999')).toBe(false);
    expect(regions.hasDistrict('35.10.01')).toBe(false);
    expect(regions.districtName('351099')).toBeUndefined();
  });

  it('has all 38 provinces', () => {
    const provinces = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
    expect(provinces.filter((p) => regions.hasProvince(p))).toHaveLength(38);
  });

  it('decodes quoted names', () => {
    expect(regions.districtName('352922')).toBe('Ra"as');
    expect(parseCsvLine('12.07.28.1007,12.07.28,"Lubuk Pakam I,II"')).toEqual([
      '12.07.28.1007',
      '12.07.28',
      'Lubuk Pakam I,II',
    ]);
  });

  it('is loaded once per process', () => {
    expect(loadIdnAreaCatalog()).toBe(regions);
    expect(createIdnAreaCatalog()).not.toBe(regions);
  });
});
