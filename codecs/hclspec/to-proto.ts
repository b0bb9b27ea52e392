/**
 * Spec model -> protobuf messages, as the SDK's `rpc.ToProto` converts an hcldec.Spec.
 *
 * Accepted: ObjectSpec, AttrSpec, BlockSpec, BlockListSpec (MinItems / MaxItems are dropped: the
 * protobuf BlockList has no field for them), and attribute types that are primitives or lists /
 * maps of accepted types. Everything else is refused with a WireError (codec `hclspec`, offset 0)
 * whose reason is the text Go's ToProto returns for the same spec, wrapping included.
 *
 * Go walks an ObjectSpec in map order, so when a spec holds several refused nodes Go may report
 * any of them; we walk attribute names in Go's sorted string order and report the first.
 * Go's ToProto panics on a nil nested spec; we refuse it with our own text.
 */
import { WireError, MAX_DEPTH } from '../wire/errors.js';
import { compareGoStrings, typeGoString, type CtyType } from '../cty/types.js';
import type { Spec, SpecKind } from './model.js';
import type { ProtoCtyType, ProtoSpec } from './proto-types.js';
import { goQuote } from '../golang/strconv.js';
import { goTypeDump } from './gofmt.js';

/** The Go type name `reflect.TypeOf(spec).String()` gives for each model kind. */
export const GO_SPEC_TYPE: Readonly<Record<SpecKind, string>> = {
  object: 'hcldec.ObjectSpec',
  tuple: 'hcldec.TupleSpec',
  attr: '*hcldec.AttrSpec',
  literal: '*hcldec.LiteralSpec',
  block: '*hcldec.BlockSpec',
  blockList: '*hcldec.BlockListSpec',
  blockTuple: '*hcldec.BlockTupleSpec',
  blockSet: '*hcldec.BlockSetSpec',
  blockMap: '*hcldec.BlockMapSpec',
  blockObject: '*hcldec.BlockObjectSpec',
  blockAttrs: '*hcldec.BlockAttrsSpec',
  blockLabel: '*hcldec.BlockLabelSpec',
  default: '*hcldec.DefaultSpec',
};

/** A refusal travelling up the recursion; each level prefixes its own context as Go does. */
class Refusal {
  constructor(public text: string) {}
}

/** Converts a spec to protobuf messages or throws WireError('hclspec') with Go's error text. */
export function toProto(spec: Spec): ProtoSpec {
  try {
    return specToProto(spec, 0);
  } catch (e) {
    if (e instanceof Refusal) throw new WireError('hclspec', 0, e.text);
    throw e;
  }
}

/** Go's error text for a spec ToProto refuses, or null when it converts. */
export function toProtoRefusal(spec: Spec): string | null {
  try {
    specToProto(spec, 0);
    return null;
  } catch (e) {
    if (e instanceof Refusal) return e.text;
    throw e;
  }
}

function specToProto(spec: Spec | null, depth: number): ProtoSpec {
  if (depth > MAX_DEPTH) throw new Refusal(`spec nested deeper than ${MAX_DEPTH} levels`);
  if (spec === null) throw new Refusal("nil hcldec.Spec (Go's ToProto panics on it)");
  switch (spec.kind) {
    case 'attr': {
      let type: ProtoCtyType;
      try {
        type = typeToProto(spec.type, depth + 1);
      } catch (e) {
        throw prefixed(e, `failed to decode attribute spec: failed to convert ctyType for attribute ${goQuote(spec.name)}: `);
      }
      return { attr: { name: spec.name, type, required: spec.required } };
    }
    case 'blockList': {
      let nested: ProtoSpec;
      try {
        nested = specToProto(spec.nested, depth + 1);
      } catch (e) {
        throw prefixed(e, 'failed to decode block list spec: failed to decode block list nested type: ');
      }
      return { blockList: { name: spec.typeName, nested } };
    }
    case 'object': {
      const attributes: { [name: string]: ProtoSpec } = Object.create(null);
      for (const name of [...spec.attrs.keys()].sort(compareGoStrings)) {
        try {
          attributes[name] = specToProto(spec.attrs.get(name)!, depth + 1);
        } catch (e) {
          throw prefixed(e, `failed to decode object spec: failed to convert object attribute ${goQuote(name)} to hcldec.Spec: `);
        }
      }
      return { object: { attributes } };
    }
    case 'block': {
      let nested: ProtoSpec;
      try {
        nested = specToProto(spec.nested, depth + 1);
      } catch (e) {
        // Go's text says "object spec" here too.
        throw prefixed(e, 'failed to decode object spec: failed to decode block nested spec: ');
      }
      return { blockValue: { name: spec.typeName, required: spec.required, nested } };
    }
  }
  throw new Refusal(`unsupported hcldec.Spec type: ${goQuote(GO_SPEC_TYPE[spec.kind])}`);
}

/** Go's ctyTypeToProto. */
function typeToProto(t: CtyType, depth: number): ProtoCtyType {
  if (depth > MAX_DEPTH) throw new Refusal(`type nested deeper than ${MAX_DEPTH} levels`);
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return { primitive: { typeString: typeGoString(t) } };
    case 'list':
    case 'map': {
      let elementType: ProtoCtyType;
      try {
        elementType = typeToProto(t.elem, depth + 1);
      } catch (e) {
        throw prefixed(e, t.kind === 'list' ? 'failed to extract valid cty.Type from list element: ' : 'failed to extract valid cty.Type from map: ');
      }
      return t.kind === 'list' ? { list: { elementType } } : { map: { elementType } };
    }
  }
  throw new Refusal(`unsupported cty.Type conversion to protobuf-compatible structure: ${goTypeDump(t)}`);
}

function prefixed(e: unknown, prefix: string): unknown {
  if (e instanceof Refusal) e.text = prefix + e.text;
  return e;
}
