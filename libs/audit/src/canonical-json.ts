/**
 * Canonical JSON, as RFC 8785 (JCS) defines it for the values we hold: object members
 * sorted by their names' UTF-16 code units, no whitespace, strings and numbers written
 * as ECMAScript's JSON.stringify writes them. Two equal documents give the same text
 * whatever order their fields were built in, so hashes and comparisons mean "same data".
 * Like JSON.stringify, members whose value is undefined are left out (a stored document
 * never has them), and a bigint is refused: callers write positions as decimal strings.
 *
 * Written by hand rather than as a JSON.stringify replacer: a replace copies every object
 * to reorder it, and the replay canonicalises every document of every read model twice.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('canonical JSON: write bigints as decimal strings first');
    case 'object':
      return value === null ? 'null' : writeObject(value as object);
    default:
      return undefined; // undefined, functions and symbols: left out, as JSON.stringify does
  }
}

function writeObject(value: object): string | undefined {
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return write(json.call(value));
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
  const source = value as Record<string, unknown>;
  let out = '';
  for (const name of Object.keys(source).sort()) {
    const member = write(source[name]);
    if (member === undefined) continue;
    out += `${out === '' ? '' : ','}${JSON.stringify(name)}:${member}`;
  }
  return `{${out}}`;
}
