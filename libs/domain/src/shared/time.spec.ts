import { addDays, DAY_MS, toWib, wibDate } from './time';

/** Stored times are UTC ISO strings; people see WIB (Asia/Jakarta, UTC+7, no daylight saving). */
describe('addDays', () => {
  it('adds exactly 7 days: the disbursement SLA', () => {
    expect(addDays('2026-01-01T03:00:00.000Z', 7)).toBe('2026-01-08T03:00:00.000Z');
  });

  it('crosses month and year ends', () => {
    expect(addDays('2026-12-28T16:59:59.999Z', 7)).toBe('2027-01-04T16:59:59.999Z');
    expect(addDays('2026-01-31T00:00:00.000Z', 1)).toBe('2026-02-01T00:00:00.000Z');
  });

  it('knows leap years', () => {
    expect(addDays('2028-02-28T12:00:00.000Z', 1)).toBe('2028-02-29T12:00:00.000Z');
    expect(addDays('2026-02-28T12:00:00.000Z', 1)).toBe('2026-03-01T12:00:00.000Z');
  });

  it('normalises the input to a UTC ISO string with milliseconds', () => {
    expect(addDays('2026-01-01T10:00:00+07:00', 0)).toBe('2026-01-01T03:00:00.000Z');
    expect(addDays('2026-01-01T03:00:00Z', 7)).toBe('2026-01-08T03:00:00.000Z');
  });

  it('goes back with negative days', () => {
    expect(addDays('2026-01-08T03:00:00.000Z', -7)).toBe('2026-01-01T03:00:00.000Z');
  });

  it('a day is 24 hours', () => {
    expect(DAY_MS).toBe(86_400_000);
  });
});

describe('toWib', () => {
  it('shows the documented example in WIB', () => {
    expect(toWib('2026-11-30T17:05:00Z')).toBe('2026-12-01T00:05:00+07:00');
  });

  it('shifts by seven hours within the same day', () => {
    expect(toWib('2026-01-01T03:00:00.000Z')).toBe('2026-01-01T10:00:00+07:00');
  });

  it('crosses the year end at 17:00 UTC', () => {
    expect(toWib('2026-12-31T16:59:59.000Z')).toBe('2026-12-31T23:59:59+07:00');
    expect(toWib('2026-12-31T17:00:00.000Z')).toBe('2027-01-01T00:00:00+07:00');
  });

  it('shows whole seconds', () => {
    expect(toWib('2026-01-01T03:00:00.999Z')).toBe('2026-01-01T10:00:00+07:00');
  });
});

describe('wibDate', () => {
  it('is still the same WIB day until 16:59:59.999 UTC', () => {
    expect(wibDate(new Date('2026-11-30T16:59:59.999Z'))).toEqual({ year: 2026, month: 11, day: 30 });
  });

  it('is already the next WIB day from 17:00 UTC', () => {
    expect(wibDate(new Date('2026-11-30T17:00:00.000Z'))).toEqual({ year: 2026, month: 12, day: 1 });
  });

  it('turns the year in WIB before it turns in UTC', () => {
    expect(wibDate(new Date('2026-12-31T17:00:00.000Z'))).toEqual({ year: 2027, month: 1, day: 1 });
  });

  it('early UTC morning is the same calendar day in WIB', () => {
    expect(wibDate(new Date('2028-02-29T00:00:00.000Z'))).toEqual({ year: 2028, month: 2, day: 29 });
  });
});
