import { createHmac, hash } from 'node:crypto';

/**
 * HMAC-SHA-256 (RFC 2104, FIPS 180-4) of short ASCII messages, giving the base64url text
 * of the digest's first 24 bytes (32 characters). A lookup key is the HMAC of a kind and
 * a 16-digit number, and a bulk import asks for two of them per recipient: node:crypto
 * builds and frees an Hmac object each time, which costs about twice what the hashing
 * does. Here the key's two padded blocks are hashed once, up front, so each message costs
 * two SHA-256 block compressions in plain arithmetic. Messages that do not fit one block
 * (over 55 bytes) or are not ASCII go to node:crypto, which gives the same answer.
 * The spec checks every path against node:crypto.
 */
export function shortHmac(secret: Buffer): (message: string) => string {
  // Keys longer than a block are hashed first (RFC 2104, section 2).
  const key = secret.length > BLOCK_BYTES ? hash('sha256', secret, 'buffer') : secret;
  const inner = padState(key, 0x36);
  const outer = padState(key, 0x5c);
  const block = new Int32Array(64);
  const digest = new Int32Array(8);
  return (message) => {
    if (!fitsOneBlock(message)) return createHmac('sha256', secret).update(message).digest('base64url').slice(0, 32);
    // Inner hash: the message after the key's ipad block, with SHA-256 padding.
    block.fill(0, 0, 16);
    const n = message.length;
    for (let i = 0; i < n; i++) block[i >> 2] |= message.charCodeAt(i) << (24 - 8 * (i & 3));
    block[n >> 2] |= 0x80 << (24 - 8 * (n & 3));
    block[15] = (BLOCK_BYTES + n) * 8;
    compress(inner, block, digest);
    // Outer hash: the 32-byte inner digest after the key's opad block.
    for (let i = 0; i < 8; i++) block[i] = digest[i];
    block[8] = 0x80000000;
    block.fill(0, 9, 15);
    block[15] = (BLOCK_BYTES + 32) * 8;
    compress(outer, block, digest);
    return base64url24(digest);
  };
}

const BLOCK_BYTES = 64;
const MAX_ONE_BLOCK = BLOCK_BYTES - 9; // room for the 0x80 byte and the 64-bit length

function fitsOneBlock(message: string): boolean {
  if (message.length > MAX_ONE_BLOCK) return false;
  for (let i = 0; i < message.length; i++) if (message.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The state after compressing one block: the key, zero-filled to a block, XOR `pad`. */
function padState(key: Buffer, pad: number): Int32Array {
  const block = new Int32Array(64);
  for (let i = 0; i < 16; i++) {
    let word = 0;
    for (let j = 0; j < 4; j++) {
      const at = i * 4 + j;
      word = (word << 8) | ((at < key.length ? key[at] : 0) ^ pad);
    }
    block[i] = word;
  }
  const state = new Int32Array(8);
  compress(IV, block, state);
  return state;
}

const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** One SHA-256 compression of `w[0..15]` (big-endian words) into `from`, written to `to`. */
function compress(from: Int32Array, w: Int32Array, to: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = from[0], b = from[1], c = from[2], d = from[3]; // prettier-ignore
  let e = from[4], f = from[5], g = from[6], h = from[7]; // prettier-ignore
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  to[0] = (from[0] + a) | 0;
  to[1] = (from[1] + b) | 0;
  to[2] = (from[2] + c) | 0;
  to[3] = (from[3] + d) | 0;
  to[4] = (from[4] + e) | 0;
  to[5] = (from[5] + f) | 0;
  to[6] = (from[6] + g) | 0;
  to[7] = (from[7] + h) | 0;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url of the first 24 bytes (six words) of a digest: 32 characters, no padding. */
function base64url24(words: Int32Array): string {
  let text = '';
  // Three words are 12 bytes, four groups of 3 bytes, 16 characters.
  for (let w = 0; w < 6; w += 3) {
    const x = words[w];
    const y = words[w + 1];
    const z = words[w + 2];
    text += chars((x >>> 8) & 0xffffff);
    text += chars(((x & 0xff) << 16) | ((y >>> 16) & 0xffff));
    text += chars(((y & 0xffff) << 8) | ((z >>> 24) & 0xff));
    text += chars(z & 0xffffff);
  }
  return text;
}

function chars(triple: number): string {
  return (
    BASE64URL[(triple >>> 18) & 63] + BASE64URL[(triple >>> 12) & 63] + BASE64URL[(triple >>> 6) & 63] + BASE64URL[triple & 63]
  );
}
