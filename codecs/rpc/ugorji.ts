/**
 * The msgpack byte rules of ugorji/go codec v1.2.6 with the SDK's handle
 * (`codec.MsgpackHandle{WriteExt: true}`, everything else default).
 *
 * Writers emit exactly what ugorji emits; readers accept exactly the markers listed for each kind
 * and throw WireError (codec 'rpc') on anything else.
 *
 * | Go value          | ugorji writes                                                              |
 * |-------------------|----------------------------------------------------------------------------|
 * | nil               | `c0`                                                                       |
 * | signed int        | 0..127 fixint; >127: int16/int32/int64 (never int8); -32..-1 fixint; then int8/16/32/64 |
 * | unsigned int      | 0..127 fixint, then uint8/16/32/64                                         |
 * | float32 / float64 | `ca` + 4 bytes / `cb` + 8 bytes                                            |
 * | string            | fixstr (<32), str8 (<256), str16, str32                                    |
 * | []byte            | nil `c0`; else bin8 (<256, also for empty: `c4 00`), bin16, bin32          |
 * | array / map len   | fix (<16), 16-bit, 32-bit                                                  |
 * | time.Time         | zero: `c0`; else ext -1 of 4, 8 or 12 bytes                                |
 */
import type { ByteReader } from '../wire/reader.js';
import type { ByteWriter } from '../wire/writer.js';
import { WireError } from '../wire/errors.js';
import { GoTime } from './values.js';
import { M } from '../msgpack/markers.js';
import { decodeUtf8, writeStrUtf8 } from '../msgpack/str.js';

/** The marker table is msgpack's (codecs/msgpack/markers.ts); re-exported for the rpc readers. */
export { M };

/** The ext tag ugorji gives time.Time (-1 as a byte). */
export const TIME_EXT_TAG = 0xff;

/** A short name of what a marker byte starts, for error messages. */
export function describeMarker(b: number): string {
  if (b <= 0x7f || b >= 0xe0) return `int (0x${hex(b)})`;
  if (b <= 0x8f) return `map (0x${hex(b)})`;
  if (b <= 0x9f) return `array (0x${hex(b)})`;
  if (b <= 0xbf) return `str (0x${hex(b)})`;
  switch (b) {
    case M.Nil:
      return 'nil (0xc0)';
    case M.Never:
      return 'reserved marker 0xc1';
    case M.False:
    case M.True:
      return `bool (0x${hex(b)})`;
    case M.Float:
    case M.Double:
      return `float (0x${hex(b)})`;
    case M.Uint8:
    case M.Uint16:
    case M.Uint32:
    case M.Uint64:
      return `uint (0x${hex(b)})`;
    case M.Int8:
    case M.Int16:
    case M.Int32:
    case M.Int64:
      return `int (0x${hex(b)})`;
    case M.Bin8:
    case M.Bin16:
    case M.Bin32:
      return `bin (0x${hex(b)})`;
    case M.Str8:
    case M.Str16:
    case M.Str32:
      return `str (0x${hex(b)})`;
    case M.Array16:
    case M.Array32:
      return `array (0x${hex(b)})`;
    case M.Map16:
    case M.Map32:
      return `map (0x${hex(b)})`;
  }
  return `ext (0x${hex(b)})`;
}

const hex = (b: number) => b.toString(16).padStart(2, '0');

// ---------------------------------------------------------------------------------------------
// Writing

export function writeNil(w: ByteWriter): void {
  w.writeByte(M.Nil);
}

export function writeBool(w: ByteWriter, v: boolean): void {
  w.writeByte(v ? M.True : M.False);
}

/** ugorji's EncodeInt for a safe-integer JS number. */
export function writeInt(w: ByteWriter, v: number): void {
  if (v > 127) {
    if (v <= 0x7fff) {
      w.writeByte(M.Int16);
      w.writeUint16BE(v);
    } else if (v <= 0x7fffffff) {
      w.writeByte(M.Int32);
      w.writeUint32BE(v);
    } else {
      w.writeByte(M.Int64);
      writeSafeUint64(w, v);
    }
  } else if (v >= -32) {
    w.writeByte(v & 0xff);
  } else if (v >= -128) {
    w.writeByte(M.Int8);
    w.writeByte(v & 0xff);
  } else if (v >= -0x8000) {
    w.writeByte(M.Int16);
    w.writeUint16BE(v & 0xffff);
  } else if (v >= -0x80000000) {
    w.writeByte(M.Int32);
    w.writeUint32BE(v >>> 0);
  } else {
    w.writeByte(M.Int64);
    // Two's complement of a negative safe integer, as two 32-bit halves.
    const hi = Math.floor(v / 0x100000000);
    w.writeUint32BE(hi >>> 0);
    w.writeUint32BE((v - hi * 0x100000000) >>> 0);
  }
}

/** A non-negative safe integer as 8 big-endian bytes. */
function writeSafeUint64(w: ByteWriter, v: number): void {
  const hi = Math.floor(v / 0x100000000);
  w.writeUint32BE(hi);
  w.writeUint32BE(v - hi * 0x100000000);
}

/** ugorji's EncodeInt for an int64 held as a bigint. */
export function writeInt64(w: ByteWriter, v: bigint): void {
  if (v >= -0x80000000n && v <= 0x7fffffffn) writeInt(w, Number(v));
  else {
    w.writeByte(M.Int64);
    w.writeBigUint64BE(BigInt.asUintN(64, v));
  }
}

/** ugorji's EncodeUint for a non-negative safe-integer JS number. */
export function writeUint(w: ByteWriter, v: number): void {
  if (v <= 127) w.writeByte(v);
  else if (v <= 0xff) {
    w.writeByte(M.Uint8);
    w.writeByte(v);
  } else if (v <= 0xffff) {
    w.writeByte(M.Uint16);
    w.writeUint16BE(v);
  } else if (v <= 0xffffffff) {
    w.writeByte(M.Uint32);
    w.writeUint32BE(v);
  } else {
    w.writeByte(M.Uint64);
    writeSafeUint64(w, v);
  }
}

/** ugorji's EncodeUint for a uint64 held as a bigint. */
export function writeUint64(w: ByteWriter, v: bigint): void {
  if (v <= 0xffffffffn) writeUint(w, Number(v));
  else {
    w.writeByte(M.Uint64);
    w.writeBigUint64BE(v);
  }
}

export function writeFloat32(w: ByteWriter, v: number): void {
  w.writeByte(M.Float);
  w.writeFloat32BE(v);
}

export function writeFloat64(w: ByteWriter, v: number): void {
  w.writeByte(M.Double);
  w.writeFloat64BE(v);
}

export function writeBinLen(w: ByteWriter, n: number): void {
  if (n < 256) {
    w.writeByte(M.Bin8);
    w.writeByte(n);
  } else if (n < 65536) {
    w.writeByte(M.Bin16);
    w.writeUint16BE(n);
  } else {
    w.writeByte(M.Bin32);
    w.writeUint32BE(n);
  }
}

export function writeArrayLen(w: ByteWriter, n: number): void {
  if (n < 16) w.writeByte(0x90 | n);
  else if (n < 65536) {
    w.writeByte(M.Array16);
    w.writeUint16BE(n);
  } else {
    w.writeByte(M.Array32);
    w.writeUint32BE(n);
  }
}

export function writeMapLen(w: ByteWriter, n: number): void {
  if (n < 16) w.writeByte(0x80 | n);
  else if (n < 65536) {
    w.writeByte(M.Map16);
    w.writeUint16BE(n);
  } else {
    w.writeByte(M.Map32);
    w.writeUint32BE(n);
  }
}

export function writeStr(w: ByteWriter, s: string): void {
  if (!writeStrUtf8(w, s, true)) throw new WireError('rpc', w.pos, 'string holds a lone UTF-16 surrogate (not valid UTF-8)');
}

/** A non-nil []byte. */
export function writeBin(w: ByteWriter, b: Uint8Array): void {
  writeBinLen(w, b.length);
  w.writeBytes(b);
}

export function writeExtHeader(w: ByteWriter, tag: number, n: number): void {
  switch (n) {
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
      if (n < 256) {
        w.writeByte(M.Ext8);
        w.writeByte(n);
      } else if (n < 65536) {
        w.writeByte(M.Ext16);
        w.writeUint16BE(n);
      } else {
        w.writeByte(M.Ext32);
        w.writeUint32BE(n);
      }
  }
  w.writeByte(tag);
}

/** ugorji's EncodeTime: nil for the zero time, else ext -1 with 4, 8 or 12 bytes. */
export function writeTime(w: ByteWriter, t: GoTime): void {
  if (t.isZero()) {
    writeNil(w);
    return;
  }
  const { sec, nsec } = t;
  if (sec >= 0n && sec >> 34n === 0n) {
    const data = (BigInt(nsec) << 34n) | sec;
    if (data >> 32n === 0n) {
      writeExtHeader(w, TIME_EXT_TAG, 4);
      w.writeUint32BE(Number(data));
    } else {
      writeExtHeader(w, TIME_EXT_TAG, 8);
      w.writeBigUint64BE(data);
    }
  } else {
    writeExtHeader(w, TIME_EXT_TAG, 12);
    w.writeUint32BE(nsec);
    w.writeBigUint64BE(BigInt.asUintN(64, sec));
  }
}

// ---------------------------------------------------------------------------------------------
// Reading. Each reader takes the marker byte already read (at offset `at`) where that helps the
// caller dispatch once.

export function wrongMarker(r: ByteReader, at: number, b: number, expected: string): never {
  return r.fail(`expected ${expected}, got ${describeMarker(b)}`, at);
}

/** Length of a str whose marker b was just read, or -1 when b is not a str marker. */
export function strLen(r: ByteReader, b: number): number {
  if (b >= 0xa0 && b <= 0xbf) return b & 0x1f;
  if (b === M.Str8) return r.readByte();
  if (b === M.Str16) return r.readUint16BE();
  if (b === M.Str32) return r.readUint32BE();
  return -1;
}

/** Length of a bin whose marker b was just read, or -1. */
export function binLen(r: ByteReader, b: number): number {
  if (b === M.Bin8) return r.readByte();
  if (b === M.Bin16) return r.readUint16BE();
  if (b === M.Bin32) return r.readUint32BE();
  return -1;
}

/** Element count of an array whose marker b was just read, or -1. Checked against the input left. */
export function arrayLen(r: ByteReader, b: number, at: number): number {
  let n: number;
  if (b >= 0x90 && b <= 0x9f) n = b & 0x0f;
  else if (b === M.Array16) n = r.readUint16BE();
  else if (b === M.Array32) n = r.readUint32BE();
  else return -1;
  if (n > r.remaining) r.fail(`array of ${n} elements but only ${r.remaining} bytes left`, at);
  r.budget.addValues(n + 1, r.codec, r.base + at, n);
  return n;
}

/** Pair count of a map whose marker b was just read, or -1. Checked against the input left. */
export function mapLen(r: ByteReader, b: number, at: number): number {
  let n: number;
  if (b >= 0x80 && b <= 0x8f) n = b & 0x0f;
  else if (b === M.Map16) n = r.readUint16BE();
  else if (b === M.Map32) n = r.readUint32BE();
  else return -1;
  if (n * 2 > r.remaining) r.fail(`map of ${n} entries but only ${r.remaining} bytes left`, at);
  r.budget.addValues(2 * n + 1, r.codec, r.base + at, 2 * n);
  return n;
}

/** Data length of an ext whose marker b was just read (the tag byte follows), or -1. */
export function extLen(r: ByteReader, b: number): number {
  switch (b) {
    case M.FixExt1:
      return 1;
    case M.FixExt2:
      return 2;
    case M.FixExt4:
      return 4;
    case M.FixExt8:
      return 8;
    case M.FixExt16:
      return 16;
    case M.Ext8:
      return r.readByte();
    case M.Ext16:
      return r.readUint16BE();
    case M.Ext32:
      return r.readUint32BE();
  }
  return -1;
}

export function readStr(r: ByteReader, what = 'string'): string {
  const at = r.pos;
  const b = r.readByte();
  const n = strLen(r, b);
  if (n < 0) wrongMarker(r, at, b, what);
  return readUtf8Payload(r, n, what);
}

/** n bytes of UTF-8 at the cursor (a str payload whose header was read). */
export function readUtf8Payload(r: ByteReader, n: number, what: string): string {
  r.need(n, what);
  const start = r.pos;
  const s = decodeUtf8(r.buf, start, n);
  if (s === undefined) return r.fail(`invalid UTF-8 in ${what}`, start);
  r.pos = start + n;
  return s;
}

/**
 * An integer of any msgpack integer marker whose value lies in [min, max], as a JS number
 * (for Go kinds up to 32 bits).
 */
export function readSmallInt(r: ByteReader, min: number, max: number, goType: string): number {
  const at = r.pos;
  const b = r.readByte();
  let v: number;
  if (b <= 0x7f) v = b;
  else if (b >= 0xe0) v = b - 256;
  else {
    switch (b) {
      case M.Uint8:
        v = r.readByte();
        break;
      case M.Uint16:
        v = r.readUint16BE();
        break;
      case M.Uint32:
        v = r.readUint32BE();
        break;
      case M.Int8:
        v = (r.readByte() << 24) >> 24;
        break;
      case M.Int16:
        v = (r.readUint16BE() << 16) >> 16;
        break;
      case M.Int32:
        v = r.readUint32BE() | 0;
        break;
      case M.Uint64: {
        const u = r.readBigUint64BE();
        v = u > BigInt(max) ? Infinity : Number(u);
        break;
      }
      case M.Int64: {
        const s = BigInt.asIntN(64, r.readBigUint64BE());
        v = s > BigInt(max) ? Infinity : s < BigInt(min) ? -Infinity : Number(s);
        break;
      }
      default:
        return wrongMarker(r, at, b, goType);
    }
  }
  if (v < min || v > max) r.fail(`value ${v} overflows ${goType}`, at);
  return v;
}

/** An integer of any msgpack integer marker, as a bigint in [min, max] (64-bit Go kinds). */
export function readBigInt(r: ByteReader, min: bigint, max: bigint, goType: string): bigint {
  const at = r.pos;
  const b = r.readByte();
  let v: bigint;
  if (b <= 0x7f) v = BigInt(b);
  else if (b >= 0xe0) v = BigInt(b - 256);
  else {
    switch (b) {
      case M.Uint8:
        v = BigInt(r.readByte());
        break;
      case M.Uint16:
        v = BigInt(r.readUint16BE());
        break;
      case M.Uint32:
        v = BigInt(r.readUint32BE());
        break;
      case M.Uint64:
        v = r.readBigUint64BE();
        break;
      case M.Int8:
        v = BigInt((r.readByte() << 24) >> 24);
        break;
      case M.Int16:
        v = BigInt((r.readUint16BE() << 16) >> 16);
        break;
      case M.Int32:
        v = BigInt(r.readUint32BE() | 0);
        break;
      case M.Int64:
        v = BigInt.asIntN(64, r.readBigUint64BE());
        break;
      default:
        return wrongMarker(r, at, b, goType);
    }
  }
  if (v < min || v > max) r.fail(`value ${v} overflows ${goType}`, at);
  return v;
}

/** The payload of a time ext of data length n (tag already checked), as ugorji's decodeTime. */
export function readTimeData(r: ByteReader, n: number, at: number): GoTime {
  switch (n) {
    case 4:
      return new GoTime(BigInt(r.readUint32BE()), 0);
    case 8: {
      const v = r.readBigUint64BE();
      return normTime(v & 0x3ffffffffn, Number(v >> 34n), r, at);
    }
    case 12: {
      const nsec = r.readUint32BE();
      const sec = BigInt.asIntN(64, r.readBigUint64BE());
      return normTime(sec, nsec, r, at);
    }
  }
  return r.fail(`time ext of ${n} bytes (expected 4, 8 or 12)`, at);
}

/** time.Unix(sec, nsec) normalises nsec outside [0, 1e9) into the seconds. */
function normTime(sec: bigint, nsec: number, r: ByteReader, at: number): GoTime {
  if (nsec >= 1e9) {
    sec += BigInt(Math.floor(nsec / 1e9));
    nsec %= 1e9;
    if (sec > 0x7fffffffffffffffn) r.fail('time seconds overflow int64', at);
  }
  return new GoTime(sec, nsec);
}

/** A typed time.Time: nil (the zero time) or ext -1 of 4, 8 or 12 bytes. */
export function readTime(r: ByteReader): GoTime {
  const at = r.pos;
  const b = r.readByte();
  if (b === M.Nil) return GoTime.ZERO;
  const n = b === M.FixExt4 || b === M.FixExt8 || b === M.Ext8 ? extLen(r, b) : -1;
  if (n < 0) return wrongMarker(r, at, b, 'time.Time (nil or ext -1)');
  const tag = r.readByte();
  if (tag !== TIME_EXT_TAG) r.fail(`expected time ext tag -1, got ext tag ${(tag << 24) >> 24}`, at);
  if (b === M.Ext8 && n !== 12) r.fail(`time ext of ${n} bytes (expected 12)`, at);
  return readTimeData(r, n, at);
}
