import { InputError } from '@bansos/application';
import { SLA_ALERT_KINDS, type SlaAlertKind } from '@bansos/domain';
import type { AlertQuery } from '@bansos/sla';

export interface AlertFilter {
  readonly status?: SlaAlertKind;
  readonly district?: string;
}

// A day, or a time with its offset (a time without one would silently mean the server's zone).
const SINCE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** ?status=&district=&since=&page=&pageSize= of GET /api/v1/sla/alerts; 400 for anything else. */
export function parseAlertQuery(query: Record<string, unknown>): AlertQuery {
  const since = parseSince(query.since);
  return {
    ...parseAlertFilter(query),
    ...(since ? { since } : {}),
    page: whole(query.page, 'page', 1, 1_000_000),
    pageSize: whole(query.pageSize, 'pageSize', 50, 500),
  };
}

/** ?status=&district= of the live feed. */
export function parseAlertFilter(query: Record<string, unknown>): AlertFilter {
  const { status, district } = query;
  if (status !== undefined && !(typeof status === 'string' && (SLA_ALERT_KINDS as readonly string[]).includes(status))) {
    throw new InputError('INVALID_STATUS', `status must be one of ${SLA_ALERT_KINDS.join(', ')}.`);
  }
  if (district !== undefined && !(typeof district === 'string' && /^\d{6}$/.test(district))) {
    throw new InputError('INVALID_DISTRICT', 'district must be a 6-digit kecamatan code.');
  }
  return { ...(status ? { status: status as SlaAlertKind } : {}), ...(district ? { district: district as string } : {}) };
}

/** The Last-Event-ID a reconnecting EventSource sends: the position of the last alert it received. */
export function parseLastEventId(header: string | undefined): bigint | null {
  if (header === undefined || header === '') return null;
  if (!/^\d{1,19}$/.test(header)) throw new InputError('INVALID_LAST_EVENT_ID', 'Last-Event-ID must be the id of an alert event.');
  return BigInt(header);
}

/** A day (from its midnight in WIB) or an instant with an offset, as the UTC ISO string alerts are stored with. */
function parseSince(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const text = typeof raw === 'string' ? raw : '';
  const ms = SINCE.test(text) && onCalendar(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00+07:00` : text) : NaN;
  if (Number.isNaN(ms)) {
    throw new InputError('INVALID_SINCE', 'since must be a date (2026-03-02, WIB) or a time with its offset (2026-03-02T08:00:00+07:00).');
  }
  return new Date(ms).toISOString();
}

/** Date.parse rolls 2026-02-30 over into March; a filter with a day that does not exist is a mistake. */
function onCalendar(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const [hour, minute, second] = [text.slice(11, 13), text.slice(14, 16), text.slice(17, 19)].map((part) => Number(part || 0));
  const sameDay = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return sameDay && hour < 24 && minute < 60 && second < 60;
}

function whole(raw: unknown, name: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new InputError('INVALID_PAGING', `${name} must be a whole number from 1 to ${max}.`);
  }
  return Number(raw);
}
