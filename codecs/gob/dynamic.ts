/**
 * The dynamic model: any gob stream decoded from its wire types alone, keeping everything needed
 * to write the same bytes again (type definitions with their ids and names, which struct fields
 * were on the wire, interface names and concrete type ids, the exact bits of floats, strings
 * that are not valid UTF-8, GobEncoder bytes).
 *
 * Type ids live in the stream's type table; a node carries an id only where the wire names one
 * (interface values). Map entries keep their wire order.
 */
import { WireError } from '../wire/errors.js';
import { GobStreamReader, END, NEED_MORE, type StreamOptions } from './stream.js';
import { T_BOOL, T_BYTES, T_COMPLEX, T_FLOAT, T_INT, T_INTERFACE, T_STRING, T_UINT, nextField, type TypeId, type WireType } from './types.js';
import { readGobBytes, readGobFloatBits, readGobInt64, readGobLength, readGobUint, readGobUint64, utf8OrUndefined } from './wire.js';

export type GobValue =
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'uint'; readonly value: bigint }
  /** IEEE-754 float64 bits (floats travel as float64). */
  | { readonly kind: 'float'; readonly bits: bigint }
  | { readonly kind: 'complex'; readonly re: bigint; readonly im: bigint }
  /** A Go string: a JS string when valid UTF-8, else its bytes. */
  | { readonly kind: 'string'; readonly value: string | Uint8Array }
  | { readonly kind: 'bytes'; readonly value: Uint8Array }
  | { readonly kind: 'array'; readonly elems: readonly GobValue[] }
  | { readonly kind: 'slice'; readonly elems: readonly GobValue[] }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [GobValue, GobValue])[] }
  /** Exactly the fields that were on the wire, by field number, ascending. */
  | { readonly kind: 'struct'; readonly fields: readonly GobField[] }
  | { readonly kind: 'interface'; readonly concrete: GobConcrete | null }
  /** GobEncoder / BinaryMarshaler / TextMarshaler bytes. */
  | { readonly kind: 'encoded'; readonly bytes: Uint8Array };

export interface GobField {
  readonly index: number;
  readonly value: GobValue;
}

export interface GobConcrete {
  /** The registered name. */
  readonly name: string;
  /** The concrete value's type id on this stream. */
  readonly type: TypeId;
  readonly value: GobValue;
}

export interface GobTopValue {
  readonly type: TypeId;
  readonly value: GobValue;
}

/** A whole decoded stream. */
export interface GobStream {
  /** Every type definition on the stream, by id. */
  readonly types: ReadonlyMap<TypeId, WireType>;
  /** Ids of the definitions in stream order. */
  readonly typeIds: readonly TypeId[];
  /**
   * The definitions sent together before each value or interface value (one group per Go
   * sendTypeDescriptor call). Re-encoding replays a group when its first type is needed, which
   * keeps definitions Go sends beyond the wire type graph (the exported field types of a
   * self-marshalling struct, such as url.URL's Userinfo). Optional: without it the encoder
   * derives the definitions from the type graph alone.
   */
  readonly typeGroups?: readonly (readonly TypeId[])[];
  readonly values: readonly GobTopValue[];
}

const ENCODED_WHAT = { gob: 'gob encoded value', binary: 'binary encoded value', text: 'text encoded value' } as const;

/** Whether a value of type `id` may read on into later messages (contains an interface). */
function mayReload(s: GobStreamReader, id: TypeId, memo: Map<TypeId, boolean>): boolean {
  if (id === T_INTERFACE) return true;
  if (id < 64) return false;
  const m = memo.get(id);
  if (m !== undefined) return m;
  // Is an interface reachable from id? (Breadth-first over the type graph; cycles are fine.)
  const seen = new Set<TypeId>([id]);
  const queue: TypeId[] = [id];
  let complete = true;
  let found = false;
  while (queue.length > 0 && !found) {
    const wt = s.types.get(queue.pop()!);
    if (!wt) {
      complete = false;
      continue;
    }
    const kids =
      wt.kind === 'array' || wt.kind === 'slice' ? [wt.elem] : wt.kind === 'map' ? [wt.key, wt.elem] : wt.kind === 'struct' ? wt.fields.map((f) => f.id) : [];
    for (const k of kids) {
      if (k === T_INTERFACE) found = true;
      else if (k >= 64 && !seen.has(k)) {
        seen.add(k);
        queue.push(k);
      }
    }
  }
  if (found || complete) memo.set(id, found);
  return found || !complete;
}

/**
 * An array for n elements of type `elem`: sized up front when the elements are of a predefined
 * non-interface type (nothing inside them can claim another array) and n was checked against the
 * bytes left (each takes at least one), so what is allocated never exceeds the input; else grown
 * as elements arrive.
 */
export function presized<T>(n: number, elem: TypeId, left: number): T[] {
  return elem >= T_BOOL && elem < T_INTERFACE && n <= left ? new Array<T>(n) : [];
}

/** One top-level value of a DynamicReader's stream, or END. */
function readTop(d: DynamicReader): GobTopValue | typeof END {
  const id = d.s.typeSequence(false);
  if (id < 0) return END;
  return { type: id, value: d.top(id) };
}

/** Reads dynamic values from a stream. */
export class DynamicReader {
  private readonly reloadMemo = new Map<TypeId, boolean>();
  private readonly whats = new Map<WireType, string>();
  constructor(readonly s: GobStreamReader) {
    s.onRollback = () => this.reset();
  }

  /** Forgets what was derived from type definitions (after a rolled-back read). */
  reset(): void {
    this.reloadMemo.clear();
  }

  /** One top-level value, NEED_MORE, or END. */
  next(): GobTopValue | typeof NEED_MORE | typeof END {
    return this.s.attempt(readTop, this);
  }

  /** A value as Decoder.decodeValue reads it: a struct directly, anything else as a singleton. */
  top(id: TypeId): GobValue {
    const s = this.s;
    if (!(id >= 64 && s.wire(id).kind === 'struct')) {
      const at = s.r.pos;
      const d = readGobUint(s.r, 'singleton delta');
      if (d !== 0) s.fail(`non-zero delta ${d} before a non-struct value`, at);
    }
    return this.value(id);
  }

  value(id: TypeId): GobValue {
    if (id === T_INT) return { kind: 'int', value: readGobInt64(this.s.r, 'int') };
    if (id >= T_BOOL && id <= T_INTERFACE) return this.basic(id);
    return this.composite(id);
  }

  private basic(id: TypeId): GobValue {
    const s = this.s;
    const r = s.r;
    switch (id) {
      case T_BOOL: {
        const at = r.pos;
        const u = readGobUint(r, 'bool');
        if (u > 1) s.fail(`bool value ${u} is neither 0 nor 1`, at);
        return { kind: 'bool', value: u === 1 };
      }
      case T_UINT:
        return { kind: 'uint', value: readGobUint64(r, 'uint') };
      case T_FLOAT:
        return { kind: 'float', bits: readGobFloatBits(r) };
      case T_COMPLEX: {
        const re = readGobFloatBits(r, 'complex real part');
        return { kind: 'complex', re, im: readGobFloatBits(r, 'complex imaginary part') };
      }
      case T_BYTES:
        return { kind: 'bytes', value: readGobBytes(r, '[]byte').slice() };
      case T_STRING: {
        const n = readGobLength(r, 'string');
        const start = r.pos;
        r.pos += n;
        return { kind: 'string', value: utf8OrUndefined(r.buf, start, start + n) ?? r.buf.slice(start, start + n) };
      }
      case T_INTERFACE:
        return this.iface();
      default:
        return { kind: 'int', value: readGobInt64(r, 'int') };
    }
  }

  private composite(id: TypeId): GobValue {
    const s = this.s;
    const r = s.r;
    if (id < 64) s.fail(`type id ${id} is not a value type`);
    const wt = s.wire(id);
    switch (wt.kind) {
      case 'gob':
      case 'binary':
      case 'text':
        return { kind: 'encoded', bytes: readGobBytes(r, ENCODED_WHAT[wt.kind]).slice() };
      case 'array':
      case 'slice': {
        const at = r.pos;
        const n = readGobUint(r, wt.kind === 'array' ? 'array length' : 'slice length');
        if (wt.kind === 'array' && n !== wt.len) s.fail(`array length ${n}, but its type says ${wt.len}`, at);
        this.checkCount(n, wt.elem, at, 'element');
        s.enter();
        const e = wt.elem;
        const elems: GobValue[] = presized(n, e, r.end - r.pos);
        for (let i = 0; i < n; i++) {
          if (r.pos >= r.end) s.fail(`${wt.kind} of ${n} elements runs past the end of the message`);
          elems[i] = e === T_INT ? { kind: 'int', value: readGobInt64(r, 'int') } : this.value(e);
        }
        s.leave();
        return { kind: wt.kind, elems };
      }
      case 'map': {
        const at = r.pos;
        const n = readGobUint(r, 'map length');
        this.checkCount(n * 2, wt.key, at, 'map entry', wt.elem);
        s.enter();
        const entries: [GobValue, GobValue][] = [];
        for (let i = 0; i < n; i++) {
          if (r.pos >= r.end) s.fail(`map of ${n} entries runs past the end of the message`);
          const k = this.value(wt.key);
          entries.push([k, this.value(wt.elem)]);
        }
        s.leave();
        return { kind: 'map', entries };
      }
      case 'struct': {
        s.enter();
        const fields: GobField[] = [];
        const count = wt.fields.length;
        const what = this.structWhat(wt, id);
        for (let f = nextField(r, count, -1, what); f >= 0; f = nextField(r, count, f, what)) {
          fields.push({ index: f, value: this.value(wt.fields[f]!.id) });
        }
        s.leave();
        return { kind: 'struct', fields };
      }
    }
  }

  /** The name of a struct type in errors, made once per definition. */
  private structWhat(wt: WireType, id: TypeId): string {
    let what = this.whats.get(wt);
    if (what === undefined) this.whats.set(wt, (what = `struct ${wt.name || `type ${id}`}`));
    return what;
  }

  /**
   * Element counts must be possible: at least one byte each in this message, unless the elements
   * may continue in later messages; and each counts against the decode call's value budget.
   */
  checkCount(n: number, elem: TypeId, at: number, what: string, elem2?: TypeId): void {
    const s = this.s;
    // Every element is a value of the decode (an empty struct costs no byte but is an object).
    // Elements that may continue in later messages are counted as far as this one reaches.
    if (n <= s.r.remaining) return s.r.budget.addValues(n + 1, 'gob', s.r.base + at, n);
    if (mayReload(s, elem, this.reloadMemo) || (elem2 !== undefined && mayReload(s, elem2, this.reloadMemo)))
      return s.r.budget.addValues(s.r.remaining + 1, 'gob', s.r.base + at, s.r.remaining);
    s.fail(`${what} count ${n} exceeds the ${s.r.remaining} bytes left in the message`, at);
  }

  private iface(): GobValue {
    const s = this.s;
    const r = s.r;
    const at = r.pos;
    const n = readGobLength(r, 'interface type name');
    if (n === 0) return { kind: 'interface', concrete: null };
    const start = r.pos;
    r.pos += n;
    if (n > 1024) s.fail(`interface type name too long (${n} bytes)`, at);
    const name = utf8OrUndefined(r.buf, start, start + n);
    if (name === undefined) return s.fail('interface type name is not valid UTF-8', at);
    s.enter();
    const idAt = r.pos;
    const id = s.typeSequence(true);
    if (id === T_INTERFACE) s.fail('interface value whose concrete type is an interface', idAt);
    const cAt = r.pos;
    const count = readGobUint(r, 'interface value length');
    if (count > r.remaining) s.fail(`interface value length ${count} exceeds the ${r.remaining} bytes left in the message`, cAt);
    const value = this.top(id);
    s.leave();
    return { kind: 'interface', concrete: { name, type: id, value } };
  }
}

/** Decodes a whole stream (all its top-level values) into the dynamic model. */
export function decodeGobStream(bytes: Uint8Array, opts: StreamOptions = {}): GobStream {
  const s = new GobStreamReader(opts, bytes);
  const d = new DynamicReader(s);
  const values: GobTopValue[] = [];
  for (;;) {
    const v = d.next();
    if (v === END) break;
    if (v === NEED_MORE) throw new WireError('gob', s.offset, 'truncated stream');
    values.push(v);
  }
  return { types: new Map(s.types), typeIds: [...s.typeIds], typeGroups: s.typeGroups.map((g) => [...g]), values };
}
