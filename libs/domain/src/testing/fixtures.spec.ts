import { validateKk } from '../nik/kk';
import { validateNik } from '../nik/nik';
import { testRegions } from '../nik/testing-regions';
import { FATHER, MOTHER, NEIGHBOUR, SON } from './fixtures';

/** The specs' people must be real-looking: valid Banyuwangi NIKs and family cards. */
describe('test fixtures', () => {
  const today = { year: 2026, month: 1, day: 1 };

  it.each([FATHER, MOTHER, SON, NEIGHBOUR])('$fullName has a valid Banyuwangi NIK and KK', (person) => {
    expect(validateNik(person.nik, today, testRegions)).toMatchObject({ valid: true, regencyCode: '3510' });
    expect(validateKk(person.kk, testRegions)).toMatchObject({ valid: true });
  });

  it('women carry birth day + 40: the mother and the neighbour', () => {
    const sexes = [FATHER, MOTHER, SON, NEIGHBOUR].map((p) => validateNik(p.nik, today, testRegions));
    expect(sexes.map((r) => (r.valid ? r.sex : null))).toEqual(['M', 'F', 'M', 'F']);
  });
});
