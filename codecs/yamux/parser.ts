/**
 * A streaming yamux frame reader: feed it the bytes of one direction in pieces cut anywhere, and
 * it hands out whole frames in order. Memory stays bounded: a Data payload is only buffered when
 * its length is within the limit the sink allows (the receive window of its stream), else the
 * frame is a WireError, or, when the sink asks for it, the payload is skipped without buffering
 * (yamux drains data for streams it no longer knows).
 */
import { WireError } from '../wire/index.js';
import { FrameType, HEADER_SIZE, INITIAL_STREAM_WINDOW, decodeHeader, type FrameHeader } from './frame.js';

export interface Frame extends FrameHeader {
  /** Offset of the frame's first header byte in this direction's byte stream. */
  offset: number;
  /**
   * Data frames: the payload (a view into the fed bytes when it arrived in one piece: copy it
   * to keep it past the next `push`). Null when the payload was skipped; empty when length is 0.
   * Other frame types: null.
   */
  data: Uint8Array | null;
}

/** How many payload bytes a Data frame may carry, or 'discard' to skip its payload. */
export type DataLimit = (h: FrameHeader, offset: number) => number | 'discard';

const DEFAULT_LIMIT: DataLimit = () => INITIAL_STREAM_WINDOW;

export class FrameParser {
  /** Bytes consumed so far (the offset of the next byte fed). */
  offset = 0;
  private readonly hdr = new Uint8Array(HEADER_SIZE);
  private hdrFill = 0;
  private header: FrameHeader | null = null;
  private frameOffset = 0;
  private payload: Uint8Array | null = null;
  private payloadFill = 0;
  private skipping = false;
  private failed: WireError | null = null;

  constructor(
    private readonly onFrame: (f: Frame) => void,
    private readonly dataLimit: DataLimit = DEFAULT_LIMIT,
  ) {}

  /** True when the bytes fed so far end exactly at a frame boundary. */
  get atBoundary(): boolean {
    return this.hdrFill === 0 && this.header === null;
  }

  /** Feeds the next bytes. Throws WireError on a bad frame; the parser then refuses more input. */
  push(chunk: Uint8Array): void {
    if (this.failed) throw this.failed;
    try {
      this.consume(chunk);
    } catch (e) {
      if (e instanceof WireError) this.failed = e;
      throw e;
    }
  }

  /** Declares the end of input: a partial frame is a WireError. */
  end(): void {
    if (this.failed) throw this.failed;
    if (!this.atBoundary) {
      const what = this.header ? `payload of a ${this.header.length}-byte Data frame` : 'frame header';
      this.failed = new WireError('yamux', this.offset, `input ends inside a ${what} that starts at byte ${this.frameOffset}`);
      throw this.failed;
    }
  }

  private consume(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.header === null) {
        // Fast path: a whole header in the chunk.
        if (this.hdrFill === 0 && n - i >= HEADER_SIZE) {
          this.frameOffset = this.offset;
          const h = decodeHeader(chunk, i, this.offset - i);
          i += HEADER_SIZE;
          this.offset += HEADER_SIZE;
          i = this.startFrame(h, chunk, i);
          continue;
        }
        if (this.hdrFill === 0) this.frameOffset = this.offset;
        const take = Math.min(HEADER_SIZE - this.hdrFill, n - i);
        this.hdr.set(chunk.subarray(i, i + take), this.hdrFill);
        this.hdrFill += take;
        i += take;
        this.offset += take;
        if (this.hdrFill < HEADER_SIZE) return;
        this.hdrFill = 0;
        const h = decodeHeader(this.hdr, 0, this.frameOffset);
        i = this.startFrame(h, chunk, i);
        continue;
      }
      // Inside a Data payload.
      const h = this.header;
      const need = h.length - this.payloadFill;
      const take = Math.min(need, n - i);
      if (!this.skipping) this.payload!.set(chunk.subarray(i, i + take), this.payloadFill);
      this.payloadFill += take;
      i += take;
      this.offset += take;
      if (this.payloadFill === h.length) {
        const data = this.skipping ? null : this.payload;
        this.header = null;
        this.payload = null;
        this.skipping = false;
        this.emit(h, data);
      }
    }
  }

  /** A header was read; `i` is where its payload (if any) starts in `chunk`. Returns the new i. */
  private startFrame(h: FrameHeader, chunk: Uint8Array, i: number): number {
    if (h.type !== FrameType.Data || h.length === 0) {
      this.emit(h, h.type === FrameType.Data ? chunk.subarray(i, i) : null);
      return i;
    }
    const limit = this.dataLimit(h, this.frameOffset);
    if (limit !== 'discard' && h.length > limit) {
      throw new WireError('yamux', this.frameOffset + 8, `Data frame of ${h.length} bytes on stream ${h.streamId} exceeds the receive window (${limit} bytes)`);
    }
    if (limit !== 'discard' && chunk.length - i >= h.length) {
      // Whole payload present: hand out a view, no copy.
      const data = chunk.subarray(i, i + h.length);
      this.offset += h.length;
      this.emit(h, data);
      return i + h.length;
    }
    this.header = h;
    this.payloadFill = 0;
    this.skipping = limit === 'discard';
    this.payload = this.skipping ? null : new Uint8Array(h.length);
    return i;
  }

  private emit(h: FrameHeader, data: Uint8Array | null): void {
    this.onFrame({ ...h, offset: this.frameOffset, data });
  }
}
