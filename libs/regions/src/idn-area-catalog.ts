/**
 * RegionCatalog backed by the CSV files of the npm package `idn-area-data` 4.x.
 * The package's JS is ESM-only and wants Node 22, so only its data files are read.
 * Each level is read synchronously on first use and kept for the life of the process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RegionCatalog } from '@bansos/domain';

type Level = 'provinces' | 'regencies' | 'districts' | 'villages';

/** Digits per code at each level once the dots are removed. */
const CODE_LENGTH: Readonly<Record<Level, number>> = {
  provinces: 2,
  regencies: 4,
  districts: 6,
  villages: 10,
};

/** Finds node_modules/idn-area-data/data, via require.resolve or by walking up from here and from cwd. */
export function findIdnAreaDataDir(): string {
  try {
    const dir = join(dirname(require.resolve('idn-area-data/package.json')), 'data');
    if (existsSync(join(dir, 'provinces.csv'))) return dir;
  } catch {
    // "exports" may hide package.json, or the resolver may not see it: walk up instead.
  }
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', 'idn-area-data', 'data');
      if (existsSync(join(candidate, 'provinces.csv'))) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('idn-area-data: data directory not found (is the package installed?)');
}

/** Splits one CSV record (RFC 4180 quoting; the data has no multi-line fields). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

/** Reads one level as [code without dots, name] pairs, checking the code shape. */
export function readLevel(dataDir: string, level: Level): Array<[string, string]> {
  const text = readFileSync(join(dataDir, `${level}.csv`), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const header = parseCsvLine(lines[0] ?? '');
  const codeAt = header.indexOf('code');
  const nameAt = header.indexOf('name');
  if (codeAt < 0 || nameAt < 0) throw new Error(`idn-area-data: ${level}.csv lacks code/name columns`);
  const rows: Array<[string, string]> = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const fields = parseCsvLine(lines[i]);
    const code = (fields[codeAt] ?? '').replace(/\./g, '');
    if (code.length !== CODE_LENGTH[level] || !/^[0-9]+$/.test(code)) {
      throw new Error(`idn-area-data: unexpected code on line ${i + 1} of ${level}.csv`);
    }
    rows.push([code, fields[nameAt] ?? '']);
  }
  return rows;
}

export type IdnAreaCatalog = Required<RegionCatalog>;

/** Memoises a zero-argument loader. */
function once<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

/**
 * An uncached catalog over the given data directory. Each level is read on first
 * use, then kept: code sets, plus district names (for reports).
 */
export function createIdnAreaCatalog(dataDir: string = findIdnAreaDataDir()): IdnAreaCatalog {
  const codes = (level: Level) => once(() => new Set(readLevel(dataDir, level).map(([code]) => code)));
  const provinces = codes('provinces');
  const regencies = codes('regencies');
  const villages = codes('villages');
  const districts = once(() => new Map(readLevel(dataDir, 'districts')));
  return {
    hasProvince: (code2) => provinces().has(code2),
    hasRegency: (code4) => regencies().has(code4),
    hasDistrict: (code6) => districts().has(code6),
    hasVillage: (code10) => villages().has(code10),
    districtName: (code6) => districts().get(code6),
  };
}

let shared: IdnAreaCatalog | undefined;

/** The process-wide catalog over the installed idn-area-data. */
export function loadIdnAreaCatalog(): IdnAreaCatalog {
  return (shared ??= createIdnAreaCatalog());
}
