import { createHmac } from 'node:crypto';
import { shortHmac } from './short-hmac';

const node = (secret: Buffer, message: string) => createHmac('sha256', secret).update(message).digest('base64url').slice(0, 32);

describe('short HMAC-SHA-256', () => {
  it('matches the RFC 4231 test case 2 ("Jefe")', () => {
    // RFC 4231 4.3: HMAC-SHA-256 = 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
    const expected = Buffer.from('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'hex');
    expect(shortHmac(Buffer.from('Jefe'))('what do ya want for nothing?')).toBe(expected.subarray(0, 24).toString('base64url'));
  });

  it.each([
    ['a short secret', Buffer.from('rahasia')],
    ['a secret of exactly one block', Buffer.alloc(64, 7)],
    ['a secret longer than a block (hashed first)', Buffer.from('x'.repeat(131))],
    ['an empty secret', Buffer.alloc(0)],
    ['a non-ASCII secret', Buffer.from('rahasia-ñ-秘密', 'utf8')],
  ])('gives what node:crypto gives, with %s', (_, secret) => {
    const hmac = shortHmac(secret);
    const messages = ['', 'nik:3510011203750001', 'kk:3510010101200001', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(200), 'nik:٣٥١٠', 'é'];
    for (let i = 0; i < 500; i++) messages.push(`nik:${(3510010101500001 + i * 7919).toString()}`, 'x'.repeat(i % 70));
    for (const message of messages) expect(hmac(message)).toBe(node(secret, message));
  });
});
