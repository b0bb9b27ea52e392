/**
 * Spec model -> protobuf bytes of a `Spec` message, by hand over codecs/wire (the fast path).
 *
 * Output is what Go's `proto.Marshal(ToProto(spec))` writes, with one documented choice where Go
 * is not deterministic: the entries of `Object.attributes` are written in sorted key order,
 * comparing keys as Go compares strings (bytes of their UTF-8, compareGoStrings), which is the
 * order Go's own deterministic marshalling uses. Otherwise as Go: fields in field-number order,
 * proto3 scalars left out when they hold their zero value (empty name, false required), message
 * fields always written, map entries always carrying both key and value.
 *
 * Two passes over the model: `measure` records, in pre-order, the byte length of every
 * length-delimited payload (and the sorted keys of every object), `emit` writes using them. A
 * spec that Go's ToProto refuses is refused with Go's text (via toProto); a string that is not
 * well-formed UTF-16 (a lone surrogate, which has no UTF-8 form) is a WireError('protobuf').
 */
import { ByteWriter, utf8Length } from '../wire/writer.js';
import { WireError, MAX_DEPTH } from '../wire/errors.js';
import { compareGoStrings, type CtyType } from '../cty/types.js';
import type { Spec } from '../hclspec/model.js';
import { toProto } from '../hclspec/to-proto.js';
import { varintSize } from './wire-format.js';

/** Thrown by measure when the model holds something ToProto refuses; the caller asks toProto why. */
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

class SpecWriter {
  readonly out = new ByteWriter(1024);
  /** Payload lengths, pre-order. */
  private sizes: number[] = [];
  /** Sorted attribute names of each object, pre-order. */
  private keys: string[][] = [];
  private si = 0;
  private ki = 0;

  encode(spec: Spec): Uint8Array {
    this.sizes.length = 0;
    this.keys.length = 0;
    this.si = this.ki = 0;
    try {
      this.measureSpec(spec, 0);
    } catch (e) {
      if (e === REFUSED) {
        toProto(spec); // throws WireError('hclspec') with Go's text
        throw new WireError('hclspec', 0, 'spec refused'); // not reached: toProto refuses what measure refuses
      }
      throw e;
    }
    this.out.reset();
    this.emitSpec(spec);
    return this.out.finish();
  }

  /** Size of a string field's payload; refuses strings without a UTF-8 form. */
  private str(s: string, what: string): number {
    const n = utf8Length(s);
    if (n !== s.length && LONE_SURROGATE.test(s))
      throw new WireError('protobuf', 0, `${what} ${JSON.stringify(s)} holds a lone UTF-16 surrogate: not valid UTF-8`);
    return n;
  }

  /** Size of a string field (tag, length, bytes), 0 for the empty string (proto3 leaves it out). */
  private strField(s: string, what: string): number {
    if (s === '') return 0;
    const n = this.str(s, what);
    return 1 + varintSize(n) + n;
  }

  /** Reserves a size slot, to be filled once the payload is measured. */
  private slot(): number {
    this.sizes.push(0);
    return this.sizes.length - 1;
  }

  /** Size of a Spec message body (exactly one oneof member, as a length-delimited field). */
  private measureSpec(s: Spec | null, depth: number): number {
    if (s === null || depth > MAX_DEPTH) throw REFUSED;
    const slot = this.slot();
    let n = 0;
    switch (s.kind) {
      case 'object': {
        const names = [...s.attrs.keys()].sort(compareGoStrings);
        this.keys.push(names);
        for (const name of names) {
          const entrySlot = this.slot();
          const k = this.str(name, 'attribute name');
          const valueSlot = this.slot();
          const v = this.measureSpec(s.attrs.get(name)!, depth + 1);
          this.sizes[valueSlot] = v;
          const entry = 1 + varintSize(k) + k + 1 + varintSize(v) + v;
          this.sizes[entrySlot] = entry;
          n += 1 + varintSize(entry) + entry;
        }
        break;
      }
      case 'attr': {
        const typeSlot = this.slot();
        const t = this.measureType(s.type, depth + 1);
        this.sizes[typeSlot] = t;
        n = this.strField(s.name, 'attribute name') + 1 + varintSize(t) + t + (s.required ? 2 : 0);
        break;
      }
      case 'block':
      case 'blockList': {
        const name = this.strField(s.typeName, 'block type name');
        const nestedSlot = this.slot();
        const nested = this.measureSpec(s.nested, depth + 1);
        this.sizes[nestedSlot] = nested;
        n = name + (s.kind === 'block' && s.required ? 2 : 0) + 1 + varintSize(nested) + nested;
        break;
      }
      default:
        throw REFUSED;
    }
    this.sizes[slot] = n;
    return 1 + varintSize(n) + n;
  }

  /** Size of a CtyType message body. */
  private measureType(t: CtyType, depth: number): number {
    if (depth > MAX_DEPTH) throw REFUSED;
    switch (t.kind) {
      case 'string':
      case 'number':
      case 'bool':
        return PRIMITIVE_BODY[t.kind].length;
      case 'list':
      case 'map': {
        const holder = this.slot();
        const elemSlot = this.slot();
        const e = this.measureType(t.elem, depth + 1);
        this.sizes[elemSlot] = e;
        const h = 1 + varintSize(e) + e;
        this.sizes[holder] = h;
        return 1 + varintSize(h) + h;
      }
      default:
        throw REFUSED;
    }
  }

  private len(): void {
    this.out.writeVarint(this.sizes[this.si++]!);
  }

  private emitString(tag: number, s: string): void {
    if (s === '') return;
    this.out.writeByte(tag);
    this.out.writeVarint(utf8Length(s));
    this.out.writeUtf8(s);
  }

  private emitSpec(s: Spec): void {
    const w = this.out;
    switch (s.kind) {
      case 'object': {
        w.writeByte(0x0a);
        this.len();
        for (const name of this.keys[this.ki++]!) {
          w.writeByte(0x0a);
          this.len();
          w.writeByte(0x0a);
          w.writeVarint(utf8Length(name));
          w.writeUtf8(name);
          w.writeByte(0x12);
          this.len();
          this.emitSpec(s.attrs.get(name)!);
        }
        return;
      }
      case 'attr':
        w.writeByte(0x12);
        this.len();
        this.emitString(0x0a, s.name);
        w.writeByte(0x12);
        this.len();
        this.emitType(s.type);
        if (s.required) w.writeUint16BE(0x1801);
        return;
      case 'block':
        w.writeByte(0x1a);
        this.len();
        this.emitString(0x0a, s.typeName);
        if (s.required) w.writeUint16BE(0x1001);
        w.writeByte(0x1a);
        this.len();
        this.emitSpec(s.nested!);
        return;
      case 'blockList':
        w.writeByte(0x22);
        this.len();
        this.emitString(0x0a, s.typeName);
        w.writeByte(0x12);
        this.len();
        this.emitSpec(s.nested!);
        return;
    }
  }

  private emitType(t: CtyType): void {
    const w = this.out;
    if (t.kind === 'list' || t.kind === 'map') {
      w.writeByte(t.kind === 'list' ? 0x12 : 0x1a);
      this.len();
      w.writeByte(0x0a);
      this.len();
      this.emitType(t.elem);
      return;
    }
    w.writeBytes(PRIMITIVE_BODY[t.kind as 'string' | 'number' | 'bool']);
  }
}

const shared = new SpecWriter();

/** Protobuf bytes of `Spec` for the model, as Go's proto.Marshal(ToProto(spec)) with sorted map keys. */
export function writeSpecProto(spec: Spec): Uint8Array {
  return shared.encode(spec);
}
