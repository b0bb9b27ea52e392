/**
 * The reading side of a gob stream: message framing, type definitions, and the type sequence
 * that precedes every value (decoder.go). Bytes may arrive in pieces: `push` appends them, and
 * a read attempt that runs out of complete messages is rolled back and retried once the message
 * it waits for has arrived (so a value whose interfaces introduce types mid-stream can straddle
 * any number of chunks).
 *
 * Like Go's Decoder, a value is read from the current message; only a type sequence (at the
 * start of a value, or after the name inside an interface) moves on to the next message.
 */
import { MAX_DEPTH, WireError } from '../wire/errors.js';
import { ByteReader } from '../wire/reader.js';
import { budgetFor, type DecodeBudget, type DecodeOptions } from '../wire/limits.js';
import { BytesCache } from './bytes-cache.js';
import { onClearCaches } from './caches.js';
import { FIRST_USER_ID, readWireType, wireTypeEquals, type TypeId, type WireType } from './types.js';
import { readGobInt, readGobUint } from './wire.js';
import type { DepthMark } from './gotype.js';

/** Thrown inside an attempt when a message is not complete yet. */
class NeedMore {
  constructor(readonly until: number) {}
}

/**
 * Type definitions already read, by the bytes of their message (type id included), each with a
 * serial number: the same definition recurs in every nested cty stream, and the serial lets
 * compiled decoders be keyed by definitions without comparing them.
 */
interface InternedType {
  readonly wire: WireType;
  readonly serial: number;
}
const internedTypes = new BytesCache<InternedType>(4096, 4096, 1 << 20);
let nextSerial = 1;
/** Messages up to this long are looked up whole before their definition is parsed. */
const INTERN_WHOLE_MESSAGE_BYTES = 512;
onClearCaches(() => internedTypes.clear());

/** Result of a read attempt. */
export const NEED_MORE = Symbol('need more input');
export const END = Symbol('end of stream');

/** Largest message accepted (Go allows 8 GiB on 64-bit; no Packer payload comes near 1 GiB). */
export const DEFAULT_MAX_MESSAGE = 1 << 30;

export interface StreamOptions {
  maxMessageBytes?: number;
  /** Nesting depth already used by enclosing streams (a nested GobEncode stream continues it). */
  depth?: number;
  /** Absolute offset of this stream's first byte in the outermost input (for error offsets). */
  offset?: number;
  /**
   * Raised to the deepest nesting this stream reaches: a cached nested decode learns how deep its
   * bytes go, so a later hit at another depth can still honour MAX_DEPTH.
   */
  depthMark?: DepthMark;
  /** The decode call's limits (wire/limits.ts); a nested stream shares its caller's budget. */
  limits?: DecodeOptions | DecodeBudget;
}

export class GobStreamReader {
  private data: Uint8Array;
  private len: number;
  /** Whether `data` is the caller's buffer (copy before writing into it). */
  private borrowed: boolean;
  /** Absolute stream offset of data[0]. */
  private base: number;
  /** Index in data where the next top-level value's messages start. */
  private boundary = 0;
  private ended = false;
  private minAvail = 0;
  private broken: WireError | undefined;
  private readonly added: TypeId[] = [];
  private readonly maxMessage: number;
  /** Cursor over the current message (valid during an attempt). */
  r: ByteReader;
  /** Every type definition received, by id. */
  readonly types = new Map<TypeId, WireType>();
  /** The serial of each definition received (equal serials: identical definitions, same id). */
  readonly serials = new Map<TypeId, number>();
  /** Ids of the type definitions in the order they arrived. */
  readonly typeIds: TypeId[] = [];
  /** The definitions of each type sequence (one Encoder sendTypeDescriptor call), in order. */
  readonly typeGroups: TypeId[][] = [];
  private addedGroups = 0;
  depth: number;
  readonly depthMark: DepthMark | undefined;
  /** Called after a rolled-back attempt that had received type definitions. */
  onRollback: (() => void) | undefined;

  /**
   * What this decode may still produce (values, numbers), shared with its nested streams: one
   * budget for a whole buffer; a streaming decoder (fed by push) gets a fresh one per value.
   */
  budget: DecodeBudget;
  private readonly limits: DecodeOptions | DecodeBudget | undefined;
  private readonly streaming: boolean;

  constructor(opts: StreamOptions = {}, whole?: Uint8Array) {
    this.maxMessage = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE;
    this.depth = opts.depth ?? 0;
    this.depthMark = opts.depthMark;
    this.base = opts.offset ?? 0;
    if (whole) {
      this.data = whole;
      this.len = whole.length;
      this.borrowed = true;
      this.ended = true;
    } else {
      this.data = new Uint8Array(1024);
      this.len = 0;
      this.borrowed = false;
    }
    this.limits = opts.limits;
    this.streaming = whole === undefined;
    this.budget = budgetFor(opts.limits, whole ? whole.length : 0);
    this.r = new ByteReader(this.data, 'gob', 0, 0, this.base);
    this.r.budget = this.budget;
  }

  /** Appends bytes as they arrive. */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new WireError('gob', this.base + this.len, 'push after end of input');
    // Drop what completed values consumed, then make room.
    const mustGrow = this.borrowed || this.len + chunk.length > this.data.length;
    if (this.boundary > 0 && (this.boundary >= this.len >>> 1 || mustGrow)) {
      const keep = this.len - this.boundary;
      if (this.borrowed || keep + chunk.length > this.data.length) {
        const next = new Uint8Array(Math.max(1024, (keep + chunk.length) * 2));
        next.set(this.data.subarray(this.boundary, this.len));
        this.data = next;
        this.borrowed = false;
      } else {
        this.data.copyWithin(0, this.boundary, this.len);
      }
      this.base += this.boundary;
      this.minAvail = Math.max(0, this.minAvail - this.boundary);
      this.len = keep;
      this.boundary = 0;
    }
    if (this.borrowed || this.len + chunk.length > this.data.length) {
      const next = new Uint8Array(Math.max(1024, (this.len + chunk.length) * 2));
      next.set(this.data.subarray(0, this.len));
      this.data = next;
      this.borrowed = false;
    }
    this.data.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** Marks the end of input: from now on a missing message is an error, not a wait. */
  end(): void {
    this.ended = true;
  }

  get atEnd(): boolean {
    return this.ended && this.boundary >= this.len;
  }

  /** Absolute offset of the next unread top-level byte. */
  get offset(): number {
    return this.base + this.boundary;
  }

  /**
   * Runs `read` at the current value boundary. Returns its result, NEED_MORE (nothing consumed;
   * call again after more input), or END (clean end of stream). After a WireError the stream is
   * broken and every later attempt throws the same error.
   */
  attempt<T, S>(read: (self: S) => T | typeof END, self: S): T | typeof NEED_MORE | typeof END {
    if (this.broken) throw this.broken;
    if (this.len < this.minAvail && !this.ended) return NEED_MORE;
    if (this.streaming) this.budget = budgetFor(this.limits, this.len - this.boundary);
    const r = this.r;
    r.budget = this.budget;
    if (r.buf === this.data && r.base === this.base) {
      r.pos = this.boundary;
      r.end = this.boundary;
    } else {
      this.r = new ByteReader(this.data, 'gob', this.boundary, this.boundary, this.base);
      this.r.budget = this.budget;
    }
    this.added.length = 0;
    this.addedGroups = 0;
    try {
      const v = read(self);
      if (v !== END && this.r.pos < this.r.end) this.r.fail(`${this.r.end - this.r.pos} bytes left in the message after the value`);
      this.boundary = this.r.end;
      this.minAvail = 0;
      return v;
    } catch (e) {
      if (e instanceof NeedMore) {
        for (const id of this.added) {
          this.types.delete(id);
          this.serials.delete(id);
          this.typeIds.pop();
        }
        this.typeGroups.length -= this.addedGroups;
        if (this.added.length > 0) this.onRollback?.();
        this.minAvail = e.until;
        return NEED_MORE;
      }
      if (e instanceof WireError) this.broken = e;
      throw e;
    }
  }

  fail(reason: string, at: number = this.r.pos): never {
    return this.r.fail(reason, at);
  }

  /** decoder.go recvMessage: moves the cursor to the next message; false at end of input. */
  private recvMessage(): boolean {
    const p = this.r.end;
    const data = this.data;
    const len = this.len;
    if (p >= len) {
      if (this.ended) return false;
      throw new NeedMore(p + 1);
    }
    const b0 = data[p]!;
    let n: number;
    let start: number;
    if (b0 < 0x80) {
      n = b0;
      start = p + 1;
    } else {
      const cnt = 256 - b0;
      if (cnt > 8) this.fail(`bad message length: byte count ${cnt} exceeds 8`, p);
      if (p + 1 + cnt > len) {
        if (this.ended) this.fail('truncated message length', p);
        throw new NeedMore(p + 1 + cnt);
      }
      n = 0;
      for (let i = 1; i <= cnt; i++) n = n * 256 + data[p + i]!;
      start = p + 1 + cnt;
    }
    if (n > this.maxMessage) this.fail(`message length ${n} exceeds the limit of ${this.maxMessage} bytes`, p);
    if (start + n > len) {
      if (this.ended) this.fail(`truncated message: length ${n} but only ${len - start} bytes left in the input`, p);
      throw new NeedMore(start + n);
    }
    this.r.pos = start;
    this.r.end = start + n;
    return true;
  }

  /**
   * decoder.go decodeTypeSequence: reads type definitions until a value's type id; returns it,
   * or -1 at a clean end of stream (only at the top level, before any definition).
   */
  typeSequence(isInterface: boolean): TypeId {
    let first = true;
    let group: TypeId[] | undefined;
    for (;;) {
      if (this.r.pos >= this.r.end) {
        if (!this.recvMessage()) {
          if (!isInterface && first) return -1;
          this.fail(isInterface ? 'end of stream inside an interface value' : 'end of stream after type definitions, before their value');
        }
      }
      const at = this.r.pos;
      const id = readGobInt(this.r, 'type id');
      if (id >= 0) {
        if (group) {
          this.typeGroups.push(group);
          this.addedGroups++;
        }
        return id;
      }
      this.recvType(-id, at);
      (group ??= []).push(-id);
      if (this.r.pos < this.r.end) {
        if (!isInterface) this.fail('extra data in the message after a type definition');
        // Inside an interface: the count of the delimited value that follows; Go skips it too.
        readGobUint(this.r, 'delimited value length');
      }
      first = false;
    }
  }

  private recvType(id: TypeId, at: number): void {
    if (id < FIRST_USER_ID) this.fail(`type definition for predefined id ${id}`, at);
    const r = this.r;
    const buf = r.buf;
    // A definition is interned by its exact bytes (type id included). Most end their message
    // (each is a message of its own), so a short message is looked up whole before parsing; a
    // long one (a definition inside an interface value, followed by the rest of the value) is
    // parsed first and looked up by the definition's bytes only, so lookups never hash a value.
    const end = r.end;
    const whole = end - at <= INTERN_WHOLE_MESSAGE_BYTES;
    let known = whole ? internedTypes.get(buf, at, end) : undefined;
    let wt: WireType;
    if (known !== undefined) {
      wt = known.wire;
      r.pos = end;
    } else {
      wt = readWireType(r);
      const stop = r.pos;
      if (!whole || stop !== end) known = internedTypes.get(buf, at, stop);
      if (known !== undefined) wt = known.wire;
      else {
        known = { wire: wt, serial: nextSerial++ };
        internedTypes.set(buf, known, at, stop);
      }
    }
    const have = this.types.get(id);
    if (have) {
      this.fail(wireTypeEquals(have, wt) ? `duplicate definition of type id ${id}` : `definition of type id ${id} contradicts its earlier definition`, at);
    }
    this.types.set(id, wt);
    this.serials.set(id, known.serial);
    this.typeIds.push(id);
    this.added.push(id);
  }

  enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`value nests deeper than ${MAX_DEPTH} levels`);
    if (this.depthMark !== undefined && this.depth > this.depthMark.max) this.depthMark.max = this.depth;
  }

  leave(): void {
    this.depth--;
  }

  /** The definition of a non-predefined id, or a WireError. */
  wire(id: TypeId, at: number = this.r.pos): WireType {
    const wt = this.types.get(id);
    if (!wt) this.fail(`unknown type id ${id}`, at);
    return wt!;
  }
}
