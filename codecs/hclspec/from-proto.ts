/**
 * Protobuf messages -> Spec model, as the SDK's `(*Spec).FromProto` converts them back.
 *
 * Object -> ObjectSpec, Attr -> AttrSpec, Block -> BlockSpec, BlockList -> BlockListSpec with
 * MinItems / MaxItems 0. Types: CtyPrimitive "cty.String" / "cty.Bool" / "cty.Number", CtyList,
 * CtyMap. The wrapping of error texts follows Go ("failed to decode object attribute %q: ...").
 *
 * Where Go's FromProto dereferences a missing message and panics (an Attr without type, a Block
 * without nested spec, a CtyList without element type), a missing message is read as an empty
 * one and refused like it; where Go prints a protobuf message in its error (its text format is
 * deliberately unstable), we describe the problem in our own words.
 *
 * Errors are WireErrors of the codec the caller names (`hclspec` for messages built in memory,
 * `protobuf` when they came from bytes) at the offset our byte reader recorded on the message.
 */
import { WireError, MAX_DEPTH, type CodecName } from '../wire/errors.js';
import { T, type CtyType } from '../cty/types.js';
import type { ObjectSpec, Spec } from './model.js';
import type { ProtoCtyType, ProtoSpec } from './proto-types.js';
import { goQuote } from '../golang/strconv.js';

class Refusal {
  constructor(
    public text: string,
    readonly at: number,
  ) {}
}

const EMPTY: Readonly<ProtoSpec & ProtoCtyType> = Object.freeze({});

/** Converts messages to the model; throws WireError(codec) with Go's wording where Go has one. */
export function fromProto(msg: ProtoSpec, codec: CodecName = 'hclspec'): Spec {
  try {
    return specFromProto(msg, 0, 0);
  } catch (e) {
    if (e instanceof Refusal) throw new WireError(codec, e.at, e.text);
    throw e;
  }
}

/**
 * As the SDK's protobufToHCL2Spec: the top must be an Object. Go's FromProto hands back a
 * *hcldec.ObjectSpec for it, which the SDK dereferences.
 */
export function objectFromProto(msg: ProtoSpec, codec: CodecName = 'hclspec'): ObjectSpec {
  return requireObjectSpec(fromProto(msg, codec), msg.at ?? 0, codec);
}

/** The SDK's check on a converted spec: an ObjectSpec, else WireError(codec) at `at` naming what it is. */
export function requireObjectSpec(spec: Spec, at: number, codec: CodecName): ObjectSpec {
  if (spec.kind !== 'object') {
    const goType = spec.kind === 'attr' ? '*hcldec.AttrSpec' : spec.kind === 'block' ? '*hcldec.BlockSpec' : '*hcldec.BlockListSpec';
    throw new WireError(codec, at, `decoded HCL spec is not an object spec: ${goType}`);
  }
  return spec;
}

/** Counts the set members of a oneof; more than one can only come from hand-built objects. */
const count = (a: unknown, b: unknown, c: unknown, d: unknown = null): number =>
  (a != null ? 1 : 0) + (b != null ? 1 : 0) + (c != null ? 1 : 0) + (d != null ? 1 : 0);

/** `outer` is the offset of the enclosing message, reported when this one is missing. */
function specFromProto(msg: ProtoSpec | null | undefined, depth: number, outer: number): Spec {
  const m = msg ?? EMPTY;
  const at = m.at ?? outer;
  if (depth > MAX_DEPTH) throw new Refusal(`spec nested deeper than ${MAX_DEPTH} levels`, at);
  const n = count(m.object, m.attr, m.blockValue, m.blockList);
  if (n !== 1)
    throw new Refusal(
      n === 0 ? 'unsupported spec type: no member of oneof "block" is set' : 'unsupported spec type: more than one member of oneof "block" is set',
      at,
    );
  if (m.attr != null) {
    const a = m.attr;
    const name = a.name ?? '';
    let type: CtyType;
    try {
      type = typeFromProto(a.type, depth + 1, a.at ?? at);
    } catch (e) {
      throw prefixed(e, `failed to convert type of attribute ${goQuote(name)}: `);
    }
    return { kind: 'attr', name, type, required: a.required ?? false };
  }
  if (m.blockList != null) {
    let nested: Spec;
    try {
      nested = specFromProto(m.blockList.nested, depth + 1, m.blockList.at ?? at);
    } catch (e) {
      throw prefixed(e, 'failed to decode block list nested type from proto: ');
    }
    return { kind: 'blockList', typeName: m.blockList.name ?? '', nested, minItems: 0, maxItems: 0 };
  }
  if (m.blockValue != null) {
    let nested: Spec;
    try {
      nested = specFromProto(m.blockValue.nested, depth + 1, m.blockValue.at ?? at);
    } catch (e) {
      throw prefixed(e, 'failed to decode block nested type from proto: ');
    }
    return { kind: 'block', typeName: m.blockValue.name ?? '', nested, required: m.blockValue.required ?? false };
  }
  const o = m.object!;
  const attrs = new Map<string, Spec>();
  const objAt = o.at ?? at;
  if (o.entries !== undefined) {
    for (const [name, value] of o.entries) attrs.set(name, attrFromProto(name, value, depth, objAt));
  } else if (o.attributes != null) {
    for (const name of Object.keys(o.attributes)) attrs.set(name, attrFromProto(name, o.attributes[name], depth, objAt));
  }
  return { kind: 'object', attrs };
}

function attrFromProto(name: string, value: ProtoSpec | undefined, depth: number, outer: number): Spec {
  try {
    return specFromProto(value, depth + 1, outer);
  } catch (e) {
    throw prefixed(e, `failed to decode object attribute ${goQuote(name)}: `);
  }
}

function typeFromProto(msg: ProtoCtyType | null | undefined, depth: number, outer: number): CtyType {
  const m = msg ?? EMPTY;
  const at = m.at ?? outer;
  if (depth > MAX_DEPTH) throw new Refusal(`type nested deeper than ${MAX_DEPTH} levels`, at);
  const n = count(m.primitive, m.list, m.map);
  if (n !== 1)
    throw new Refusal(
      n === 0 ? 'unsupported cty.Type: no member of oneof "typeDef" is set' : 'unsupported cty.Type: more than one member of oneof "typeDef" is set',
      at,
    );
  if (m.primitive != null) {
    const s = m.primitive.typeString ?? '';
    switch (s) {
      case 'cty.String':
        return T.String;
      case 'cty.Bool':
        return T.Bool;
      case 'cty.Number':
        return T.Number;
    }
    throw new Refusal(`unsupported cty.Type: primitive typeString ${goQuote(s)}`, m.primitive.at ?? at);
  }
  const isList = m.list != null;
  try {
    const holder = (isList ? m.list : m.map)!;
    const elem = typeFromProto(holder.elementType, depth + 1, holder.at ?? at);
    return isList ? T.list(elem) : T.map(elem);
  } catch (e) {
    throw prefixed(e, isList ? 'failed to convert list element type: ' : 'failed to convert map element type: ');
  }
}

function prefixed(e: unknown, prefix: string): unknown {
  if (e instanceof Refusal) e.text = prefix + e.text;
  return e;
}
