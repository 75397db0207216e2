import { CHANNELS, type Channel, type Reporter } from '@bansos/domain';
import type { RegisterRecipient } from '../registration';
import { InputError, oneOf, optionalText, requireObject, requireText } from './input-error';
import { parsePerson, parseProgram, parseSource, type InputContext } from './person-input';

export function parseRegisterRecipient(body: unknown, ctx: InputContext): RegisterRecipient {
  const obj = requireObject(body, 'The request body');
  return { person: parsePerson(obj, ctx), program: parseProgram(obj.program), source: parseSource(obj) };
}

export interface ReportRequest {
  readonly subject: ReturnType<typeof parsePerson>;
  readonly reporter: Reporter;
  readonly channel: Channel;
  readonly reason: string;
}

export function parseReportRequest(body: unknown, ctx: InputContext): ReportRequest {
  const obj = requireObject(body, 'Isi permintaan');
  return {
    subject: parsePerson(requireObject(obj.subject, 'subject'), ctx),
    reporter: parseReporter(obj.reporter),
    channel: obj.channel === undefined ? 'ONLINE' : oneOf(obj, 'channel', 'INVALID_CHANNEL', CHANNELS),
    reason: requireText(obj, 'reason', 'INVALID_REASON', { min: 5, max: 1000, label: 'Alasan (reason)' }),
  };
}

function parseReporter(value: unknown): Reporter {
  if (value === undefined || value === null) return { kind: 'anonymous' };
  const obj = requireObject(value, 'reporter');
  const kind = oneOf(obj, 'kind', 'INVALID_REPORTER', ['self', 'other', 'anonymous'] as const);
  if (kind !== 'other') return { kind };
  const name = requireText(obj, 'name', 'INVALID_REPORTER', { max: 100, label: 'reporter.name' });
  const phone = optionalText(obj, 'phone', 'INVALID_REPORTER', 20);
  if (phone !== undefined && !/^\+?\d{6,15}$/.test(phone)) {
    throw new InputError('INVALID_REPORTER', 'Nomor telepon pelapor tidak valid.', { field: 'reporter.phone' });
  }
  return phone === undefined ? { kind, name } : { kind, name, phone };
}

export interface AssessmentRequest {
  readonly eligible: boolean;
  readonly reason: string;
  readonly payer: { readonly program: ReturnType<typeof parseProgram>; readonly source: ReturnType<typeof parseSource> } | null;
}

export function parseAssessmentRequest(body: unknown): AssessmentRequest {
  const obj = requireObject(body, 'The request body');
  if (typeof obj.eligible !== 'boolean') {
    throw new InputError('INVALID_ELIGIBLE', 'eligible must be true or false.', { field: 'eligible' });
  }
  const reason = requireText(obj, 'reason', 'INVALID_REASON', { min: 3, max: 2000 });
  if (!obj.eligible) return { eligible: false, reason, payer: null };
  return { eligible: true, reason, payer: { program: parseProgram(obj.program), source: parseSource(obj) } };
}

export interface DisbursementRequest {
  readonly amount: number;
  readonly method: string;
  readonly reference: string;
}

export function parseDisbursementRequest(body: unknown): DisbursementRequest {
  const obj = requireObject(body, 'The request body');
  const amount = obj.amount;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    throw new InputError('INVALID_AMOUNT', 'amount must be a positive whole number of rupiah.', { field: 'amount' });
  }
  return {
    amount,
    method: oneOf(obj, 'method', 'INVALID_METHOD', ['CASH', 'BANK_TRANSFER', 'POS', 'E_WALLET', 'GOODS'] as const),
    reference: requireText(obj, 'reference', 'INVALID_REFERENCE', { max: 100 }),
  };
}

const TICKET = /^BNS-[0-9A-HJKMNP-TV-Z]{12}$/;

export function parseTicket(value: unknown): string {
  if (typeof value !== 'string' || !TICKET.test(value)) {
    throw new InputError('INVALID_TICKET', 'Nomor tiket tidak valid (contoh: BNS-7K3M9Q2XW4HD).');
  }
  return value;
}
