import { InputError } from '@bansos/application';
import { parseAsOf } from './audit-input';

const NOW = new Date('2026-03-01T05:00:00.000Z');

describe('asOf', () => {
  it('is now when absent', () => {
    expect(parseAsOf(undefined, NOW)).toBe('2026-03-01T05:00:00.000Z');
    expect(parseAsOf('', NOW)).toBe('2026-03-01T05:00:00.000Z');
  });

  it('is the instant given, in UTC', () => {
    expect(parseAsOf('2026-01-05T09:00:00+07:00', NOW)).toBe('2026-01-05T02:00:00.000Z');
  });

  it.each([['2026-01-05'], ['2026-01-05T09:00:00'], [['2026-01-05T09:00:00Z', '2026-01-06T09:00:00Z']]])(
    'refuses %p with INVALID_AS_OF',
    (raw) => {
      let thrown: unknown;
      try {
        parseAsOf(raw, NOW);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InputError);
      expect((thrown as InputError).code).toBe('INVALID_AS_OF');
    },
  );
});
