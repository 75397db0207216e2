import { hmacLookupKeys, rememberedLookupKeys, type LookupKeys } from './lookup-keys';

const NIK = '3510011203750001';
const KK = '3510010101200001';

function counting(inner: LookupKeys): { keys: LookupKeys; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    keys: {
      nik: (nik) => (calls.push(`nik ${nik}`), inner.nik(nik)),
      kk: (kk) => (calls.push(`kk ${kk}`), inner.kk(kk)),
    },
  };
}

describe('remembered lookup keys', () => {
  const hmac = hmacLookupKeys('rahasia-uji-bukan-produksi');

  it('gives the very keys of the HMAC, NIK and KK kept apart', () => {
    const remembered = rememberedLookupKeys(hmac, 10);
    expect(remembered.nik(NIK)).toBe(hmac.nik(NIK));
    expect(remembered.kk(KK)).toBe(hmac.kk(KK));
    expect(remembered.kk(NIK)).toBe(hmac.kk(NIK)); // the same digits as a KK: another key
    expect(remembered.kk(NIK)).not.toBe(remembered.nik(NIK));
  });

  it('computes each key once while it has room, and again after forgetting', () => {
    const { keys, calls } = counting(hmac);
    const remembered = rememberedLookupKeys(keys, 2);
    remembered.nik('3510010101500001');
    remembered.nik('3510010101500001');
    remembered.nik('3510010101500002');
    expect(calls).toHaveLength(2);
    remembered.nik('3510010101500003'); // full: forgets, then remembers this one
    remembered.nik('3510010101500001');
    expect(calls).toHaveLength(4);
    expect(remembered.nik('3510010101500001')).toBe(hmac.nik('3510010101500001'));
  });
});
