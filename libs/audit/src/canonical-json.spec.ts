import { canonicalJson } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts members at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives one text for equal data built in different orders', () => {
    expect(canonicalJson({ status: 'eligible', ticket: 'BNS-1' })).toBe(canonicalJson({ ticket: 'BNS-1', status: 'eligible' }));
  });

  it('orders names by UTF-16 code units, as RFC 8785 does', () => {
    // "\u20ac" (euro sign) sorts before "\ud83d\ude00" (an emoji, a surrogate pair) by code units.
    expect(canonicalJson({ '\ud83d\ude00': 1, '\u20ac': 2, a: 3, B: 4 })).toBe('{"B":4,"a":3,"\u20ac":2,"\ud83d\ude00":1}');
  });

  it('leaves out undefined members like JSON.stringify, keeps null, and dates become ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: null, c: new Date('2026-01-01T00:00:00Z') })).toBe(
      '{"b":null,"c":"2026-01-01T00:00:00.000Z"}',
    );
  });

  it('refuses bigints instead of guessing how to write them', () => {
    expect(() => canonicalJson({ position: 1n })).toThrow(/bigint/);
  });

  it('writes what JSON.stringify writes once members are in order: arrays, escapes, numbers, empties', () => {
    const sorted = { a: [1, 'x', null, true, { b: [] }], c: 'tab\there "quoted" \u2028 ☺', d: -0.5e-7, e: {}, f: 600000 };
    expect(canonicalJson(sorted)).toBe(JSON.stringify(sorted));
    expect(canonicalJson([undefined, () => 1])).toBe('[null,null]');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
