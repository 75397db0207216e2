import { closeSync, openSync, writeSync } from 'node:fs';
import { RECIPIENT_CSV_COLUMNS } from '@bansos/application';
import type { RegionCatalog } from '@bansos/domain';

/**
 * Deterministic, valid recipient rows for the benchmarks: the same N gives the same file,
 * so runs and machines compare. Every row is its own household (one KK per row), so every
 * line is accepted and the measurement is the happy path of a bulk enrolment.
 */

const REGENCY = '3510'; // Banyuwangi
const DISTRICTS = 25; // 351001..351025, all in idn-area-data 4.x (checked by checkRegions)
const SERIALS = 9999; // NIK serial 0001..9999

const FIRST = ['BUDI', 'SITI', 'AGUS', 'DEWI', 'RINA', 'JOKO', 'ANDI', 'NUR', 'SRI', 'EKO', 'WAHYU', 'YULI', 'HERU', 'LINA', 'DIAN', 'ARIF'];
const LAST = ['SANTOSO', 'AMINAH', 'WIBOWO', 'LESTARI', 'SUSANTO', 'RAHAYU', 'HIDAYAT', 'PURNOMO', 'SETIAWAN', 'KURNIAWATI', 'SAPUTRA'];
const STREETS = ['Jl. Raya Pesanggaran', 'Jl. Mawar', 'Jl. Melati', 'Dusun Krajan', 'Jl. Kenanga', 'Jl. Diponegoro', 'Dusun Sumberejo'];
const PROGRAMS = [
  ['PKH', 'Program Keluarga Harapan'],
  ['BPNT', 'Bantuan Pangan Non Tunai'],
  ['BLT-DD', 'BLT Dana Desa'],
  ['BST', 'Bantuan Sosial Tunai'],
] as const;
const SOURCES = ['PUSAT', 'PROVINSI', 'KABUPATEN'] as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const districtCode = (d: number) => `${REGENCY}${pad(d, 2)}`;

/**
 * The i-th NIK (i >= 0), distinct for every i: serial varies fastest, then district, then
 * birth date (DDMMYY, day + 40 for women, years 19YY so never in the future).
 */
export function nikAt(i: number): string {
  const serial = (i % SERIALS) + 1;
  const k = Math.floor(i / SERIALS);
  const district = (k % DISTRICTS) + 1;
  const d = Math.floor(k / DISTRICTS);
  const day = (d % 28) + 1 + (i % 2 === 1 ? 40 : 0);
  const month = (Math.floor(d / 28) % 12) + 1;
  const yy = 50 + (Math.floor(d / 336) % 50);
  return `${districtCode(district)}${pad(day, 2)}${pad(month, 2)}${pad(yy, 2)}${pad(serial, 4)}`;
}

/** The i-th KK: regency and district, then i itself, so unique per row. */
export function kkAt(i: number): string {
  const district = (Math.floor(i / SERIALS) % DISTRICTS) + 1;
  return `${districtCode(district)}${pad(i, 10)}`;
}

/**
 * Row r of an n-row file holds recipient permute(r): real lists are not sorted by NIK,
 * and a sorted file would flatter every B-tree (raw baseline and event store alike).
 */
export function indexOfRow(r: number, n: number): number {
  const stride = 7_368_787; // a prime, so coprime with n unless n is a multiple of it
  return n % stride === 0 ? r : (r * stride) % n;
}

/** Villages per district that exist in the catalog (desa codes 2001.., kelurahan 1001..). */
export function villagesByDistrict(regions: RegionCatalog): string[][] {
  const result: string[][] = [];
  for (let d = 1; d <= DISTRICTS; d++) {
    const code = districtCode(d);
    if (!regions.hasDistrict(code)) throw new Error(`district ${code} is not in the region catalog`);
    const villages: string[] = [];
    for (const prefix of ['2', '1']) {
      for (let v = 1; v <= 30; v++) if (regions.hasVillage(`${code}${prefix}${pad(v, 3)}`)) villages.push(`${code}${prefix}${pad(v, 3)}`);
    }
    if (villages.length === 0) throw new Error(`no village of district ${code} in the region catalog`);
    result.push(villages);
  }
  return result;
}

export function rowFor(r: number, n: number, villages: readonly string[][]): string {
  const i = indexOfRow(r, n);
  const district = (Math.floor(i / SERIALS) % DISTRICTS) + 1;
  const inDistrict = villages[district - 1];
  const [programCode, programName] = PROGRAMS[i % PROGRAMS.length];
  return [
    nikAt(i),
    kkAt(i),
    `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
    inDistrict[i % inDistrict.length],
    pad((i % 15) + 1, 3),
    pad((i % 7) + 1, 3),
    `${STREETS[i % STREETS.length]} ${(i % 200) + 1}`,
    programCode,
    programName,
    SOURCES[r % SOURCES.length],
  ].join(',');
}

/** Writes header + n rows to `file` in large blocks (generation is not what we measure). */
export function writeRecipientsCsv(file: string, n: number, regions: RegionCatalog): void {
  const villages = villagesByDistrict(regions);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${RECIPIENT_CSV_COLUMNS.join(',')}\n`);
    const block = 20_000;
    for (let start = 0; start < n; start += block) {
      const lines: string[] = [];
      for (let r = start; r < Math.min(n, start + block); r++) lines.push(rowFor(r, n, villages));
      writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
}

/** NIKs of rows in the file (sampled evenly) and valid NIKs that are not in it. */
export function sampleNiks(n: number, count: number): { enrolled: string[]; notEnrolled: string[] } {
  const enrolled: string[] = [];
  const notEnrolled: string[] = [];
  for (let j = 0; j < count; j++) {
    enrolled.push(nikAt(indexOfRow(Math.floor((j * n) / count), n)));
    notEnrolled.push(nikAt(n + j)); // indexes >= n never appear in an n-row file
  }
  return { enrolled, notEnrolled };
}
