/**
 * `bansos nik validate [--today YYYY-MM-DD] [--json]`: reads NIKs from stdin, one per
 * line, and prints one JSON object per line with the verdict.
 */
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import {
  isRealDate,
  validateNik,
  wibDate,
  type CalendarDate,
  type NikErrorCode,
  type RegionCatalog,
} from '@bansos/domain';

export const NIK_VALIDATE_USAGE = [
  'Pemakaian: bansos nik validate [--today YYYY-MM-DD] [--json] < daftar-nik.txt',
  '  Membaca satu NIK per baris dari stdin dan menulis satu objek JSON per baris.',
  '  --today YYYY-MM-DD  tanggal acuan untuk abad tahun lahir (bawaan: hari ini, WIB)',
  '  --json              setiap baris adalah string JSON, mis. "3510014506900001"',
  '',
].join('\n');

export interface NikValidateRecord {
  input: string;
  valid: boolean;
  errors: Array<{ code: NikErrorCode | 'json'; message: string }>;
  provinceCode?: string;
  regencyCode?: string;
  districtCode?: string;
  birthDate?: string;
  sex?: 'M' | 'F';
}

interface Options {
  help: boolean;
  json: boolean;
  today?: CalendarDate;
}

export async function nikValidate(
  args: string[],
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  regions: RegionCatalog,
  now: () => Date,
): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    await write(output, `Kesalahan: ${options}\n${NIK_VALIDATE_USAGE}`);
    return 2;
  }
  if (options.help) {
    await write(output, NIK_VALIDATE_USAGE);
    return 0;
  }
  const today = options.today ?? wibDate(now());
  for await (const line of readLines(input)) {
    const record = options.json ? checkJsonLine(line, today, regions) : checkNik(line, today, regions);
    await write(output, `${JSON.stringify(record)}\n`);
  }
  return 0;
}

/** Returns the options, or a message (in Indonesian) saying what is wrong. */
function parseArgs(args: string[]): Options | string {
  const options: Options = { help: false, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '-h' || arg === '--help') options.help = true;
    else if (arg === '--today' || arg.startsWith('--today=')) {
      const value = arg === '--today' ? args[++i] : arg.slice('--today='.length);
      if (value === undefined) return '--today memerlukan tanggal YYYY-MM-DD';
      const today = parseIsoDate(value);
      if (!today) return '--today harus berupa tanggal YYYY-MM-DD yang ada di kalender';
      options.today = today;
    } else if (arg.startsWith('-')) return `opsi tidak dikenal: ${arg}`;
    // Positional arguments are not echoed: they may well be NIKs.
    else return 'argumen tidak dikenal; NIK dibaca dari stdin, satu per baris';
  }
  return options;
}

function parseIsoDate(value: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isRealDate(date) ? date : undefined;
}

function checkNik(input: string, today: CalendarDate, regions: RegionCatalog): NikValidateRecord {
  const r = validateNik(input, today, regions);
  if (!r.valid) return { input, valid: false, errors: r.errors };
  const { provinceCode, regencyCode, districtCode, birthDate, sex } = r;
  return { input, valid: true, errors: [], provinceCode, regencyCode, districtCode, birthDate, sex };
}

function checkJsonLine(line: string, today: CalendarDate, regions: RegionCatalog): NikValidateRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return jsonError(
      line,
      'Baris bukan JSON yang sah; dengan --json tulis NIK sebagai string JSON dalam tanda kutip ganda',
    );
  }
  if (typeof value !== 'string') {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return jsonError(line, `Baris harus berupa string JSON dalam tanda kutip ganda, bukan ${kind}`);
  }
  return checkNik(value, today, regions);
}

function jsonError(input: string, message: string): NikValidateRecord {
  return { input, valid: false, errors: [{ code: 'json', message }] };
}

/**
 * Splits stdin on "\n" only and drops one trailing "\r" per line (CRLF files).
 * readline is not used because it also splits on a lone "\r", which must stay part
 * of the input. Pulling chunks with for-await keeps back-pressure on stdin.
 */
async function* readLines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) yield stripCr(line);
  }
  pending += decoder.end();
  if (pending !== '') yield stripCr(pending);
}

const stripCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

async function write(output: NodeJS.WritableStream, text: string): Promise<void> {
  if (!output.write(text)) await once(output, 'drain');
}
