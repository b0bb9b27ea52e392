/**
 * The fast path of `decodeSpecProto`: protobuf `Spec` bytes laid out as Go's `proto.Marshal`
 * writes them -> the Spec model in one pass, with no intermediate messages.
 *
 * Go's layout: every message holds its fields once each, in field-number order, with no unknown
 * fields; proto3 leaves out an empty name and a false `required`; a map entry holds its key and
 * then its value. Within that layout a message reads exactly as the general reader
 * (spec-reader.ts) followed by FromProto (codecs/hclspec/from-proto.ts) reads it, so the model is
 * the same. Anything else (a field repeated, out of order or unknown, a map key repeated, a
 * length of more than 4 varint bytes, a message FromProto refuses, invalid UTF-8, nesting past
 * FAST_MAX_DEPTH, a decode limit reached) is not judged here: `readSpecFast` returns undefined
 * and the caller reads the bytes again the general way, which alone accepts the other layouts
 * and reports every error (with its offset and Go's wording).
 *
 * Work done once per payload, nothing cached across calls: a name that repeats the map key just
 * read (an AttrSpec's name is its key) is compared byte for byte and shares the key's string, the
 * three primitive type names are matched as bytes and never become strings.
 */
import { T, type CtyType } from '../cty/types.js';
import { decodeUtf8 } from '../msgpack/str.js';
import type { ObjectSpec, Spec } from '../hclspec/model.js';
import { RETAINED_BYTES, type DecodeBudget } from '../wire/limits.js';

/** Deeper specs take the general path (real ConfigSpecs nest a few levels). */
const FAST_MAX_DEPTH = 64;

/** The CtyPrimitive message bodies Go writes (field 1: typeString) and the type each names. */
const PRIMITIVES: readonly (readonly [Uint8Array, CtyType])[] = [
  [primitiveBody('cty.String'), T.String],
  [primitiveBody('cty.Number'), T.Number],
  [primitiveBody('cty.Bool'), T.Bool],
];

function primitiveBody(typeString: string): Uint8Array {
  const b = new Uint8Array(2 + typeString.length);
  b[0] = 0x0a;
  b[1] = typeString.length;
  for (let i = 0; i < typeString.length; i++) b[2 + i] = typeString.charCodeAt(i);
  return b;
}

/** One decode: the input, a cursor, and the messages counted against the call's budget. */
class FastSpecReader {
  p = 0;
  /** Length-delimited messages entered (what the general reader counts as values). */
  values = 0;
  /** The last map key read: its bytes' start and length, and its string. */
  keyAt = 0;
  keyLen = 0;
  key = '';

  constructor(
    readonly buf: Uint8Array,
    /** The most messages the budget still allows. */
    readonly maxValues: number,
  ) {}

  /**
   * At the cursor: a length-delimited field with the one-byte tag `tag`, inside a message ending
   * at `end`; moves past its length and returns the payload's end, or -1 when the tag differs,
   * the length is longer than 4 bytes or runs past `end`.
   */
  field(tag: number, end: number): number {
    const b = this.buf;
    let p = this.p;
    if (p + 1 >= end || b[p] !== tag) return -1;
    let n = b[++p]!;
    p++;
    if (n > 0x7f) {
      n &= 0x7f;
      let shift = 7;
      for (;;) {
        if (p >= end || shift > 21) return -1;
        const c = b[p++]!;
        n += (c & 0x7f) * 2 ** shift;
        if (c < 0x80) break;
        shift += 7;
      }
    }
    if (n > end - p) return -1;
    this.p = p;
    return p + n;
  }

  /** A string payload ending at `end`; undefined when it is not valid UTF-8. */
  text(end: number): string | undefined {
    const start = this.p;
    this.p = end;
    return decodeUtf8(this.buf, start, end - start);
  }

  /** A name (payload ending at `end`): the last key's string when the bytes are the same. */
  name(end: number): string | undefined {
    const b = this.buf;
    const n = end - this.p;
    if (n === this.keyLen) {
      const k = this.keyAt;
      const p = this.p;
      let i = 0;
      while (i < n && b[p + i] === b[k + i]) i++;
      if (i === n) {
        this.p = end;
        return this.key;
      }
    }
    return this.text(end);
  }

  /** A message entered: false past the budget (the general reader then reports the limit). */
  count(n: number): boolean {
    this.values += n;
    return this.values <= this.maxValues;
  }

  /** A Spec message ending at `end`: exactly one oneof member. */
  spec(end: number, depth: number): Spec | undefined {
    if (depth > FAST_MAX_DEPTH || this.p >= end || !this.count(1)) return undefined;
    let e: number;
    switch (this.buf[this.p]) {
      case 0x0a:
        e = this.field(0x0a, end);
        return e === end ? this.object(e, depth + 1) : undefined;
      case 0x12:
        e = this.field(0x12, end);
        return e === end ? this.attr(e) : undefined;
      case 0x1a:
        e = this.field(0x1a, end);
        return e === end ? this.block(e, depth + 1) : undefined;
      case 0x22:
        e = this.field(0x22, end);
        return e === end ? this.blockList(e, depth + 1) : undefined;
    }
    return undefined;
  }

  /** Object: map entries {key 1, value 2}, no key twice. */
  object(end: number, depth: number): ObjectSpec | undefined {
    const attrs = new Map<string, Spec>();
    while (this.p < end) {
      const entryEnd = this.field(0x0a, end);
      if (entryEnd < 0 || !this.count(1)) return undefined;
      const keyEnd = this.field(0x0a, entryEnd);
      if (keyEnd < 0) return undefined;
      const keyAt = this.p;
      const key = this.text(keyEnd);
      if (key === undefined) return undefined;
      const valueEnd = this.field(0x12, entryEnd);
      if (valueEnd !== entryEnd || !this.count(1)) return undefined;
      this.keyAt = keyAt;
      this.keyLen = keyEnd - keyAt;
      this.key = key;
      const value = this.spec(valueEnd, depth + 1);
      if (value === undefined) return undefined;
      const size = attrs.size;
      attrs.set(key, value);
      if (attrs.size === size) return undefined;
    }
    return { kind: 'object', attrs };
  }

  /** Attr: name 1 (optional), type 2, required 3 (optional, written as 1). */
  attr(end: number): Spec | undefined {
    let name = '';
    let e = this.field(0x0a, end);
    if (e >= 0) {
      const s = this.name(e);
      if (s === undefined) return undefined;
      name = s;
    }
    e = this.field(0x12, end);
    if (e < 0 || !this.count(1)) return undefined;
    const type = this.type(e, 0);
    if (type === undefined) return undefined;
    const required = this.flag(0x18, end);
    if (this.p !== end) return undefined;
    return { kind: 'attr', name, type, required };
  }

  /** Block: name 1 (optional), required 2 (optional), nested 3. */
  block(end: number, depth: number): Spec | undefined {
    const typeName = this.optionalName(end);
    if (typeName === undefined) return undefined;
    const required = this.flag(0x10, end);
    const e = this.field(0x1a, end);
    if (e !== end || !this.count(1)) return undefined;
    const nested = this.spec(e, depth + 1);
    if (nested === undefined) return undefined;
    return { kind: 'block', typeName, nested, required };
  }

  /** BlockList: name 1 (optional), nested 2. */
  blockList(end: number, depth: number): Spec | undefined {
    const typeName = this.optionalName(end);
    if (typeName === undefined) return undefined;
    const e = this.field(0x12, end);
    if (e !== end || !this.count(1)) return undefined;
    const nested = this.spec(e, depth + 1);
    if (nested === undefined) return undefined;
    return { kind: 'blockList', typeName, nested, minItems: 0, maxItems: 0 };
  }

  /** A name field 1 if present ('' when absent); undefined when not UTF-8. */
  optionalName(end: number): string | undefined {
    const e = this.field(0x0a, end);
    return e < 0 ? '' : this.name(e);
  }

  /**
   * A bool field with one-byte tag `tag` written as Go writes true (`tag 01`); false when absent.
   * Any other value leaves the cursor on the tag, which the caller then finds unread.
   */
  flag(tag: number, end: number): boolean {
    const p = this.p;
    if (p + 1 < end && this.buf[p] === tag && this.buf[p + 1] === 1) {
      this.p = p + 2;
      return true;
    }
    return false;
  }

  /** A CtyType message ending at `end`: one of primitive 1, list 2, map 3. */
  type(end: number, depth: number): CtyType | undefined {
    if (depth > FAST_MAX_DEPTH || this.p >= end || !this.count(1)) return undefined;
    const tag = this.buf[this.p]!;
    const e = this.field(tag, end);
    if (e !== end) return undefined;
    if (tag === 0x0a) return this.primitive(e);
    if (tag !== 0x12 && tag !== 0x1a) return undefined;
    const te = this.field(0x0a, e);
    if (te !== e || !this.count(1)) return undefined;
    const elem = this.type(te, depth + 1);
    if (elem === undefined) return undefined;
    return tag === 0x12 ? T.list(elem) : T.map(elem);
  }

  /** A CtyPrimitive body ending at `end`, matched against the three Go writes. */
  primitive(end: number): CtyType | undefined {
    const b = this.buf;
    const p = this.p;
    const n = end - p;
    for (let k = 0; k < PRIMITIVES.length; k++) {
      const [body, type] = PRIMITIVES[k]!;
      if (body.length !== n) continue;
      let i = 0;
      while (i < n && b[p + i] === body[i]) i++;
      if (i === n) {
        this.p = end;
        return type;
      }
    }
    return undefined;
  }
}

/**
 * The model of a whole `Spec` message in Go's layout, or undefined when the bytes need the general
 * reader (see above). On success the messages read are counted against `budget`.
 */
export function readSpecFast(bytes: Uint8Array, budget: DecodeBudget): Spec | undefined {
  const r = new FastSpecReader(bytes, budget.valueCap - budget.values);
  const spec = r.spec(bytes.length, 0);
  if (spec === undefined || r.p !== bytes.length) return undefined;
  budget.addValues(r.values, 'protobuf', 0, r.values, RETAINED_BYTES.protobufMessage);
  return spec;
}
