/**
 * Read-only view of the Indonesian administrative areas (Kemendagri codes, as in
 * idn-area-data 4.x). Codes are plain digits without dots:
 * province "35", regency "3510", district (kecamatan) "351001", village "3510012001".
 */
export interface RegionCatalog {
  hasProvince(code2: string): boolean;
  hasRegency(code4: string): boolean;
  hasDistrict(code6: string): boolean;
  hasVillage(code10: string): boolean;
  districtName?(code6: string): string | undefined;
}
