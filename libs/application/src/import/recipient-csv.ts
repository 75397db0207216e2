import type { InputContext } from '../input/person-input';
import { InputError } from '../input/input-error';
import { parseRegisterRecipient } from '../input/requests';
import type { RegisterRecipient } from '../registration';
import { splitCsvLine } from './csv-line';

/** The documented import columns, in this order, as the header row. */
export const RECIPIENT_CSV_COLUMNS = [
  'nik',
  'kk',
  'full_name',
  'village_code',
  'rt',
  'rw',
  'street',
  'program_code',
  'program_name',
  'source',
] as const;

export function checkHeader(line: string): InputError | null {
  const fields = splitCsvLine(stripBom(line).replace(/\r$/, ''));
  const expected = RECIPIENT_CSV_COLUMNS.join(',');
  if (!fields || fields.map((f) => f.trim().toLowerCase()).join(',') !== expected) {
    return new InputError('INVALID_HEADER', `The first line must be the header: ${expected}`);
  }
  return null;
}

/** One data line to a registration command, or the first rule it breaks. */
export function parseRecipientLine(line: string, ctx: InputContext): RegisterRecipient {
  const fields = splitCsvLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  if (!fields) throw new InputError('INVALID_CSV', 'The line is not valid CSV (unbalanced quotes).');
  if (fields.length !== RECIPIENT_CSV_COLUMNS.length) {
    throw new InputError(
      'INVALID_COLUMN_COUNT',
      `Expected ${RECIPIENT_CSV_COLUMNS.length} columns, found ${fields.length}.`,
    );
  }
  const [nik, kk, fullName, villageCode, rt, rw, street, programCode, programName, source] = fields;
  return parseRegisterRecipient(
    { nik, kk, fullName, address: { villageCode, rt, rw, street }, program: { code: programCode, name: programName }, source },
    ctx,
  );
}

function stripBom(line: string): string {
  return line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}
