import { canonicalJson } from '../canonical-json';
import { EXPORT_FORMAT, GENESIS, sha256 } from './hash-chain';

export type Verdict =
  | { readonly ok: true; readonly events: number; readonly lines: number; readonly tip: string }
  | { readonly ok: false; readonly line: number; readonly reason: string };

/**
 * Checks an export line by line, holding only the previous hash, so a file of any size
 * verifies in one pass. `push` answers the first broken line; after that it ignores input.
 */
export class ChainVerifier {
  private lines = 0;
  private events = 0;
  private prev = GENESIS;
  private ended = false;
  private failure: Verdict | null = null;

  get linesSeen(): number {
    return this.lines;
  }

  push(text: string): Verdict | null {
    if (this.failure) return this.failure;
    const n = ++this.lines;
    const problem = this.check(n, text);
    if (problem) this.failure = { ok: false, line: n, reason: problem };
    return this.failure;
  }

  /** The verdict once the input has ended. */
  finish(): Verdict {
    if (this.failure) return this.failure;
    if (!this.ended) {
      return { ok: false, line: this.lines + 1, reason: 'the file ends without its end line: it was cut short' };
    }
    return { ok: true, events: this.events, lines: this.lines, tip: this.prev };
  }

  private check(n: number, text: string): string | null {
    if (this.ended) return 'text after the end line';
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return 'not a JSON line';
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'not a JSON object';
    const { hash, ...rest } = parsed as Record<string, unknown>;
    if (typeof hash !== 'string' || typeof rest.prev !== 'string') return 'no prev and hash members';
    if (canonicalJson(parsed) !== text) return 'not in canonical form: the line was edited';
    if (rest.prev !== this.prev) {
      return n === 1 ? 'the first line must start the chain' : `does not follow line ${n - 1}: a line was changed, removed or inserted`;
    }
    if (sha256(canonicalJson(rest)) !== hash) return 'its content does not match its hash: the line was changed';
    const structure = this.structure(n, rest);
    if (structure) return structure;
    this.prev = hash;
    return null;
  }

  private structure(n: number, body: Record<string, unknown>): string | null {
    if (n === 1) return body.kind === 'header' && body.format === EXPORT_FORMAT ? null : `the first line must be the ${EXPORT_FORMAT} header`;
    if (body.kind === 'event') {
      this.events++;
      return null;
    }
    if (body.kind === 'end') {
      this.ended = true;
      return body.events === this.events ? null : `the end line counts ${String(body.events)} events, the file holds ${this.events}`;
    }
    return `unknown line kind ${JSON.stringify(body.kind)}`;
  }
}

/** Verifies lines from any (async) source: a file read line by line, or an array. */
export async function verifyChain(lines: AsyncIterable<string> | Iterable<string>): Promise<Verdict> {
  const verifier = new ChainVerifier();
  let blankAt: number | null = null;
  for await (const line of lines) {
    // An empty line is allowed only as the very last one (a split after the final newline).
    if (blankAt !== null) return { ok: false, line: blankAt, reason: 'an empty line' };
    if (line === '') {
      blankAt = verifier.linesSeen + 1;
      continue;
    }
    const failed = verifier.push(line);
    if (failed) return failed;
  }
  return verifier.finish();
}
