import { WireError, type CodecName } from './errors.js';
import { DecodeBudget } from './limits.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A cursor over bytes. Every read checks bounds and throws a WireError naming the codec and the
 * offset: there is no way to read past the end or to get a partial value.
 *
 * Offsets reported in errors are absolute offsets into the buffer given to the constructor plus
 * `base` (so a reader over a nested payload can still report where it sits in the outer input).
 */
export class ByteReader {
  pos: number;
  end: number;
  private view: DataView | undefined;
  private callBudget: DecodeBudget | undefined;

  constructor(
    readonly buf: Uint8Array,
    readonly codec: CodecName,
    start = 0,
    end = buf.length,
    readonly base = 0,
    /** Whether byte strings handed out by `bytesOut` are copies (for a buffer that will be reused). */
    readonly copyBytes = false,
  ) {
    this.pos = start;
    this.end = end;
  }

  /**
   * The decode call's budget (limits.ts): set by the top-level decode function and passed on to
   * nested readers; a reader nobody gave one gets the default limits over its own buffer.
   */
  get budget(): DecodeBudget {
    return (this.callBudget ??= new DecodeBudget(undefined, this.buf.length));
  }

  set budget(b: DecodeBudget) {
    this.callBudget = b;
  }

  /** Throws a WireError at the current position (or the given one). */
  fail(reason: string, at: number = this.pos): never {
    throw new WireError(this.codec, this.base + at, reason);
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Ensures n more bytes exist; `what` names the thing being read for the error. */
  need(n: number, what: string): void {
    if (n > this.end - this.pos) {
      this.fail(`truncated ${what}: need ${n} bytes, have ${this.end - this.pos}`);
    }
  }

  readByte(): number {
    if (this.pos >= this.end) this.fail('unexpected end of input');
    return this.buf[this.pos++]!;
  }

  peekByte(): number {
    if (this.pos >= this.end) this.fail('unexpected end of input');
    return this.buf[this.pos]!;
  }

  /** A view (no copy) of the next n bytes. */
  readBytes(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Bytes a decoder hands to its caller: a view of the input, or a copy when `copyBytes`. */
  bytesOut(view: Uint8Array): Uint8Array {
    return this.copyBytes ? view.slice() : view;
  }

  skip(n: number, what = 'bytes'): void {
    this.need(n, what);
    this.pos += n;
  }

  private dv(): DataView {
    return (this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }

  readUint16BE(): number {
    this.need(2, 'uint16');
    const v = (this.buf[this.pos]! << 8) | this.buf[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  readUint32BE(): number {
    this.need(4, 'uint32');
    const v = this.dv().getUint32(this.pos, false);
    this.pos += 4;
    return v;
  }

  readUint32LE(): number {
    this.need(4, 'uint32');
    const v = this.dv().getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  readBigUint64BE(): bigint {
    this.need(8, 'uint64');
    const v = this.dv().getBigUint64(this.pos, false);
    this.pos += 8;
    return v;
  }

  readFloat32BE(): number {
    this.need(4, 'float32');
    const v = this.dv().getFloat32(this.pos, false);
    this.pos += 4;
    return v;
  }

  readFloat64BE(): number {
    this.need(8, 'float64');
    const v = this.dv().getFloat64(this.pos, false);
    this.pos += 8;
    return v;
  }

  /**
   * Reads n bytes as UTF-8. Invalid UTF-8 is a WireError (Go strings may hold any bytes; codecs
   * that must keep such strings use `readBytes` and decide themselves).
   */
  readUtf8(n: number, what = 'string'): string {
    this.need(n, what);
    const start = this.pos;
    this.pos += n;
    if (n === 0) return '';
    // Short strings: decoding by hand beats TextDecoder's per-call overhead (most Go field names,
    // map keys and spec names are short ASCII).
    if (n <= 32) {
      const b = this.buf;
      let out = '';
      let i = start;
      const end = start + n;
      for (; i < end; i++) {
        const c = b[i]!;
        if (c > 0x7f) break;
        out += String.fromCharCode(c);
      }
      if (i === end) return out;
    }
    try {
      return utf8.decode(this.buf.subarray(start, start + n));
    } catch {
      return this.fail(`invalid UTF-8 in ${what}`, start);
    }
  }

  /**
   * Protobuf-style base-128 varint (LEB128, little-endian groups), at most 10 bytes, as a JS
   * number. Values above 2^53 are refused here; use readVarint64 for full 64-bit fields.
   */
  readVarint(what = 'varint'): number {
    const b = this.buf;
    let p = this.pos;
    const end = this.end;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      if (p >= end) this.fail(`truncated ${what}`);
      const byte = b[p++]!;
      result += (byte & 0x7f) * mul;
      if (byte < 0x80) {
        this.pos = p;
        return result;
      }
      mul *= 128;
    }
    // Fall back for 9- and 10-byte varints.
    const v = this.readVarint64At(what);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`${what} ${v} exceeds 2^53`);
    return Number(v);
  }

  /** LEB128 varint as an unsigned 64-bit bigint. */
  readVarint64(what = 'varint'): bigint {
    return this.readVarint64At(what);
  }

  private readVarint64At(what: string): bigint {
    const b = this.buf;
    const start = this.pos;
    let p = start;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (p >= this.end) this.fail(`truncated ${what}`, start);
      const byte = b[p++]!;
      if (i === 9 && byte > 1) this.fail(`${what} overflows 64 bits`, start);
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) {
        this.pos = p;
        return result;
      }
      shift += 7n;
    }
    return this.fail(`${what} longer than 10 bytes`, start);
  }
}
