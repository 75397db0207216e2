import { InputError } from '@bansos/application';

const STATUSES = ['awaiting_assessment', 'auto_rejected', 'not_eligible', 'eligible', 'disbursed'] as const;

export interface WorklistQuery {
  readonly status?: (typeof STATUSES)[number];
  readonly district?: string;
  readonly page: number;
  readonly pageSize: number;
}

export function parseWorklistQuery(query: Record<string, unknown>): WorklistQuery {
  const status = query.status;
  if (status !== undefined && !(typeof status === 'string' && (STATUSES as readonly string[]).includes(status))) {
    throw new InputError('INVALID_STATUS', `status must be one of ${STATUSES.join(', ')}.`);
  }
  const district = query.district;
  if (district !== undefined && !(typeof district === 'string' && /^\d{6}$/.test(district))) {
    throw new InputError('INVALID_DISTRICT', 'district must be a 6-digit kecamatan code.');
  }
  return {
    ...(status ? { status: status as WorklistQuery['status'] } : {}),
    ...(district ? { district: district as string } : {}),
    page: positive(query.page, 'page', 1, 1_000_000),
    pageSize: positive(query.pageSize, 'pageSize', 50, 500),
  };
}

function positive(raw: unknown, name: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new InputError('INVALID_PAGING', `${name} must be a whole number from 1 to ${max}.`);
  }
  return Number(raw);
}
