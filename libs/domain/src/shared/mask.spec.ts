import { maskName } from './mask';

/** Public check answers show a masked name: never more than each word's first and last letter. */
describe('maskName', () => {
  it('masks the documented example "BUDI SANTOSO" as "B***I S*****O"', () => {
    expect(maskName('BUDI SANTOSO')).toBe('B***I S*****O');
  });

  it.each([
    ['SANTOSO', 'S*****O'],
    ['KARTINI RAHAYU', 'K*****I R****U'],
    ['SUPRIYANTO', 'S********O'],
    ['ADITYA PRATAMA', 'A****A P*****A'],
  ])('keeps the first and last letter of each long word: %s -> %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('upper-cases the name', () => {
    expect(maskName('kartini rahayu')).toBe('K*****I R****U');
  });

  it('ignores leading, trailing and repeated whitespace', () => {
    expect(maskName('  KARTINI \t  RAHAYU\n')).toBe('K*****I R****U');
  });

  it('keeps a one-letter word (an initial) as it is', () => {
    expect(maskName('M SUPRIYANTO')).toBe('M S********O');
  });

  it('keeps only the first letter of a two-letter word', () => {
    expect(maskName('KO HARTONO')).toBe('K* H*****O');
  });

  it('gives an empty string for an empty or blank name', () => {
    expect(maskName('')).toBe('');
    expect(maskName('   ')).toBe('');
  });

  it.each(['BUDI SANTOSO', 'SITI AMINAH', 'Ni Luh Putu Ayu Kartika', "NUR'AINI"])(
    'reveals no inner letter of %s',
    (name) => {
      const words = maskName(name).split(' ');
      for (const word of words) expect(word.slice(1, -1)).toMatch(/^\**$/u);
      expect(words).toHaveLength(name.trim().split(/\s+/u).length);
    },
  );
});
