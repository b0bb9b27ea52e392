/**
 * RpcFrameReader: whole net/rpc messages (header + body) out of bytes that arrive in arbitrary
 * chunks, e.g. from one yamux stream.
 *
 *   const rd = new RpcFrameReader();
 *   rd.push(chunk);
 *   for (let m; (m = rd.next()); ) handle(m);
 *
 * The reader walks markers (scan.ts) to find where each message ends, waiting for more bytes when
 * a value is cut off, and only then decodes it. Bytes that can never be valid (reserved marker,
 * nesting past MAX_DEPTH, a length past `maxMessageBytes`, a wrong type for the body) throw a
 * WireError whose offset counts from the first byte ever pushed; after that the reader stays
 * failed.
 */
import { budgetFor, type DecodeBudget, type DecodeOptions } from '../wire/limits.js';
import { ByteReader } from '../wire/reader.js';
import { WireError } from '../wire/errors.js';
import { ValueScanner } from './scan.js';
import { readMessage, type Direction, type RpcMessage } from './frame.js';

export interface RpcFrameReaderOptions {
  /** Expect only this direction (default: told by each header's shape). */
  direction?: Direction;
  /** Largest message accepted, in bytes (default 64 MiB). */
  maxMessageBytes?: number;
  /**
   * Decode limits (wire/limits.ts): options give each message a budget of its own; a
   * DecodeBudget is shared by every message (one decode call over many messages).
   */
  limits?: DecodeOptions | DecodeBudget;
}

/** The reader's buffer to start with, and the most it keeps while no message is partly buffered. */
const INITIAL_BUFFER_BYTES = 4096;
const IDLE_BUFFER_BYTES = 64 * 1024;

export class RpcFrameReader {
  private buf: Uint8Array;
  /** Unconsumed bytes are buf[start, end). */
  private start = 0;
  private end = 0;
  /** Stream offset of buf[0]. */
  private base = 0;
  private scanning = false;
  private readonly scanner: ValueScanner;
  private failure: WireError | undefined;
  private readonly direction: Direction | undefined;

  private readonly limits: DecodeOptions | DecodeBudget | undefined;

  constructor(opts: RpcFrameReaderOptions = {}) {
    this.direction = opts.direction;
    this.limits = opts.limits;
    this.scanner = new ValueScanner(opts.maxMessageBytes ?? 64 * 1024 * 1024);
    this.buf = new Uint8Array(INITIAL_BUFFER_BYTES);
  }

  /** Bytes received but not yet returned as messages. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Bytes the reader holds for its buffer (what it keeps alive between messages). */
  get capacity(): number {
    return this.buf.length;
  }

  /** Stream offset of the next unconsumed byte. */
  get offset(): number {
    return this.base + this.start;
  }

  /** Appends bytes (copied; the caller may reuse `chunk`). */
  push(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    if (chunk.length === 0) return;
    if (this.end + chunk.length > this.buf.length) this.makeRoom(chunk.length);
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }

  private makeRoom(n: number): void {
    const live = this.end - this.start;
    // Move live bytes to the front; grow when that is not enough.
    let size = this.buf.length;
    while (live + n > size) size *= 2;
    const dst = size === this.buf.length ? this.buf : new Uint8Array(size);
    if (dst === this.buf) this.buf.copyWithin(0, this.start, this.end);
    else dst.set(this.buf.subarray(this.start, this.end), 0);
    if (this.scanning) this.scanner.shift(-this.start);
    this.base += this.start;
    this.buf = dst;
    this.start = 0;
    this.end = live;
  }

  /** The next whole message, or undefined until more bytes arrive. */
  next(): RpcMessage | undefined {
    if (this.failure) throw this.failure;
    if (this.start === this.end) return undefined;
    try {
      if (!this.scanning) {
        this.scanner.start(this.start, 2); // header, body
        this.scanning = true;
      }
      const stop = this.scanner.scan(this.buf, this.end, this.start, this.base);
      if (stop < 0) return undefined;
      this.scanning = false;
      const r = new ByteReader(this.buf, 'rpc', this.start, stop, this.base, true);
      r.budget = budgetFor(this.limits, stop - this.start);
      // The buffer is reused for later bytes, so []byte values get copies.
      const msg = readMessage(r, this.direction, { copyBytes: true });
      if (!r.atEnd()) r.fail('message decoded shorter than its scanned length');
      this.start = stop;
      if (this.start === this.end) {
        this.base += this.start;
        this.start = this.end = 0;
        // A large message grew the buffer; an idle reader does not keep that memory.
        if (this.buf.length > IDLE_BUFFER_BYTES) this.buf = new Uint8Array(INITIAL_BUFFER_BYTES);
      }
      return msg;
    } catch (e) {
      // Only bad bytes are WireErrors; anything else is a bug and travels as it is.
      if (!(e instanceof WireError)) throw e;
      this.failure = e;
      throw e;
    }
  }

  /** Every whole message now buffered. */
  *messages(): Generator<RpcMessage> {
    for (let m = this.next(); m; m = this.next()) yield m;
  }

  /** Declares the end of the stream: a partial message left over is a WireError. */
  finish(): void {
    if (this.failure) throw this.failure;
    if (this.start !== this.end) {
      this.failure = new WireError('rpc', this.base + this.end, `stream ended inside a message (${this.end - this.start} bytes of it received)`);
      throw this.failure;
    }
  }
}
