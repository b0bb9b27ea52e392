/**
 * msgpack markers as vmihailenco/msgpack v5 (what go-cty uses) writes and reads them, over
 * ByteWriter / ByteReader. Writers always pick the smallest form: positive integers as fixint or
 * uint8/16/32/64, negative ones as negative fixint or int8/16/32/64; strings as fixstr/str8/16/32;
 * byte strings as bin8/16/32; exts as fixext1/2/4/8/16 when the length fits, else ext8/16/32.
 */
import type { ByteReader } from '../wire/reader.js';
import type { ByteWriter } from '../wire/writer.js';
import { writeStrUtf8 } from './str.js';

export const M = {
  Nil: 0xc0,
  /** Never used by msgpack. */
  Never: 0xc1,
  False: 0xc2,
  True: 0xc3,
  Bin8: 0xc4,
  Bin16: 0xc5,
  Bin32: 0xc6,
  Ext8: 0xc7,
  Ext16: 0xc8,
  Ext32: 0xc9,
  Float: 0xca,
  Double: 0xcb,
  Uint8: 0xcc,
  Uint16: 0xcd,
  Uint32: 0xce,
  Uint64: 0xcf,
  Int8: 0xd0,
  Int16: 0xd1,
  Int32: 0xd2,
  Int64: 0xd3,
  FixExt1: 0xd4,
  FixExt2: 0xd5,
  FixExt4: 0xd6,
  FixExt8: 0xd7,
  FixExt16: 0xd8,
  Str8: 0xd9,
  Str16: 0xda,
  Str32: 0xdb,
  Array16: 0xdc,
  Array32: 0xdd,
  Map16: 0xde,
  Map32: 0xdf,
} as const;

export const isFixedNum = (c: number): boolean => c <= 0x7f || c >= 0xe0;
export const isFixedStr = (c: number): boolean => c >= 0xa0 && c <= 0xbf;
export const isFixedArray = (c: number): boolean => c >= 0x90 && c <= 0x9f;
export const isFixedMap = (c: number): boolean => c >= 0x80 && c <= 0x8f;
export const isExt = (c: number): boolean => (c >= M.FixExt1 && c <= M.FixExt16) || (c >= M.Ext8 && c <= M.Ext32);

// ---------------------------------------------------------------------------------------------
// Writing

/** A non-negative integer of at most 53 bits, as vmihailenco's EncodeUint writes it. */
function writeUintNumber(w: ByteWriter, v: number): void {
  if (v <= 0x7f) return w.writeByte(v);
  if (v <= 0xff) {
    w.writeByte(M.Uint8);
    return w.writeByte(v);
  }
  if (v <= 0xffff) {
    w.writeByte(M.Uint16);
    return w.writeUint16BE(v);
  }
  if (v <= 0xffffffff) {
    w.writeByte(M.Uint32);
    return w.writeUint32BE(v);
  }
  w.writeByte(M.Uint64);
  const hi = Math.floor(v / 0x100000000);
  w.writeUint32BE(hi);
  w.writeUint32BE(v - hi * 0x100000000);
}

const writeUint = (w: ByteWriter, n: bigint | number): void => {
  if (typeof n === 'number') return writeUintNumber(w, n);
  if (n <= 0xffffffffn) return writeUintNumber(w, Number(n));
  w.writeByte(M.Uint64);
  w.writeBigUint64BE(n);
};

/**
 * vmihailenco `EncodeInt(int64)` (also `EncodeUint` for non-negative values). A number must be a
 * safe integer; a bigint must fit int64 (or uint64 when non-negative).
 */
export function writeInt(w: ByteWriter, n: bigint | number): void {
  if (typeof n === 'number' ? n >= 0 : n >= 0n) return writeUint(w, n);
  if (typeof n === 'number' || n >= -0x80000000n) {
    const v = typeof n === 'number' ? n : Number(n);
    if (v >= -32) return w.writeByte(v & 0xff);
    if (v >= -128) {
      w.writeByte(M.Int8);
      return w.writeByte(v & 0xff);
    }
    if (v >= -32768) {
      w.writeByte(M.Int16);
      return w.writeUint16BE(v & 0xffff);
    }
    if (v >= -2147483648) {
      w.writeByte(M.Int32);
      return w.writeUint32BE(v >>> 0);
    }
    // A negative safe integer below int32: two's complement as two 32-bit halves.
    w.writeByte(M.Int64);
    const hi = Math.floor(v / 0x100000000);
    w.writeUint32BE(hi >>> 0);
    return w.writeUint32BE((v - hi * 0x100000000) >>> 0);
  }
  w.writeByte(M.Int64);
  w.writeBigUint64BE(BigInt.asUintN(64, n));
}

export function writeFloat64(w: ByteWriter, x: number): void {
  w.writeByte(M.Double);
  w.writeFloat64BE(x);
}

export const writeNil = (w: ByteWriter): void => w.writeByte(M.Nil);
export const writeBool = (w: ByteWriter, b: boolean): void => w.writeByte(b ? M.True : M.False);

function writeLen(w: ByteWriter, n: number, fix: number, fixMax: number, m8: number, m16: number, m32: number): void {
  if (n <= fixMax && fix >= 0) return w.writeByte(fix | n);
  if (n <= 0xff && m8 >= 0) {
    w.writeByte(m8);
    return w.writeByte(n);
  }
  if (n <= 0xffff) {
    w.writeByte(m16);
    return w.writeUint16BE(n);
  }
  w.writeByte(m32);
  w.writeUint32BE(n);
}

export const writeArrayLen = (w: ByteWriter, n: number): void => writeLen(w, n, 0x90, 15, -1, M.Array16, M.Array32);
export const writeMapLen = (w: ByteWriter, n: number): void => writeLen(w, n, 0x80, 15, -1, M.Map16, M.Map32);

/** vmihailenco `EncodeString`: str header then UTF-8 bytes (a lone surrogate becomes U+FFFD). */
export function writeStr(w: ByteWriter, s: string): void {
  writeStrUtf8(w, s, false);
}

/** vmihailenco `EncodeExtHeader(type, len)`. */
export function writeExtHeader(w: ByteWriter, type: number, len: number): void {
  switch (len) {
    case 1:
      w.writeByte(M.FixExt1);
      break;
    case 2:
      w.writeByte(M.FixExt2);
      break;
    case 4:
      w.writeByte(M.FixExt4);
      break;
    case 8:
      w.writeByte(M.FixExt8);
      break;
    case 16:
      w.writeByte(M.FixExt16);
      break;
    default:
      writeLen(w, len, -1, -1, M.Ext8, M.Ext16, M.Ext32);
  }
  w.writeByte(type & 0xff);
}

// ---------------------------------------------------------------------------------------------
// Reading (every length is checked against the bytes left before anything is allocated)

/** Array length: -1 for nil. `minItemBytes` bounds the count by the bytes left. */
export function readArrayLen(r: ByteReader, what: string, minItemBytes = 1): number {
  const at = r.pos;
  const c = r.readByte();
  let n: number;
  if (c === M.Nil) return -1;
  if (isFixedArray(c)) n = c & 0x0f;
  else if (c === M.Array16) n = r.readUint16BE();
  else if (c === M.Array32) n = r.readUint32BE();
  else return r.fail(`${what}: expected an array, found ${markerName(c)}`, at);
  if (n * minItemBytes > r.remaining) r.fail(`${what}: array of ${n} elements is longer than the ${r.remaining} bytes left`, at);
  return n;
}

/** Map length: -1 for nil. */
export function readMapLen(r: ByteReader, what: string, minEntryBytes = 2): number {
  const at = r.pos;
  const c = r.readByte();
  let n: number;
  if (c === M.Nil) return -1;
  if (isFixedMap(c)) n = c & 0x0f;
  else if (c === M.Map16) n = r.readUint16BE();
  else if (c === M.Map32) n = r.readUint32BE();
  else return r.fail(`${what}: expected a map, found ${markerName(c)}`, at);
  if (n * minEntryBytes > r.remaining) r.fail(`${what}: map of ${n} entries is longer than the ${r.remaining} bytes left`, at);
  return n;
}

/** vmihailenco `bytesLen`: str or bin header (either is accepted where Go accepts it); -1 for nil. */
export function readStrOrBinLen(r: ByteReader, what: string): number {
  const at = r.pos;
  const c = r.readByte();
  let n: number;
  if (c === M.Nil) return -1;
  if (isFixedStr(c)) n = c & 0x1f;
  else if (c === M.Str8 || c === M.Bin8) n = r.readByte();
  else if (c === M.Str16 || c === M.Bin16) n = r.readUint16BE();
  else if (c === M.Str32 || c === M.Bin32) n = r.readUint32BE();
  else return r.fail(`${what}: expected a string, found ${markerName(c)}`, at);
  r.need(n, what);
  return n;
}

/** An integer marker's value as a bigint (int64 for fixint/int codes, uint64 for uint codes). */
export function readInteger(r: ByteReader, what: string): bigint {
  const at = r.pos;
  const c = r.readByte();
  if (c <= 0x7f) return BigInt(c);
  if (c >= 0xe0) return BigInt(c - 256);
  switch (c) {
    case M.Uint8:
      return BigInt(r.readByte());
    case M.Uint16:
      return BigInt(r.readUint16BE());
    case M.Uint32:
      return BigInt(r.readUint32BE());
    case M.Uint64:
      return r.readBigUint64BE();
    case M.Int8:
      return BigInt((r.readByte() << 24) >> 24);
    case M.Int16:
      return BigInt((r.readUint16BE() << 16) >> 16);
    case M.Int32:
      return BigInt(r.readUint32BE() | 0);
    case M.Int64:
      return BigInt.asIntN(64, r.readBigUint64BE());
  }
  return r.fail(`${what}: expected an integer, found ${markerName(c)}`, at);
}

/** Ext header: [type, length]; the payload length is checked against the bytes left. */
export function readExtHeader(r: ByteReader, what: string): [number, number] {
  const at = r.pos;
  const c = r.readByte();
  let n: number;
  switch (c) {
    case M.FixExt1:
      n = 1;
      break;
    case M.FixExt2:
      n = 2;
      break;
    case M.FixExt4:
      n = 4;
      break;
    case M.FixExt8:
      n = 8;
      break;
    case M.FixExt16:
      n = 16;
      break;
    case M.Ext8:
      n = r.readByte();
      break;
    case M.Ext16:
      n = r.readUint16BE();
      break;
    case M.Ext32:
      n = r.readUint32BE();
      break;
    default:
      return r.fail(`${what}: expected an extension, found ${markerName(c)}`, at);
  }
  const type = (r.readByte() << 24) >> 24;
  r.need(n, `${what} extension payload`);
  return [type, n];
}

export function markerName(c: number): string {
  if (c <= 0x7f || c >= 0xe0) return `fixint 0x${c.toString(16).padStart(2, '0')}`;
  if (isFixedMap(c)) return 'fixmap';
  if (isFixedArray(c)) return 'fixarray';
  if (isFixedStr(c)) return 'fixstr';
  const names: Record<number, string> = {
    0xc0: 'nil',
    0xc1: 'unused marker 0xc1',
    0xc2: 'false',
    0xc3: 'true',
    0xc4: 'bin8',
    0xc5: 'bin16',
    0xc6: 'bin32',
    0xc7: 'ext8',
    0xc8: 'ext16',
    0xc9: 'ext32',
    0xca: 'float32',
    0xcb: 'float64',
    0xcc: 'uint8',
    0xcd: 'uint16',
    0xce: 'uint32',
    0xcf: 'uint64',
    0xd0: 'int8',
    0xd1: 'int16',
    0xd2: 'int32',
    0xd3: 'int64',
    0xd4: 'fixext1',
    0xd5: 'fixext2',
    0xd6: 'fixext4',
    0xd7: 'fixext8',
    0xd8: 'fixext16',
    0xd9: 'str8',
    0xda: 'str16',
    0xdb: 'str32',
    0xdc: 'array16',
    0xdd: 'array32',
    0xde: 'map16',
    0xdf: 'map32',
  };
  return names[c] ?? `0x${c.toString(16)}`;
}
