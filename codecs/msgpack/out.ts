/**
 * Handing out what an encoder wrote without a fresh ArrayBuffer per message: allocating a backing
 * store costs more than encoding a small message. Two ways, both returning a Uint8Array whose
 * bytes nothing will write again (as private as a copy, but its `.buffer` is a shared slab, as
 * with Node's Buffer pool: use `byteOffset`/`byteLength`, or `slice()` it, to own a buffer):
 *
 * - `takeBytes(w)`: copies what a reused ByteWriter holds into a slab (see Pool for the sizes);
 * - `SlabWriter`: the encoder writes straight into the slab (no copy at all), for codecs whose
 *   messages are small.
 */
import { ByteWriter } from '../wire/writer.js';
import { WireError, type CodecName } from '../wire/errors.js';

const SLAB_SIZE = 64 * 1024;

/**
 * A run of pooled outputs: results are carved from `slab` one after the other. Allocating an
 * ArrayBuffer per result costs far more than copying into one (per buffer, not per byte), so even
 * outputs of tens of KiB share: up to 4 KiB in 64 KiB slabs, up to 128 KiB in 1 MiB slabs (at
 * least 8 results a slab); larger outputs get their own buffer.
 */
class Pool {
  // The first slab is allocated on first use.
  private slab = new Uint8Array(0);
  private pos = 0;
  constructor(private readonly size: number) {}
  copy(src: Uint8Array, n: number): Uint8Array {
    if (this.pos + n > this.slab.length) {
      this.slab = new Uint8Array(this.size);
      this.pos = 0;
    }
    const at = this.pos;
    const slab = this.slab;
    if (n <= 32) for (let i = 0; i < n; i++) slab[at + i] = src[i]!;
    else slab.set(src.subarray(0, n), at);
    // 8-byte aligned starts, as Node's pool keeps them.
    this.pos = (at + n + 7) & ~7;
    return new Uint8Array(slab.buffer, at, n);
  }
}

const small = new Pool(SLAB_SIZE);
const medium = new Pool(1024 * 1024);

/** The bytes w wrote (w.buf[0, w.pos)), as a Uint8Array nothing else will write to. */
export function takeBytes(w: ByteWriter): Uint8Array {
  const n = w.pos;
  if (n <= 4096) return small.copy(w.buf, n);
  if (n <= 128 * 1024) return medium.copy(w.buf, n);
  return w.buf.slice(0, n);
}

/** Room a message should find at its start before the slab is replaced. */
const MIN_FREE = 4096;

/**
 * Encodes messages one after the other into a slab. Offsets in the encoder's WireErrors (of this
 * codec) count from the message's first byte, as with a writer of its own.
 */
export class SlabWriter {
  // Replaced by a slab-sized writer on first use.
  private w = new ByteWriter(8);
  private busy = false;

  constructor(private readonly codec: CodecName) {}

  /** Runs write(w, a, b, c) and returns the bytes it wrote. */
  write<A, B, C>(write: (w: ByteWriter, a: A, b: B, c: C) => void, a: A, b: B, c: C): Uint8Array {
    if (this.busy) {
      // Re-entered (an encoder calling back into this one): a writer of its own.
      const own = new ByteWriter(256);
      write(own, a, b, c);
      return own.finish();
    }
    let w = this.w;
    if (w.buf.length - w.pos < MIN_FREE) w = this.w = new ByteWriter(SLAB_SIZE);
    const start = w.pos;
    this.busy = true;
    try {
      write(w, a, b, c);
    } catch (e) {
      w.pos = start;
      if (start !== 0 && e instanceof WireError && e.codec === this.codec) throw new WireError(e.codec, e.offset - start, e.reason);
      throw e;
    } finally {
      this.busy = false;
    }
    const end = w.pos;
    // The writer grew past the slab size: start the next message in a fresh slab, so small
    // messages do not pin a large buffer.
    if (w.buf.length > SLAB_SIZE) this.w = new ByteWriter(SLAB_SIZE);
    else w.pos = (end + 7) & ~7;
    return new Uint8Array(w.buf.buffer, start, end - start);
  }
}
