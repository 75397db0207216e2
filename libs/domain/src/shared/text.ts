const SURROGATE = /[\uD800-\uDFFF]/;

/** Characters as people count them (code points), without building an array of them. */
export function codePointLength(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let count = 0;
  for (const _ of text) count++;
  return count;
}
