import { deterministicUuid } from './event-codec';

describe('deterministicUuid', () => {
  // Ids already stored must come out the same: a retried command is recognised by them.
  // These values were made by the first implementation (sha1 bytes edited in a Buffer).
  it.each([
    ['import-1:2/nik-3510014101500788/0', Date.parse('2026-12-01T00:02:22.904Z'), '01a22ee8-de38-862c-843e-abb0c3231f9d'],
    ['cmd/household-3510010000000000/1', undefined, '190743da-d485-505a-b9c3-f26aa605080c'],
    ['x', 0, '00000000-0000-8984-abaa-fd7c3b516503'],
    ['alert:BNS-000000000001:OVERDUE/sla-BNS-000000000001/0', 1.5, '00000000-0001-88d0-a99c-1f94a918714a'],
  ])('%s at %s is %s, as it always was', (name, atMs, expected) => {
    expect(deterministicUuid(name, atMs)).toBe(expected);
  });

  it('is a well-formed UUID: version 8 with a time, 5 without, RFC 4122 variant', () => {
    const timed = deterministicUuid('a', Date.UTC(2026, 0, 1));
    const named = deterministicUuid('a');
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-([58])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(shape.exec(timed)?.[1]).toBe('8');
    expect(shape.exec(named)?.[1]).toBe('5');
    expect(timed.replace(/-/g, '').slice(0, 12)).toBe(Date.UTC(2026, 0, 1).toString(16).padStart(12, '0'));
  });

  it('differs for different names, and an id of a later moment sorts after', () => {
    const at = Date.UTC(2026, 5, 1);
    expect(deterministicUuid('a', at)).not.toBe(deterministicUuid('b', at));
    expect(deterministicUuid('a', at) < deterministicUuid('a', at + 1)).toBe(true);
  });
});
