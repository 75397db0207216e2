import { InputError } from '@bansos/application';
import { parseAlertFilter, parseAlertQuery, parseLastEventId } from './sla-query';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('SLA alert query', () => {
  it('defaults to the first page of 50, unfiltered', () => {
    expect(parseAlertQuery({})).toEqual({ page: 1, pageSize: 50 });
  });

  it('takes status, district, page and pageSize', () => {
    expect(parseAlertQuery({ status: 'BREACHED', district: '351001', page: '2', pageSize: '10' })).toEqual({
      status: 'BREACHED',
      district: '351001',
      page: 2,
      pageSize: 10,
    });
  });

  it('reads since as a WIB day or an instant with its offset, and keeps it in UTC like raisedAt', () => {
    expect(parseAlertQuery({ since: '2026-03-09' }).since).toBe('2026-03-08T17:00:00.000Z');
    expect(parseAlertQuery({ since: '2026-03-09T08:00:01+07:00' }).since).toBe('2026-03-09T01:00:01.000Z');
    expect(parseAlertQuery({ since: '2026-03-09T01:00:01.5Z' }).since).toBe('2026-03-09T01:00:01.500Z');
  });

  it.each([
    [{ status: 'breached' }, 'INVALID_STATUS'],
    [{ status: ['AT_RISK', 'BREACHED'] }, 'INVALID_STATUS'],
    [{ district: '35100' }, 'INVALID_DISTRICT'],
    [{ district: '3510012001' }, 'INVALID_DISTRICT'],
    [{ since: '2026-03-09T08:00:00' }, 'INVALID_SINCE'],
    [{ since: '2026-02-30' }, 'INVALID_SINCE'],
    [{ since: '2026-03-09T24:00:00Z' }, 'INVALID_SINCE'],
    [{ since: '2028-02-29' }, 'accepted'],
    [{ since: '09/03/2026' }, 'INVALID_SINCE'],
    [{ since: '2026-13-01T00:00:00Z' }, 'INVALID_SINCE'],
    [{ page: '0' }, 'INVALID_PAGING'],
    [{ page: '1.5' }, 'INVALID_PAGING'],
    [{ pageSize: '501' }, 'INVALID_PAGING'],
  ])('%j -> %s', (query, code) => {
    expect(codeOf(() => parseAlertQuery(query))).toBe(code);
  });

  it('the live feed takes the same status and district filters', () => {
    expect(parseAlertFilter({ status: 'AT_RISK', district: '351010' })).toEqual({ status: 'AT_RISK', district: '351010' });
    expect(codeOf(() => parseAlertFilter({ status: 'NOPE' }))).toBe('INVALID_STATUS');
  });

  it('Last-Event-ID is a store position', () => {
    expect(parseLastEventId(undefined)).toBeNull();
    expect(parseLastEventId('42')).toBe(42n);
    expect(codeOf(() => parseLastEventId('abc'))).toBe('INVALID_LAST_EVENT_ID');
  });
});
