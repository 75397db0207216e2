import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';

/**
 * The export's hash chain. Every line is one JSON object in canonical form (see
 * canonical-json.ts) with two members besides its content:
 *   prev  the hash of the line before it (GENESIS for the first line),
 *   hash  sha256, in hex, of this line's canonical JSON without the `hash` member.
 * Changing any line breaks its own hash; dropping, adding or reordering lines breaks the
 * next line's `prev`; cutting the end off loses the closing `end` line.
 */
export const GENESIS = '0'.repeat(64);
export const EXPORT_FORMAT = 'bansos-audit-export/1';

export type ChainBody = Readonly<Record<string, unknown>> & { readonly kind: 'header' | 'event' | 'end' };

export interface ChainedLine {
  /** The line's text, without the newline. */
  readonly line: string;
  readonly hash: string;
}

export function chainLine(body: ChainBody, prev: string): ChainedLine {
  if ('prev' in body || 'hash' in body) throw new Error('a chained line carries prev and hash itself');
  const hash = sha256(canonicalJson({ ...body, prev }));
  return { line: canonicalJson({ ...body, prev, hash }), hash };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Folds a whole sequence of bodies into lines (tests and small exports). */
export function chainAll(bodies: readonly ChainBody[]): string[] {
  let prev = GENESIS;
  return bodies.map((body) => {
    const chained = chainLine(body, prev);
    prev = chained.hash;
    return chained.line;
  });
}
