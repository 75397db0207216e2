import { canonicalJson } from '../canonical-json';
import { chainAll, chainLine, EXPORT_FORMAT, GENESIS, sha256, type ChainBody } from './hash-chain';
import { verifyChain } from './verify-chain';

const header: ChainBody = { kind: 'header', format: EXPORT_FORMAT, from: null, to: null, upToPosition: '3', exportedAt: '2026-01-01T00:00:00.000Z' };
const event = (position: number, amount: number): ChainBody => ({
  kind: 'event',
  position: String(position),
  type: 'AidDisbursed',
  data: { ticket: 'BNS-000000000001', amount },
});
const file = () => chainAll([header, event(1, 600000), event(2, 300000), event(3, 150000), { kind: 'end', events: 3 }]);

describe('hash chain: writing', () => {
  it('hashes the canonical line without its hash member, and carries the previous hash', () => {
    const first = chainLine(header, GENESIS);
    const parsed = JSON.parse(first.line) as Record<string, unknown>;
    const { hash, ...rest } = parsed;
    expect(hash).toBe(first.hash);
    expect(first.hash).toBe(sha256(canonicalJson(rest)));
    expect(rest.prev).toBe(GENESIS);
    expect(first.line).toBe(canonicalJson(parsed));
    const second = chainLine(event(1, 1), first.hash);
    expect(JSON.parse(second.line).prev).toBe(first.hash);
  });

  it('writes the same lines for the same events, whatever order their fields came in', () => {
    const reordered: ChainBody = { data: { amount: 600000, ticket: 'BNS-000000000001' }, type: 'AidDisbursed', position: '1', kind: 'event' };
    expect(chainLine(reordered, GENESIS)).toEqual(chainLine(event(1, 600000), GENESIS));
  });
});

describe('hash chain: verifying', () => {
  it('accepts an unaltered file, with or without the final newline', async () => {
    const lines = file();
    const verdict = await verifyChain(lines);
    expect(verdict).toEqual({ ok: true, events: 3, lines: 5, tip: JSON.parse(lines[4]).hash });
    expect(await verifyChain(`${lines.join('\n')}\n`.split('\n'))).toEqual(verdict);
  });

  it('names a line whose content was changed', async () => {
    const lines = file();
    lines[2] = lines[2].replace('300000', '3000000');
    expect(lines[2]).toContain('3000000');
    expect(await verifyChain(lines)).toEqual({ ok: false, line: 3, reason: 'its content does not match its hash: the line was changed' });
  });

  it('names the line after a changed one whose hash was recomputed to match', async () => {
    const lines = file();
    const prev = JSON.parse(lines[1]).hash as string;
    lines[2] = chainLine(event(1, 6000000), prev).line;
    expect(await verifyChain(lines)).toMatchObject({ ok: false, line: 4, reason: expect.stringMatching(/^does not follow line 3/) });
  });

  it('names where a line was removed, inserted or moved', async () => {
    const lines = file();
    expect(await verifyChain([...lines.slice(0, 2), ...lines.slice(3)])).toMatchObject({ ok: false, line: 3 });
    expect(await verifyChain([...lines.slice(0, 2), lines[1], ...lines.slice(2)])).toMatchObject({ ok: false, line: 3 });
    expect(await verifyChain([lines[0], lines[2], lines[1], ...lines.slice(3)])).toMatchObject({ ok: false, line: 2 });
  });

  it('names the line after the last one when the end was cut off', async () => {
    expect(await verifyChain(file().slice(0, 4))).toEqual({ ok: false, line: 5, reason: 'the file ends without its end line: it was cut short' });
  });

  it('refuses an edit that keeps the JSON meaning but not the bytes (spaces, CRLF)', async () => {
    const lines = file();
    expect(await verifyChain([lines[0], lines[1].replace('"kind":', '"kind": '), ...lines.slice(2)])).toMatchObject({
      ok: false,
      line: 2,
      reason: 'not in canonical form: the line was edited',
    });
    expect(await verifyChain(lines.map((l) => `${l}\r`))).toMatchObject({ ok: false, line: 1 });
  });

  it('refuses a file that does not start with the header, miscounts, goes on after the end, or has blank lines', async () => {
    const lines = file();
    expect(await verifyChain(lines.slice(1))).toMatchObject({ ok: false, line: 1 });
    const miscounted = chainAll([header, event(1, 1), { kind: 'end', events: 2 }]);
    expect(await verifyChain(miscounted)).toMatchObject({ ok: false, line: 3, reason: 'the end line counts 2 events, the file holds 1' });
    expect(await verifyChain([...lines, lines[4]])).toMatchObject({ ok: false, line: 6, reason: 'text after the end line' });
    expect(await verifyChain([lines[0], '', ...lines.slice(1)])).toEqual({ ok: false, line: 2, reason: 'an empty line' });
    expect(await verifyChain(['not json'])).toEqual({ ok: false, line: 1, reason: 'not a JSON line' });
    expect(await verifyChain([])).toMatchObject({ ok: false, line: 1 });
  });
});
