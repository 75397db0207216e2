import { parseInstant } from './instant';

describe('parseInstant', () => {
  it('reads an instant in WIB or UTC and answers it in UTC', () => {
    expect(parseInstant('2026-01-05T09:00:00+07:00')).toBe('2026-01-05T02:00:00.000Z');
    expect(parseInstant('2026-01-05T02:00:00.250Z')).toBe('2026-01-05T02:00:00.250Z');
    expect(parseInstant('2026-01-05T02:00Z')).toBe('2026-01-05T02:00:00.000Z');
  });

  it.each([['2026-01-05'], ['2026-01-05T09:00:00'], ['yesterday'], ['2026-13-45T99:00:00Z'], [20260105], [undefined]])(
    'refuses %p: a date, a time without zone, or not a time at all',
    (raw) => expect(parseInstant(raw)).toBeNull(),
  );
});
