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

/** The bigints of one-byte unsigned values (0..127) and of one-byte signed values (-64..63, at b). */
const UINT_SMALL: readonly bigint[] = Array.from({ length: 128 }, (_, b) => BigInt(b));
const INT_SMALL: readonly bigint[] = Array.from({ length: 128 }, (_, b) => (b & 1 ? -BigInt(b >>> 1) - 1n : BigInt(b >>> 1)));

/** Scratch for 64-bit values, read and written as two 32-bit halves (no bigint arithmetic). */
const scratch = new DataView(new ArrayBuffer(8));
const scratchBytes = new Uint8Array(scratch.buffer);
let hi32 = 0;
let lo32 = 0;

/** Reads n (1..8) big-endian bytes at p into hi32 / lo32. */
function readHalves(buf: Uint8Array, p: number, n: number): void {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < n; i++) {
    hi = ((hi << 8) | (lo >>> 24)) >>> 0;
    lo = ((lo << 8) | buf[p + i]!) >>> 0;
  }
  hi32 = hi;
  lo32 = lo;
}

/** Undoes the sign folding of hi32 / lo32 in place (hi32 becomes a signed int32). */
function unfoldHalves(): void {
  const neg = lo32 & 1;
  let lo = ((lo32 >>> 1) | (hi32 << 31)) >>> 0;
  let hi = hi32 >>> 1;
  if (neg) {
    lo = ~lo >>> 0;
    hi = ~hi;
  }
  hi32 = hi;
  lo32 = lo;
}

/** The signed hi32 / lo32 as a bigint. */
function halvesToBigInt(): bigint {
  if (hi32 >= -0x200000 && hi32 < 0x200000) return BigInt(hi32 * 4294967296 + lo32);
  scratch.setInt32(0, hi32);
  scratch.setUint32(4, lo32);
  return scratch.getBigInt64(0);
}

/** Unsigned integer, full 64 bits. */
export function readGobUint64(r: ByteReader, what = 'unsigned integer'): bigint {
  const at = r.pos;
  if (r.pos >= r.end) r.fail(`truncated ${what}: end of message`);
  const b = r.buf[r.pos++]!;
  if (b < 0x80) return UINT_SMALL[b]!;
  const n = uintByteCount(r, b, at);
  const buf = r.buf;
  const p = r.pos;
  r.pos = p + n;
  if (n <= 6) {
    let x = 0;
    for (let i = 0; i < n; i++) x = x * 256 + buf[p + i]!;
    return BigInt(x);
  }
  readHalves(buf, p, n);
  scratch.setUint32(0, hi32);
  scratch.setUint32(4, lo32);
  return scratch.getBigUint64(0);
}

export function int64ToUint(i: bigint): bigint {
  return i < 0n ? ((-i - 1n) << 1n) | 1n : i << 1n;
}

/** Reads the folded bytes of a multi-byte signed integer into hi32 / lo32, unfolded. */
function readSignedHalves(r: ByteReader, what: string): void {
  const at = r.pos;
  if (r.pos >= r.end) r.fail(`truncated ${what}: end of message`);
  const b = r.buf[r.pos++]!;
  if (b < 0x80) {
    hi32 = 0;
    lo32 = b;
  } else {
    const n = uintByteCount(r, b, at);
    readHalves(r.buf, r.pos, n);
    r.pos += n;
  }
  unfoldHalves();
}

/** Signed integer, full 64 bits. */
export function readGobInt64(r: ByteReader, what = 'signed integer'): bigint {
  const p = r.pos;
  if (p < r.end) {
    const b = r.buf[p]!;
    if (b < 0x80) {
      r.pos = p + 1;
      return INT_SMALL[b]!;
    }
    // One to three value bytes (|v| < 2^23), the common multi-byte case: plain int arithmetic.
    if (b >= 0xfd && p + 257 - b <= r.end) {
      const buf = r.buf;
      const u = b === 0xff ? buf[p + 1]! : b === 0xfe ? (buf[p + 1]! << 8) | buf[p + 2]! : (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!;
      r.pos = p + 257 - b;
      return BigInt(u & 1 ? -(u >>> 1) - 1 : u >>> 1);
    }
  }
  readSignedHalves(r, what);
  return halvesToBigInt();
}

/** Signed integer as a JS number (within ±2^53). */
export function readGobInt(r: ByteReader, what = 'signed integer'): number {
  const at = r.pos;
  if (r.pos < r.end && r.buf[r.pos]! < 0x80) {
    const b = r.buf[r.pos++]!;
    return b & 1 ? -(b >>> 1) - 1 : b >>> 1;
  }
  readSignedHalves(r, what);
  if (hi32 >= -0x200000 && hi32 < 0x200000) {
    const v = hi32 * 4294967296 + lo32;
    if (v <= Number.MAX_SAFE_INTEGER && v >= Number.MIN_SAFE_INTEGER) return v;
  }
  return r.fail(`${what} ${halvesToBigInt()} out of range`, at);
}

/** The float64 gob sends as its byte-reversed bits, read into the scratch bytes. */
function readFloatScratch(r: ByteReader, what: string): void {
  const at = r.pos;
  if (r.pos >= r.end) r.fail(`truncated ${what}: end of message`);
  const b = r.buf[r.pos++]!;
  const sb = scratchBytes;
  if (b < 0x80) {
    sb[0] = b;
    for (let k = 1; k < 8; k++) sb[k] = 0;
    return;
  }
  const n = uintByteCount(r, b, at);
  const buf = r.buf;
  const p = r.pos;
  for (let k = 0; k < 8; k++) sb[k] = k < n ? buf[p + n - 1 - k]! : 0;
  r.pos = p + n;
}

/** A float64 from its byte-reversed bits as gob sends them. Returns the raw IEEE bits. */
export function readGobFloatBits(r: ByteReader, what = 'float'): bigint {
  readFloatScratch(r, what);
  return scratch.getBigUint64(0);
}

/** A float64 as gob sends it, as a number. */
export function readGobFloat64(r: ByteReader, what = 'float'): number {
  readFloatScratch(r, what);
  return scratch.getFloat64(0);
}

export function float64FromBits(bits: bigint): number {
  floatView.setBigUint64(0, bits);
  return floatView.getFloat64(0);
}

export function float64Bits(f: number): bigint {
  floatView.setFloat64(0, f);
  return floatView.getBigUint64(0);
}

/**
 * The unsigned length in front of a string or byte string, checked against the bytes left in
 * the message. `what` names the thing for errors (the messages are built only on failure).
 */
export function readGobLength(r: ByteReader, what: string): number {
  const at = r.pos;
  let n: number;
  if (r.pos < r.end && r.buf[r.pos]! < 0x80) n = r.buf[r.pos++]!;
  else n = readGobUint(r, `${what} length`);
  if (n > r.end - r.pos) r.fail(`${what} length ${n} exceeds the ${r.end - r.pos} bytes left in the message`, at);
  return n;
}

/** Length-prefixed bytes (a view, no copy); the length must fit in the current message. */
export function readGobBytes(r: ByteReader, what = 'bytes'): Uint8Array {
  const n = readGobLength(r, what);
  const out = r.buf.subarray(r.pos, r.pos + n);
  r.pos += n;
  return out;
}

/** Length-prefixed UTF-8 string; invalid UTF-8 is a WireError. */
export function readGobString(r: ByteReader, what = 'string'): string {
  const n = readGobLength(r, what);
  return r.readUtf8(n, what);
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * buf[start, end) as a JS string when it is valid UTF-8, else undefined. ASCII (the usual case:
 * names, keys, most values) is converted without TextDecoder.
 */
export function utf8OrUndefined(buf: Uint8Array, start: number, end: number): string | undefined {
  if (end - start <= 16) {
    let i = start;
    while (i < end && buf[i]! < 0x80) i++;
    if (i === end) {
      let out = '';
      for (let j = start; j < end; j++) out += String.fromCharCode(buf[j]!);
      return out;
    }
  }
  // Longer strings: the native decoder validates and converts faster than a scan here. (Node's
  // Buffer latin1Slice for ASCII up to 256 bytes was tried and did not pay on the bench's
  // corpora; the core names no Node global.)
  try {
    return utf8Fatal.decode(buf.subarray(start, end));
  } catch {
    return undefined;
  }
}

export function writeGobUint(w: ByteWriter, x: number): void {
  if (x < 0x80 && x >= 0) {
    w.writeByte(x);
    return;
  }
  if (x < 0x10000 && (x | 0) === x && x > 0) {
    // The common small multi-byte values: one or two bytes after the count.
    if (w.pos + 3 > w.buf.length) w.ensure(3);
    const b = w.buf;
    const p = w.pos;
    if (x < 0x100) {
      b[p] = 0xff;
      b[p + 1] = x;
      w.pos = p + 2;
    } else {
      b[p] = 0xfe;
      b[p + 1] = x >>> 8;
      b[p + 2] = x & 0xff;
      w.pos = p + 3;
    }
    return;
  }
  if (x <= 0xffffffff && x >= 0 && Number.isInteger(x)) {
    // Up to 4 bytes: shifts instead of divisions.
    const n = x < 0x100 ? 1 : x < 0x10000 ? 2 : x < 0x1000000 ? 3 : 4;
    w.ensure(n + 1);
    const b = w.buf;
    const p = w.pos;
    b[p] = 256 - n;
    for (let i = n; i >= 1; i--) {
      b[p + i] = x & 0xff;
      x >>>= 8;
    }
    w.pos = p + n + 1;
    return;
  }
  if (!Number.isSafeInteger(x) || x < 0) throw new WireError('gob', w.pos, `unsigned integer ${x} is not a safe non-negative integer`);
  // Byte length of x (x <= 2^53).
  let n = 1;
  let t = x;
  while (t >= 256) {
    t = Math.floor(t / 256);
    n++;
  }
  w.ensure(n + 1);
  const b = w.buf;
  const p = w.pos;
  b[p] = 256 - n;
  for (let i = n; i >= 1; i--) {
    b[p + i] = x % 256;
    x = Math.floor(x / 256);
  }
  w.pos = p + n + 1;
}

const MAX_U64 = (1n << 64n) - 1n;
const MIN_I64 = -(1n << 63n);
const MAX_I64 = (1n << 63n) - 1n;

/** Writes the unsigned value hi * 2^32 + lo (hi, lo uint32) as gob does. */
function writeHalves(w: ByteWriter, hi: number, lo: number): void {
  if (hi < 0x200000) {
    writeGobUint(w, hi * 4294967296 + lo);
    return;
  }
  const n = hi >= 0x1000000 ? 8 : 7;
  w.ensure(n + 1);
  const b = w.buf;
  const p = w.pos;
  b[p] = 256 - n;
  if (n === 8) b[p + 1] = hi >>> 24;
  const q = p + n - 7;
  b[q + 1] = (hi >>> 16) & 0xff;
  b[q + 2] = (hi >>> 8) & 0xff;
  b[q + 3] = hi & 0xff;
  b[q + 4] = lo >>> 24;
  b[q + 5] = (lo >>> 16) & 0xff;
  b[q + 6] = (lo >>> 8) & 0xff;
  b[q + 7] = lo & 0xff;
  w.pos = p + n + 1;
}

export function writeGobUint64(w: ByteWriter, x: bigint): void {
  // Number(x) is exact exactly when it is a safe integer (one conversion, no bigint compares).
  const n = Number(x);
  if (n >= 0 && n <= Number.MAX_SAFE_INTEGER) {
    writeGobUint(w, n);
    return;
  }
  if (x < 0n || x > MAX_U64) throw new WireError('gob', w.pos, `unsigned integer ${x} does not fit in 64 bits`);
  scratch.setBigUint64(0, x);
  writeHalves(w, scratch.getUint32(0), scratch.getUint32(4));
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
  const n = Number(i);
  if (n >= -0x40 && n < 0x40) {
    w.writeByte(n < 0 ? ((-n - 1) << 1) | 1 : n << 1);
    return;
  }
  if (n > -0x80000000 && n < 0x80000000) {
    writeGobUint(w, n < 0 ? (-n - 1) * 2 + 1 : n * 2);
    return;
  }
  if (n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    writeGobInt(w, n);
    return;
  }
  if (i < MIN_I64 || i > MAX_I64) throw new WireError('gob', w.pos, `signed integer ${i} does not fit in 64 bits`);
  // Fold in 32-bit halves: (i << 1) ^ (i >> 63).
  scratch.setBigInt64(0, i);
  const hi = scratch.getInt32(0);
  const lo = scratch.getUint32(4);
  const sign = hi >> 31;
  writeHalves(w, (((hi << 1) | (lo >>> 31)) ^ sign) >>> 0, ((lo << 1) ^ sign) >>> 0);
}

/** Writes the float64 in the scratch bytes (IEEE big-endian) byte-reversed, as gob does. */
function writeFloatScratch(w: ByteWriter): void {
  const sb = scratchBytes;
  // The reversed value's leading zero bytes are the float's trailing ones.
  let n = 8;
  while (n > 0 && sb[n - 1] === 0) n--;
  if (n <= 1 && sb[0]! < 0x80) {
    w.writeByte(sb[0]!);
    return;
  }
  w.ensure(n + 1);
  const b = w.buf;
  const p = w.pos;
  b[p] = 256 - n;
  for (let k = 0; k < n; k++) b[p + 1 + k] = sb[n - 1 - k]!;
  w.pos = p + n + 1;
}

/** Writes float64 IEEE bits byte-reversed, as gob does. */
export function writeGobFloatBits(w: ByteWriter, bits: bigint): void {
  scratch.setBigUint64(0, bits);
  writeFloatScratch(w);
}

export function writeGobFloat(w: ByteWriter, f: number): void {
  scratch.setFloat64(0, f);
  writeFloatScratch(w);
}

export function writeGobBytes(w: ByteWriter, b: Uint8Array): void {
  writeGobUint(w, b.length);
  w.writeBytes(b);
}

const utf8 = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** String.prototype.isWellFormed (ES2024, Node 20) when present. */
const isWellFormed = (String.prototype as unknown as { isWellFormed?: (this: string) => boolean }).isWellFormed;
const wellFormed = (s: string): boolean => (isWellFormed !== undefined ? isWellFormed.call(s) : !LONE_SURROGATE.test(s));

/** Strings up to this many UTF-16 units are written by hand; longer ones by the native encoder. */
const SHORT_STRING = 64;

export function writeGobString(w: ByteWriter, s: string): void {
  const len = s.length;
  if (len <= SHORT_STRING) {
    // ASCII fast path: the byte length is the length, and each unit is one byte.
    w.ensure(len + 1);
    const b = w.buf;
    const p = w.pos + 1;
    let i = 0;
    for (; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      b[p + i] = c;
    }
    if (i === len) {
      b[w.pos] = len;
      w.pos = p + len;
      return;
    }
  }
  // The bytes straight into the buffer, after room for the longest count they could need (3
  // bytes per UTF-16 unit); then the count in front, and the bytes moved down to it when it is
  // shorter. No pass over the string in JavaScript.
  const most = len * 3;
  const room = gobUintSize(most);
  w.ensure(room + most);
  const p = w.pos;
  const n = utf8.encodeInto(s, w.buf.subarray(p + room, p + room + most)).written;
  if (n !== len && !wellFormed(s)) throw new WireError('gob', p, 'string holds a lone UTF-16 surrogate (not representable as UTF-8)');
  writeGobUint(w, n);
  if (w.pos < p + room) w.buf.copyWithin(w.pos, p + room, p + room + n);
  w.pos += n;
}

/** Bytes writeGobUint takes for a safe integer x. */
function gobUintSize(x: number): number {
  if (x < 0x80) return 1;
  let n = 1;
  while (x >= 256) {
    x = Math.floor(x / 256);
    n++;
  }
  return n + 1;
}

/** Index where the first invalid UTF-8 sequence of `b` starts (as Go's utf8 sees it); b.length when all is valid. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
}
