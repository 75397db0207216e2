import { daysInMonth, isLeapYear, NIK_MESSAGES, validateNik, type NikErrorCode } from './nik';
import { testRegions } from './testing-regions';

const TODAY = { year: 2026, month: 11, day: 30 };
const check = (nik: string, today = TODAY) => validateNik(nik, today, testRegions);
const codes = (nik: string, today = TODAY): NikErrorCode[] => {
  const r = check(nik, today);
  return r.valid ? [] : r.errors.map((e) => e.code);
};
const birth = (nik: string, today = TODAY) => {
  const r = check(nik, today);
  if (!r.valid) throw new Error(`expected valid, got ${r.errors.map((e) => e.code).join(',')}`);
  return { birthDate: r.birthDate, sex: r.sex };
};
/** Banyuwangi / Pesanggaran (351001) with the given DDMMYY and serial. */
const nik = (ddmmyy: string, serial = '0001') => `351001${ddmmyy}${serial}`;

describe('validateNik: valid NIKs', () => {
  it('decodes a female NIK', () => {
    expect(check('3510014506900001')).toEqual({
      valid: true,
      nik: '3510014506900001',
      provinceCode: '35',
      regencyCode: '3510',
      districtCode: '351001',
      birthDate: '1990-06-05',
      sex: 'F',
    });
  });

  it('decodes a male NIK born this century', () => {
    expect(birth('3510011203200001')).toEqual({ birthDate: '2020-03-12', sex: 'M' });
  });

  it('accepts another province/regency/district', () => {
    const r = check('3171010101800001');
    expect(r).toMatchObject({ valid: true, provinceCode: '31', regencyCode: '3171', districtCode: '317101' });
  });

  it.each([
    ['01', 'M', '01'],
    ['31', 'M', '31'],
    ['41', 'F', '01'],
    ['71', 'F', '31'],
  ])('day %s -> sex %s, day %s', (dd, sex, day) => {
    expect(birth(nik(`${dd}0185`))).toEqual({ birthDate: `1985-01-${day}`, sex });
  });

  it.each(['0001', '0002', '1234', '9999'])('serial %s is fine', (serial) => {
    expect(check(nik('010185', serial)).valid).toBe(true);
  });
});

describe('validateNik: birth year 20YY or 19YY', () => {
  it('today itself is 20YY', () => {
    expect(birth(nik('301126'))).toEqual({ birthDate: '2026-11-30', sex: 'M' });
  });
  it('the day after today is 19YY', () => {
    expect(birth(nik('011226'))).toEqual({ birthDate: '1926-12-01', sex: 'M' });
  });
  it('a later month of the same year is 19YY, an earlier one 20YY', () => {
    expect(birth(nik('011026')).birthDate).toBe('2026-10-01');
    expect(birth(nik('011126')).birthDate).toBe('2026-11-01');
    expect(birth(nik('011227')).birthDate).toBe('1927-12-01');
  });
  it('female day offset is removed before comparing with today', () => {
    expect(birth(nik('701126'))).toEqual({ birthDate: '2026-11-30', sex: 'F' });
    expect(birth(nik('411226'))).toEqual({ birthDate: '1926-12-01', sex: 'F' });
  });
  it('YY=00 is 2000 after the turn of the century, 1900 before it', () => {
    expect(birth(nik('010100')).birthDate).toBe('2000-01-01');
    expect(birth(nik('010100'), { year: 1999, month: 12, day: 31 }).birthDate).toBe('1900-01-01');
  });
  it('compares tuples, so a non-existent date still picks a century', () => {
    // 2026-11-31 does not exist; it is after 2026-11-30 -> 1926-11-31, still invalid.
    expect(codes(nik('311126'))).toEqual(['date']);
    // 2026-02-30 is before today -> 2026, invalid.
    expect(codes(nik('300226'))).toEqual(['date']);
  });
});

describe('validateNik: leap years', () => {
  it('2000-02-29 exists (divisible by 400)', () => {
    expect(birth(nik('290200')).birthDate).toBe('2000-02-29');
  });
  it('1900-02-29 does not (divisible by 100)', () => {
    expect(codes(nik('290200'), { year: 1999, month: 6, day: 1 })).toEqual(['date']);
  });
  it('2023-02-29 does not exist', () => {
    expect(codes(nik('290223'))).toEqual(['date']);
  });
  it('1996-02-29 exists (YY in the future -> 19YY)', () => {
    expect(birth(nik('290296')).birthDate).toBe('1996-02-29');
  });
  it('2024-02-29 exists, female too', () => {
    expect(birth(nik('690224'))).toEqual({ birthDate: '2024-02-29', sex: 'F' });
  });
  it('February 30 never exists; April 31 neither', () => {
    expect(codes(nik('300296'))).toEqual(['date']);
    expect(codes(nik('310490'))).toEqual(['date']);
    expect(codes(nik('710490'))).toEqual(['date']);
    expect(birth(nik('300490')).birthDate).toBe('1990-04-30');
  });
  it('helpers', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2024, 12)).toBe(31);
  });
});

describe('validateNik: positional errors', () => {
  it.each(['00', '32', '40', '72', '99'])('day %s', (dd) => {
    expect(codes(nik(`${dd}0190`))).toEqual(['day']);
  });
  it.each(['00', '13', '99'])('month %s', (mm) => {
    expect(codes(nik(`01${mm}90`))).toEqual(['month']);
  });
  it('serial 0000', () => {
    expect(codes(nik('010190', '0000'))).toEqual(['serial']);
  });
  it('unknown province reports only province', () => {
    expect(codes('9910014506900001')).toEqual(['province']);
    expect(codes('3610014506900001')).toEqual(['province']);
  });
  it('unknown regency under a known province reports only regency', () => {
    expect(codes('3599014506900001')).toEqual(['regency']);
  });
  it('unknown district under a known regency', () => {
    expect(codes('3510994506900001')).toEqual(['district']);
    expect(codes('3510004506900001')).toEqual(['district']);
  });
  it('date is not checked when day or month is bad', () => {
    expect(codes(nik('000290'))).toEqual(['day']);
    expect(codes(nik('301390'))).toEqual(['month']);
    expect(codes(nik('320090'))).toEqual(['day', 'month']);
  });
  it('reports every broken rule once, in the fixed order', () => {
    expect(codes('9999720000000000')).toEqual(['province', 'day', 'month', 'serial']);
    expect(codes('359901' + '300223' + '0000')).toEqual(['regency', 'date', 'serial']);
    expect(codes('3510993102230000')).toEqual(['district', 'date', 'serial']);
  });
});

describe('validateNik: shape errors', () => {
  it('empty input reports only empty', () => {
    expect(codes('')).toEqual(['empty']);
  });
  it.each([
    ['15 digits', '351001450690000'],
    ['17 digits', '35100145069000011'],
    ['1 digit', '3'],
  ])('%s -> length', (_label, input) => {
    expect(codes(input)).toEqual(['length']);
  });
  it.each([
    ['letter', '351001450690000A'],
    ['space in place of a digit', '3510 14506900001'],
    ['Arabic-Indic digit', '351001450690000\u0661'],
    ['full-width digit', '351001450690000\uff11'],
    ['NUL', '351001450690000\u0000'],
    ['minus sign', '-351001450690000'],
  ])('%s (16 code points) -> non_digit only', (_label, input) => {
    expect([...input]).toHaveLength(16);
    expect(codes(input)).toEqual(['non_digit']);
  });
  it.each([
    ['leading space', ' 3510014506900001'],
    ['trailing space', '3510014506900001 '],
    ['trailing newline', '3510014506900001\n'],
    ['trailing CR', '3510014506900001\r'],
    ['grouped with spaces', '35 10 01 450690 0001'],
    ['dots', '35.10.01.450690.0001'],
    ['17 full-width digits', '\uff13'.repeat(17)],
  ])('%s -> length and non_digit, nothing is trimmed', (_label, input) => {
    expect(codes(input)).toEqual(['length', 'non_digit']);
  });
  it('full-width digits only (16 of them) -> non_digit', () => {
    expect(codes('３５１００１４５０６９００００１')).toEqual(['non_digit']);
  });
  it('counts code points, not UTF-16 units', () => {
    const emoji = '351001450690000\u{1F600}'; // 17 UTF-16 units, 16 code points
    expect(emoji.length).toBe(17);
    expect(codes(emoji)).toEqual(['non_digit']);
  });
  it('no positional rule runs after a shape error', () => {
    expect(codes('99000000000000000')).toEqual(['length']);
  });
});

describe('validateNik: messages', () => {
  it('uses the fixed Indonesian messages and never quotes the input', () => {
    const input = '9999720000000000';
    const r = check(input);
    expect(r.valid).toBe(false);
    if (r.valid) return;
    for (const e of r.errors) {
      expect(e.message).toBe(NIK_MESSAGES[e.code]);
      expect(e.message).not.toContain(input);
    }
    expect(NIK_MESSAGES.length).toBe('NIK harus terdiri dari 16 digit');
    expect(NIK_MESSAGES.non_digit).toBe('NIK hanya boleh berisi angka 0-9');
    expect(new Set(Object.values(NIK_MESSAGES)).size).toBe(Object.keys(NIK_MESSAGES).length);
  });
});
