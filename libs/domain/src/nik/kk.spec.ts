import { KK_MESSAGES, validateKk, type KkErrorCode } from './kk';
import { testRegions } from './testing-regions';

const codes = (kk: string): KkErrorCode[] => {
  const r = validateKk(kk, testRegions);
  return r.valid ? [] : r.errors.map((e) => e.code);
};

describe('validateKk', () => {
  it('accepts 16 digits with a known regency', () => {
    expect(validateKk('3510010101200001', testRegions)).toEqual({
      valid: true,
      kk: '3510010101200001',
      regencyCode: '3510',
    });
    expect(codes('3171000000000000')).toEqual([]);
  });
  it('empty', () => {
    expect(codes('')).toEqual(['empty']);
  });
  it.each(['351001010120000', '35100101012000011'])('length: %s', (kk) => {
    expect(codes(kk)).toEqual(['length']);
  });
  it.each(['351001010120000X', '3510 10101200001', '351001010120000\uff11'])('non_digit: %s', (kk) => {
    expect(codes(kk)).toEqual(['non_digit']);
  });
  it('length and non_digit together, without the regency check', () => {
    expect(codes(' 3510010101200001')).toEqual(['length', 'non_digit']);
    expect(codes('99 99')).toEqual(['length', 'non_digit']);
  });
  it('unknown regency (including an unknown province)', () => {
    expect(codes('3599010101200001')).toEqual(['regency']);
    expect(codes('9910010101200001')).toEqual(['regency']);
  });
  it('messages are fixed and never quote the input', () => {
    const r = validateKk('9910010101200001', testRegions);
    expect(r).toEqual({ valid: false, errors: [{ code: 'regency', message: KK_MESSAGES.regency }] });
  });
});
