/**
 * PostgreSQL's `hashtext(text)` computed here, bit for bit: `hash_bytes` of the text's UTF-8
 * bytes (Bob Jenkins' lookup3, src/common/hashfn.c), as the signed int4 PostgreSQL returns. A
 * lock key computed here names the same advisory lock as `hashtext($1)` in SQL, so a statement
 * without parameters can take it (sent with BEGIN in one round trip) while other statements and
 * older instances keep computing it in SQL. `hashtext.test.ts` compares the two.
 */
export function hashtext(text: string): number {
  const k = Buffer.from(text, 'utf8');
  let len = k.length;
  let a = (0x9e3779b9 + len + 3923095) | 0;
  let b = a;
  let c = a;
  let i = 0;
  const rot = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  const word = (at: number) => k.readInt32LE(at);
  while (len >= 12) {
    a = (a + word(i)) | 0;
    b = (b + word(i + 4)) | 0;
    c = (c + word(i + 8)) | 0;
    // mix(a, b, c)
    a = (a - c) | 0;
    a ^= rot(c, 4);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= rot(a, 6);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= rot(b, 8);
    b = (b + a) | 0;
    a = (a - c) | 0;
    a ^= rot(c, 16);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= rot(a, 19);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= rot(b, 4);
    b = (b + a) | 0;
    i += 12;
    len -= 12;
  }
  // The last 0–11 bytes as lookup3's fall-through switch adds them: little-endian words of the
  // tail padded with zeros, c's shifted up a byte (its lowest byte is left for the length).
  const tail = Buffer.alloc(12);
  k.copy(tail, 0, i);
  a = (a + tail.readInt32LE(0)) | 0;
  b = (b + tail.readInt32LE(4)) | 0;
  c = (c + (tail.readInt32LE(8) << 8)) | 0;
  // final(a, b, c)
  c ^= b;
  c = (c - rot(b, 14)) | 0;
  a ^= c;
  a = (a - rot(c, 11)) | 0;
  b ^= a;
  b = (b - rot(a, 25)) | 0;
  c ^= b;
  c = (c - rot(b, 16)) | 0;
  a ^= c;
  a = (a - rot(c, 4)) | 0;
  b ^= a;
  b = (b - rot(a, 14)) | 0;
  c ^= b;
  c = (c - rot(b, 24)) | 0;
  return c | 0;
}
