const utf8 = new TextEncoder();

/**
 * A growable byte buffer. Writers are meant to be reused: `reset()` keeps the allocation, and
 * `finish()` returns a copy of exactly the bytes written (or `view()` a view, valid until the
 * next write).
 */
export class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  private view: DataView;

  constructor(initialSize = 256) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  reset(): this {
    this.pos = 0;
    return this;
  }

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Copy of the written bytes. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** View of the written bytes; invalidated by the next write. */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  writeByte(b: number): void {
    if (this.pos >= this.buf.length) this.ensure(1);
    this.buf[this.pos++] = b;
  }

  writeBytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  writeUint16BE(v: number): void {
    this.ensure(2);
    this.buf[this.pos++] = v >>> 8;
    this.buf[this.pos++] = v & 0xff;
  }

  writeUint32BE(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v, false);
    this.pos += 4;
  }

  writeUint32LE(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
  }

  writeBigUint64BE(v: bigint): void {
    this.ensure(8);
    this.view.setBigUint64(this.pos, v, false);
    this.pos += 8;
  }

  writeFloat32BE(v: number): void {
    this.ensure(4);
    this.view.setFloat32(this.pos, v, false);
    this.pos += 4;
  }

  writeFloat64BE(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, false);
    this.pos += 8;
  }

  /** Writes s as UTF-8 and returns the byte count. */
  writeUtf8(s: string): number {
    // Worst case 3 bytes per UTF-16 unit.
    this.ensure(s.length * 3);
    const start = this.pos;
    // ASCII fast path.
    const n = s.length;
    let i = 0;
    const b = this.buf;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      b[start + i] = c;
    }
    if (i === n) {
      this.pos += n;
      return n;
    }
    const r = utf8.encodeInto(s.slice(i), b.subarray(start + i));
    this.pos = start + i + r.written;
    return this.pos - start;
  }

  /** Protobuf-style LEB128 varint of a non-negative safe integer. */
  writeVarint(v: number): void {
    this.ensure(10);
    const b = this.buf;
    while (v > 0x7f) {
      b[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    b[this.pos++] = v;
  }

  writeVarint64(v: bigint): void {
    this.ensure(10);
    const b = this.buf;
    v = BigInt.asUintN(64, v);
    while (v > 0x7fn) {
      b[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    b[this.pos++] = Number(v);
  }
}

/** Byte length of s in UTF-8 without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
