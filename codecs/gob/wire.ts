/**
 * gob's scalar encodings, on top of the shared ByteReader / ByteWriter.
 *
 * - unsigned: below 128 one byte; otherwise one byte holding the negated byte count (-1..-8),
 *   then the value big-endian in that many bytes.
 * - signed: the value shifted left one bit, all bits complemented when negative, so bit 0 says
 *   "complement me"; then sent as unsigned.
 * - float: the IEEE-754 float64 bits, byte-reversed, sent as unsigned.
 * - string / []byte: unsigned length, then the bytes.
 *
 * Readers come in two widths: `…Number` for lengths, deltas and ids (refusing values above 2^53),
 * and `…64` (bigint) for integer values, which may use the full 64 bits.
 */
import type { ByteReader } from '../wire/reader.js';
import type { ByteWriter } from '../wire/writer.js';
import { WireError } from '../wire/errors.js';

const TWO64 = 1n << 64n;
const floatView = new DataView(new ArrayBuffer(8));

/** Reads the count byte of a multi-byte unsigned and checks it; returns the byte count. */
function uintByteCount(r: ByteReader, b: number, at: number): number {
  const n = 256 - b; // b is 0x80..0xff; the count is -int8(b)
  if (n > 8) r.fail(`bad unsigned integer: byte count ${n} exceeds 8`, at);
  if (n > r.remaining) r.fail(`truncated unsigned integer: need ${n} bytes, have ${r.remaining}`, at);
  return n;
}

/** Unsigned integer as a JS number; values above 2^53 - 1 are a WireError naming `what`. */
export function readGobUint(r: ByteReader, what = 'unsigned integer'): number {
  const at = r.pos;
  if (r.pos >= r.end) r.fail(`truncated ${what}: end of message`);
  const b = r.buf[r.pos++]!;
  if (b < 0x80) return b;
  const n = uintByteCount(r, b, at);
  const buf = r.buf;
  let p = r.pos;
  // Leading bytes beyond 7 would exceed 2^56; check as we go.
  let x = 0;
  for (let i = 0; i < n; i++) x = x * 256 + buf[p++]!;
  r.pos = p;
  if (x > Number.MAX_SAFE_INTEGER) r.fail(`${what} ${x} too large`, at);
  return x;
}

/** Unsigned integer, full 64 bits. */
export function readGobUint64(r: ByteReader, what = 'unsigned integer'): bigint {
  const at = r.pos;
  if (r.pos >= r.end) r.fail(`truncated ${what}: end of message`);
  const b = r.buf[r.pos++]!;
  if (b < 0x80) return BigInt(b);
  const n = uintByteCount(r, b, at);
  const buf = r.buf;
  let p = r.pos;
  if (n <= 6) {
    let x = 0;
    for (let i = 0; i < n; i++) x = x * 256 + buf[p++]!;
    r.pos = p;
    return BigInt(x);
  }
  let x = 0n;
  for (let i = 0; i < n; i++) x = (x << 8n) | BigInt(buf[p++]!);
  r.pos = p;
  return x;
}

/** Undoes the sign folding of a signed integer. */
export function uintToInt64(u: bigint): bigint {
  return u & 1n ? -(u >> 1n) - 1n : u >> 1n;
}

export function int64ToUint(i: bigint): bigint {
  return i < 0n ? ((-i - 1n) << 1n) | 1n : i << 1n;
}

/** Signed integer, full 64 bits. */
export function readGobInt64(r: ByteReader, what = 'signed integer'): bigint {
  return uintToInt64(readGobUint64(r, what));
}

/** Signed integer as a JS number (within ±2^53). */
export function readGobInt(r: ByteReader, what = 'signed integer'): number {
  const at = r.pos;
  if (r.pos < r.end && r.buf[r.pos]! < 0x80) {
    const b = r.buf[r.pos++]!;
    return b & 1 ? -(b >>> 1) - 1 : b >>> 1;
  }
  if (r.pos < r.end && r.buf[r.pos]! >= 0xf9) {
    // Up to 7 bytes: the folded value is below 2^56; exact in a double up to 2^53.
    const u = readGobUint64(r, what);
    if (u <= BigInt(Number.MAX_SAFE_INTEGER)) {
      const n = Number(u);
      return n % 2 === 1 ? -(n - 1) / 2 - 1 : n / 2;
    }
    r.pos = at;
  }
  const v = readGobInt64(r, what);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) r.fail(`${what} ${v} out of range`, at);
  return Number(v);
}

/** A float64 from its byte-reversed bits as gob sends them. Returns the raw IEEE bits. */
export function readGobFloatBits(r: ByteReader, what = 'float'): bigint {
  return reverseBytes64(readGobUint64(r, what));
}

export function float64FromBits(bits: bigint): number {
  floatView.setBigUint64(0, bits);
  return floatView.getFloat64(0);
}

export function float64Bits(f: number): bigint {
  floatView.setFloat64(0, f);
  return floatView.getBigUint64(0);
}

export function reverseBytes64(u: bigint): bigint {
  floatView.setBigUint64(0, u, false);
  return floatView.getBigUint64(0, true);
}

/** Length-prefixed bytes (a view, no copy); the length must fit in the current message. */
export function readGobBytes(r: ByteReader, what = 'bytes'): Uint8Array {
  const at = r.pos;
  const n = readGobUint(r, `${what} length`);
  if (n > r.remaining) r.fail(`${what} length ${n} exceeds the ${r.remaining} bytes left in the message`, at);
  return r.readBytes(n, what);
}

/** Length-prefixed UTF-8 string; invalid UTF-8 is a WireError. */
export function readGobString(r: ByteReader, what = 'string'): string {
  const at = r.pos;
  const n = readGobUint(r, `${what} length`);
  if (n > r.remaining) r.fail(`${what} length ${n} exceeds the ${r.remaining} bytes left in the message`, at);
  return r.readUtf8(n, what);
}

export function writeGobUint(w: ByteWriter, x: number): void {
  if (x < 0x80 && x >= 0) {
    w.writeByte(x);
    return;
  }
  if (!Number.isSafeInteger(x) || x < 0) throw new WireError('gob', w.pos, `unsigned integer ${x} is not a safe non-negative integer`);
  if (x < 0x80) {
    w.writeByte(x);
    return;
  }
  // Byte length of x (x <= 2^53).
  let n = 1;
  let t = x;
  while (t >= 256) {
    t = Math.floor(t / 256);
    n++;
  }
  w.ensure(n + 1);
  const b = w.buf;
  let p = w.pos;
  b[p] = 256 - n;
  for (let i = n; i >= 1; i--) {
    b[p + i] = x % 256;
    x = Math.floor(x / 256);
  }
  w.pos = p + n + 1;
}

export function writeGobUint64(w: ByteWriter, x: bigint): void {
  if (x < 0n || x >= TWO64) throw new WireError('gob', w.pos, `unsigned integer ${x} does not fit in 64 bits`);
  if (x <= 0xffffffffffffn) {
    writeGobUint(w, Number(x));
    return;
  }
  const n = x >= 1n << 56n ? 8 : 7;
  w.ensure(n + 1);
  const b = w.buf;
  const p = w.pos;
  b[p] = 256 - n;
  for (let i = n; i >= 1; i--) {
    b[p + i] = Number(x & 0xffn);
    x >>= 8n;
  }
  w.pos = p + n + 1;
}

export function writeGobInt(w: ByteWriter, i: number): void {
  if (i >= 0 && i < 0x40) {
    w.writeByte(i << 1);
    return;
  }
  if (i < 0 && i >= -0x40) {
    w.writeByte(((-i - 1) << 1) | 1);
    return;
  }
  if (Number.isSafeInteger(i) && i < 2 ** 52 && i > -(2 ** 52)) {
    writeGobUint(w, i >= 0 ? i * 2 : (-i - 1) * 2 + 1);
    return;
  }
  writeGobUint64(w, int64ToUint(BigInt(i)));
}

export function writeGobInt64(w: ByteWriter, i: bigint): void {
  if (i < -(1n << 63n) || i >= 1n << 63n) throw new WireError('gob', w.pos, `signed integer ${i} does not fit in 64 bits`);
  writeGobUint64(w, int64ToUint(i));
}

/** Writes float64 IEEE bits byte-reversed, as gob does. */
export function writeGobFloatBits(w: ByteWriter, bits: bigint): void {
  writeGobUint64(w, reverseBytes64(bits));
}

export function writeGobFloat(w: ByteWriter, f: number): void {
  writeGobFloatBits(w, float64Bits(f));
}

export function writeGobBytes(w: ByteWriter, b: Uint8Array): void {
  writeGobUint(w, b.length);
  w.writeBytes(b);
}

const utf8 = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function writeGobString(w: ByteWriter, s: string): void {
  // ASCII fast path: length is known without encoding.
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    writeGobUint(w, s.length);
    w.writeUtf8(s);
    return;
  }
  if (LONE_SURROGATE.test(s)) throw new WireError('gob', w.pos, 'string holds a lone UTF-16 surrogate (not representable as UTF-8)');
  const b = utf8.encode(s);
  writeGobUint(w, b.length);
  w.writeBytes(b);
}
