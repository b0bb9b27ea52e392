/**
 * Spec model -> protobuf bytes of a `Spec` message, by hand (the fast path).
 *
 * Output is what Go's `proto.Marshal(ToProto(spec))` writes, with one documented choice where Go
 * is not deterministic: the entries of `Object.attributes` are written in sorted key order,
 * comparing keys as Go compares strings (bytes of their UTF-8, compareGoStrings), which is the
 * order Go's own deterministic marshalling uses. Otherwise as Go: fields in field-number order,
 * proto3 scalars left out when they hold their zero value (empty name, false required), message
 * fields always written, map entries always carrying both key and value.
 *
 * One pass, back to front: a message's payload is written before its length and tag, so every
 * length is known when it is written and nothing is measured beforehand or moved afterwards
 * (fields and map entries are written last to first). A spec that Go's ToProto refuses is
 * refused with Go's text (via toProto); a string that is not well-formed UTF-16 (a lone
 * surrogate, which has no UTF-8 form) is a WireError('protobuf'). When the writer meets either,
 * `explainRefusal` walks the spec front to back to report the first problem in the order Go's
 * marshalling would meet it.
 */
import { WireError, MAX_DEPTH } from '../wire/errors.js';
import { utf8Length } from '../wire/writer.js';
import { compareGoStrings, type CtyType } from '../cty/types.js';
import type { Spec } from '../hclspec/model.js';
import { toProto } from '../hclspec/to-proto.js';

/** Thrown while writing a model that holds something ToProto refuses (or a lone surrogate). */
const REFUSED = Symbol('refused');

/** The complete CtyType message bodies of the three primitives (field 1: CtyPrimitive{typeString}). */
const PRIMITIVE_BODY: Readonly<Record<'string' | 'number' | 'bool', Uint8Array>> = {
  string: primitiveBody('cty.String'),
  number: primitiveBody('cty.Number'),
  bool: primitiveBody('cty.Bool'),
};

function primitiveBody(typeString: string): Uint8Array {
  const s = new TextEncoder().encode(typeString);
  return Uint8Array.of(0x0a, s.length + 2, 0x0a, s.length, ...s);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A writer's buffer larger than this is dropped after the call (a huge spec does not stay pinned). */
const KEEP_BUFFER = 256 * 1024;

const te = new TextEncoder();

/** The sort keys of an object in Go's order: JS order first, which is Go's unless surrogates differ. */
function sortedNames(attrs: ReadonlyMap<string, Spec>): string[] {
  const names = [...attrs.keys()].sort();
  for (let i = 1; i < names.length; i++) {
    if (compareGoStrings(names[i - 1]!, names[i]!) > 0) return names.sort(compareGoStrings);
  }
  return names;
}

class SpecWriter {
  /** Bytes are written downwards: the output so far is buf[pos, buf.length). */
  private buf = new Uint8Array(4096);
  private pos = 4096;

  encode(spec: Spec): Uint8Array {
    this.pos = this.buf.length;
    try {
      this.spec(spec, 0);
    } catch (e) {
      if (e === REFUSED) explainRefusal(spec);
      throw e;
    }
    const out = this.buf.slice(this.pos);
    if (this.buf.length > KEEP_BUFFER) this.buf = new Uint8Array(4096);
    return out;
  }

  /** Room for n more bytes below pos. */
  private room(n: number): void {
    if (this.pos >= n) return;
    const used = this.buf.length - this.pos;
    let size = this.buf.length * 2;
    while (size - used < n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(this.pos), size - used);
    this.buf = next;
    this.pos = size - used;
  }

  private byte(b: number): void {
    if (this.pos === 0) this.room(1);
    this.buf[--this.pos] = b;
  }

  /** How many bytes are written: marks a payload's end (buffer positions move when it grows). */
  private mark(): number {
    return this.buf.length - this.pos;
  }

  /** The length of the payload written since `mark()` gave `end`, then the tag. */
  private close(end: number, tag: number): void {
    let v = this.buf.length - this.pos - end;
    this.room(6);
    const buf = this.buf;
    if (v < 0x80) buf[--this.pos] = v;
    else {
      let n = 1;
      for (let x = v; x >= 0x80; x = Math.floor(x / 128)) n++;
      let p = (this.pos -= n);
      while (v >= 0x80) {
        buf[p++] = (v % 128) | 0x80;
        v = Math.floor(v / 128);
      }
      buf[p] = v;
    }
    buf[--this.pos] = tag;
  }

  /** A string field (tag, length, UTF-8). */
  private str(tag: number, s: string): void {
    const n = s.length;
    this.room(3 * n);
    const buf = this.buf;
    const end = this.pos;
    const mark = this.buf.length - end;
    let p = end;
    let i = n - 1;
    for (; i >= 0; i--) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      buf[--p] = c;
    }
    if (i >= 0) {
      const len = utf8Length(s);
      if (len !== n && LONE_SURROGATE.test(s)) throw REFUSED;
      p = end - len;
      te.encodeInto(s, buf.subarray(p, end));
    }
    this.pos = p;
    this.close(mark, tag);
  }

  private bytes(b: Uint8Array): void {
    this.room(b.length);
    this.pos -= b.length;
    this.buf.set(b, this.pos);
  }

  /** A Spec message's payload: its one oneof member. */
  private spec(s: Spec | null, depth: number): void {
    if (s === null || depth > MAX_DEPTH) throw REFUSED;
    const end = this.mark();
    switch (s.kind) {
      case 'object': {
        const names = sortedNames(s.attrs);
        for (let i = names.length - 1; i >= 0; i--) {
          const name = names[i]!;
          const entryEnd = this.mark();
          this.spec(s.attrs.get(name)!, depth + 1);
          this.close(entryEnd, 0x12);
          this.str(0x0a, name);
          this.close(entryEnd, 0x0a);
        }
        this.close(end, 0x0a);
        return;
      }
      case 'attr': {
        if (s.required) this.flag(0x18);
        const typeEnd = this.mark();
        this.type(s.type, depth + 1);
        this.close(typeEnd, 0x12);
        if (s.name !== '') this.str(0x0a, s.name);
        this.close(end, 0x12);
        return;
      }
      case 'block':
        this.spec(s.nested, depth + 1);
        this.close(end, 0x1a);
        if (s.required) this.flag(0x10);
        if (s.typeName !== '') this.str(0x0a, s.typeName);
        this.close(end, 0x1a);
        return;
      case 'blockList':
        this.spec(s.nested, depth + 1);
        this.close(end, 0x12);
        if (s.typeName !== '') this.str(0x0a, s.typeName);
        this.close(end, 0x22);
        return;
      default:
        throw REFUSED;
    }
  }

  /** A bool field holding true (`tag 01`). */
  private flag(tag: number): void {
    this.byte(1);
    this.byte(tag);
  }

  /** A CtyType message's payload. */
  private type(t: CtyType, depth: number): void {
    if (depth > MAX_DEPTH) throw REFUSED;
    switch (t.kind) {
      case 'string':
      case 'number':
      case 'bool':
        return this.bytes(PRIMITIVE_BODY[t.kind]);
      case 'list':
      case 'map': {
        const end = this.mark();
        this.type(t.elem, depth + 1);
        this.close(end, 0x0a);
        this.close(end, t.kind === 'list' ? 0x12 : 0x1a);
        return;
      }
      default:
        throw REFUSED;
    }
  }
}

/**
 * Throws the error of the first problem in `spec` met front to back (attribute names in sorted
 * order, a node before what it holds, an attribute's type before its name): a lone surrogate is a
 * WireError('protobuf'); anything ToProto refuses is refused with Go's text (by toProto).
 */
function explainRefusal(spec: Spec): never {
  try {
    check(spec, 0);
  } catch (e) {
    if (e !== REFUSED) throw e;
    toProto(spec); // throws WireError('hclspec') with Go's text
  }
  throw new WireError('hclspec', 0, 'spec refused'); // not reached: check and toProto refuse what the writer refuses
}

function checkName(s: string, what: string): void {
  if (utf8Length(s) !== s.length && LONE_SURROGATE.test(s))
    throw new WireError('protobuf', 0, `${what} ${JSON.stringify(s)} holds a lone UTF-16 surrogate: not valid UTF-8`);
}

function check(s: Spec | null, depth: number): void {
  if (s === null || depth > MAX_DEPTH) throw REFUSED;
  switch (s.kind) {
    case 'object':
      for (const name of [...s.attrs.keys()].sort(compareGoStrings)) {
        checkName(name, 'attribute name');
        check(s.attrs.get(name)!, depth + 1);
      }
      return;
    case 'attr':
      checkType(s.type, depth + 1);
      checkName(s.name, 'attribute name');
      return;
    case 'block':
    case 'blockList':
      checkName(s.typeName, 'block type name');
      check(s.nested, depth + 1);
      return;
    default:
      throw REFUSED;
  }
}

function checkType(t: CtyType, depth: number): void {
  if (depth > MAX_DEPTH) throw REFUSED;
  if (t.kind === 'list' || t.kind === 'map') checkType(t.elem, depth + 1);
  else if (t.kind !== 'string' && t.kind !== 'number' && t.kind !== 'bool') throw REFUSED;
}

const shared = new SpecWriter();

/** Protobuf bytes of `Spec` for the model, as Go's proto.Marshal(ToProto(spec)) with sorted map keys. */
export function writeSpecProto(spec: Spec): Uint8Array {
  return shared.encode(spec);
}
