/**
 * Finds where msgpack values end without decoding them, resumably: msgpack has no length prefix,
 * so a stream reader must walk the markers to find a message boundary, and must be able to stop
 * at the end of the bytes it has and continue when more arrive (without rescanning from the
 * start). The walk keeps an explicit stack of "items still to skip" per open container, so deep
 * nesting costs no JS stack.
 */
import { WireError, MAX_DEPTH } from '../wire/errors.js';
import { M, describeMarker } from './ugorji.js';

export class ValueScanner {
  /** Index in the buffer of the next marker to read. */
  pos = 0;
  /** Items still to skip, per open level; the bottom entry counts top-level values. */
  private stack: number[] = [];

  constructor(
    /** Largest message accepted (declared lengths beyond it fail at once instead of waiting). */
    readonly maxBytes: number,
  ) {}

  /** Starts scanning `count` consecutive values at `pos`. */
  start(pos: number, count: number): void {
    this.pos = pos;
    this.stack.length = 0;
    this.stack.push(count);
  }

  /** Moves the scanner when the buffer's contents move by `delta` (compaction). */
  shift(delta: number): void {
    this.pos += delta;
  }

  /**
   * Walks buf[pos, end). Returns the index just past the last value when all values are complete,
   * or -1 when more bytes are needed. `msgStart` is where the current message began (for the size
   * limit) and `base` is the stream offset of buf[0] (for errors).
   */
  scan(buf: Uint8Array, end: number, msgStart: number, base: number): number {
    const st = this.stack;
    let pos = this.pos;
    const fail = (at: number, reason: string): never => {
      this.pos = pos;
      throw new WireError('rpc', base + at, reason);
    };
    while (st.length > 0) {
      const top = st.length - 1;
      if (st[top] === 0) {
        st.pop();
        continue;
      }
      if (pos >= end) break;
      const b = buf[pos]!;
      let hdr = 1; // marker plus length/tag bytes
      let skip = 0; // payload bytes
      let children = 0; // values nested inside
      if (b <= 0x7f || b >= 0xe0) {
        // fixint
      } else if (b <= 0x8f) children = (b & 0x0f) * 2;
      else if (b <= 0x9f) children = b & 0x0f;
      else if (b <= 0xbf) skip = b & 0x1f;
      else {
        switch (b) {
          case M.Nil:
          case M.False:
          case M.True:
            break;
          case M.Never:
            return fail(pos, 'reserved marker 0xc1');
          case M.Bin8:
          case M.Str8:
            hdr = 2;
            break;
          case M.Bin16:
          case M.Str16:
          case M.Array16:
          case M.Map16:
            hdr = 3;
            break;
          case M.Bin32:
          case M.Str32:
          case M.Array32:
          case M.Map32:
            hdr = 5;
            break;
          case M.Ext8:
            hdr = 3;
            break;
          case M.Ext16:
            hdr = 4;
            break;
          case M.Ext32:
            hdr = 6;
            break;
          case M.Uint8:
          case M.Int8:
            skip = 1;
            break;
          case M.Uint16:
          case M.Int16:
            skip = 2;
            break;
          case M.Float:
          case M.Uint32:
          case M.Int32:
            skip = 4;
            break;
          case M.Double:
          case M.Uint64:
          case M.Int64:
            skip = 8;
            break;
          case M.FixExt1:
            hdr = 2;
            skip = 1;
            break;
          case M.FixExt2:
            hdr = 2;
            skip = 2;
            break;
          case M.FixExt4:
            hdr = 2;
            skip = 4;
            break;
          case M.FixExt8:
            hdr = 2;
            skip = 8;
            break;
          case M.FixExt16:
            hdr = 2;
            skip = 16;
            break;
        }
        if (hdr > 1 && pos + hdr > end) break;
        let len = 0;
        switch (hdr) {
          case 2:
            if (b === M.Bin8 || b === M.Str8) len = buf[pos + 1]!;
            break;
          case 3:
            len = (buf[pos + 1]! << 8) | buf[pos + 2]!;
            break;
          case 4: // ext16: length then tag
            len = (buf[pos + 1]! << 8) | buf[pos + 2]!;
            break;
          case 5:
          case 6: // ext32: length then tag
            len = ((buf[pos + 1]! << 24) >>> 0) + ((buf[pos + 2]! << 16) | (buf[pos + 3]! << 8) | buf[pos + 4]!);
            break;
        }
        if (b === M.Ext8) len = buf[pos + 1]!;
        if (b === M.Array16 || b === M.Array32) children = len;
        else if (b === M.Map16 || b === M.Map32) children = len * 2;
        else if (len > 0) skip = len;
      }
      const used = pos + hdr + skip - msgStart;
      if (used > this.maxBytes) return fail(pos, `${describeMarker(b)} of ${skip} bytes takes the message past the ${this.maxBytes}-byte limit`);
      if (children > this.maxBytes) return fail(pos, `${describeMarker(b)} declares ${children} items, more than the ${this.maxBytes}-byte limit allows`);
      if (pos + hdr + skip > end) break;
      pos += hdr + skip;
      st[top]!--;
      if (children > 0) {
        if (st.length > MAX_DEPTH) return fail(pos - hdr - skip, `nesting deeper than ${MAX_DEPTH}`);
        st.push(children);
      }
    }
    this.pos = pos;
    return st.length === 0 ? pos : -1;
  }
}
