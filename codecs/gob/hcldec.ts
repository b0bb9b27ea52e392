/**
 * hcldec specs over gob: the Go types of hcl/v2 hcldec (spec.go) and the names they are
 * registered under (hcldec/gob.go, and the SDK's rpc/common.go), mapped to and from the shared
 * Spec model. ObjectSpec is `map[string]Spec`; every other spec travels as a pointer to its
 * struct inside the Spec interface. BlockTupleSpec and ExprSpec are not registered, so Go cannot
 * send them; neither do we.
 */
import { WireError } from '../wire/errors.js';
import type { CtyType } from '../cty/types.js';
import type { CtyValue } from '../cty/values.js';
import type { ObjectSpec, Spec } from '../hclspec/model.js';
import { ctyTypeGo, ctyValueGo, registerCty } from './cty.js';
import type { GoIface } from './encoder.js';
import { goBool, goInt, goInterface, goMap, goPtr, goSlice, goString, goStruct, type GoType } from './gotype.js';
import { GobRegistry } from './registry.js';

const HCLDEC = 'github.com/hashicorp/hcl/v2/hcldec';

const bad = (reason: string, at = 0): never => {
  throw new WireError('gob', at, reason);
};

const SPEC_TYPES = new Set<GoType>();
/** hcldec.Spec (the interface). */
export const specGo = goInterface('Spec', 'hcldec.Spec', (t) => SPEC_TYPES.has(t));

export const objectSpecGo = goMap(goString, specGo, { name: 'ObjectSpec', str: 'hcldec.ObjectSpec' });
export const tupleSpecGo = goSlice(specGo, { name: 'TupleSpec', str: 'hcldec.TupleSpec' });
const s = (name: string, fields: Record<string, GoType>) => goStruct(name, fields, { str: `hcldec.${name}` });
export const attrSpecGo = s('AttrSpec', { Name: goString, Type: ctyTypeGo, Required: goBool });
export const literalSpecGo = s('LiteralSpec', { Value: ctyValueGo });
export const blockSpecGo = s('BlockSpec', { TypeName: goString, Nested: specGo, Required: goBool });
const blockListFields = { TypeName: goString, Nested: specGo, MinItems: goInt, MaxItems: goInt };
export const blockListSpecGo = s('BlockListSpec', blockListFields);
export const blockTupleSpecGo = s('BlockTupleSpec', blockListFields);
export const blockSetSpecGo = s('BlockSetSpec', blockListFields);
const labelled = { TypeName: goString, LabelNames: goSlice(goString), Nested: specGo };
export const blockMapSpecGo = s('BlockMapSpec', labelled);
export const blockObjectSpecGo = s('BlockObjectSpec', labelled);
export const blockAttrsSpecGo = s('BlockAttrsSpec', { TypeName: goString, ElementType: ctyTypeGo, Required: goBool });
export const blockLabelSpecGo = s('BlockLabelSpec', { Index: goInt, Name: goString });
export const defaultSpecGo = s('DefaultSpec', { Primary: specGo, Default: specGo });

const P = {
  attr: goPtr(attrSpecGo),
  literal: goPtr(literalSpecGo),
  block: goPtr(blockSpecGo),
  blockList: goPtr(blockListSpecGo),
  blockTuple: goPtr(blockTupleSpecGo),
  blockSet: goPtr(blockSetSpecGo),
  blockMap: goPtr(blockMapSpecGo),
  blockObject: goPtr(blockObjectSpecGo),
  blockAttrs: goPtr(blockAttrsSpecGo),
  blockLabel: goPtr(blockLabelSpecGo),
  default: goPtr(defaultSpecGo),
};
for (const t of [objectSpecGo, tupleSpecGo, ...Object.values(P)]) SPEC_TYPES.add(t);

/** The names hcldec/gob.go and the SDK (rpc/common.go, rpc/init.go) register, plus go-cty's. */
export function registerPacker(r: GobRegistry): GobRegistry {
  // hcldec/gob.go
  r.register(`${HCLDEC}.ObjectSpec`, objectSpecGo);
  r.register(`${HCLDEC}.TupleSpec`, tupleSpecGo);
  r.register('*hcldec.AttrSpec', P.attr);
  r.register('*hcldec.LiteralSpec', P.literal);
  r.register('*hcldec.BlockSpec', P.block);
  r.register('*hcldec.BlockListSpec', P.blockList);
  r.register('*hcldec.BlockSetSpec', P.blockSet);
  r.register('*hcldec.BlockMapSpec', P.blockMap);
  r.register('*hcldec.BlockLabelSpec', P.blockLabel);
  r.register('*hcldec.DefaultSpec', P.default);
  // packer-plugin-sdk rpc/common.go
  r.register('*hcldec.BlockAttrsSpec', P.blockAttrs);
  r.register('*hcldec.BlockObjectSpec', P.blockObject);
  r.register('*cty.Value', goPtr(ctyValueGo));
  return registerCty(r);
}

let shared: GobRegistry | undefined;
/** The registry of a Packer plugin process (built once). */
export const packerRegistry = (): GobRegistry => (shared ??= registerPacker(new GobRegistry()));

// ---- Go values -> Spec model ----

type Obj = Record<string, unknown>;

const int = (v: unknown, what: string): number => {
  const b = v as bigint;
  if (b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER)) bad(`${what} ${b} does not fit a JS number`);
  return Number(b);
};

/** Go strings that are not UTF-8 decode as bytes; a spec cannot hold them. */
const str = (v: unknown, what: string): string => (typeof v === 'string' ? v : bad(`${what} is not valid UTF-8`));
/** str, giving `key`'s string when equal (one string held, not two). */
const named = (v: unknown, what: string, key: string | undefined): string => {
  const s = str(v, what);
  return s === key ? key : s;
};
const strs = (v: unknown, what: string): string[] => (v as unknown[]).map((x) => str(x, what));

const nested = (v: unknown): Spec | null => (v == null ? null : specFromGo(v as GoIface));

/** `badAt` gives the input offset of a Go string's first invalid byte (GobDecoderOptions.badString). */
export function objectSpecFromGo(m: Map<string, GoIface | null>, badAt?: (b: Uint8Array) => number | undefined): ObjectSpec {
  const attrs = new Map<string, Spec>();
  for (const [k, v] of m) {
    const name = typeof k === 'string' ? k : bad('ObjectSpec key is not valid UTF-8', badAt?.(k as Uint8Array) ?? 0);
    if (v === null) bad(`ObjectSpec entry ${JSON.stringify(name)} is a nil Spec`);
    attrs.set(name, specFromGo(v!, name));
  }
  return { kind: 'object', attrs };
}

/**
 * `key`: the ObjectSpec key the spec sits under. An attribute or block is mostly named as its
 * key: the name then is the key's string, so a decoded spec holds each name once.
 */
export function specFromGo(iv: GoIface, key?: string): Spec {
  const v = iv.value as Obj;
  switch (iv.type) {
    case objectSpecGo:
      return objectSpecFromGo(iv.value as Map<string, GoIface | null>);
    case tupleSpecGo:
      return {
        kind: 'tuple',
        items: (iv.value as (GoIface | null)[]).map((e) => (e === null ? bad('TupleSpec element is a nil Spec') : specFromGo(e))),
      };
    case P.attr:
      return { kind: 'attr', name: named(v['Name'], 'Name', key), type: typeOf(v['Type'], 'AttrSpec.Type'), required: v['Required'] as boolean };
    case P.literal: {
      const val = v['Value'] as CtyValue | null;
      if (val == null) bad('LiteralSpec with no Value');
      return { kind: 'literal', value: val! };
    }
    case P.block:
      return { kind: 'block', typeName: named(v['TypeName'], 'TypeName', key), nested: nested(v['Nested']), required: v['Required'] as boolean };
    case P.blockList:
    case P.blockTuple:
    case P.blockSet:
      return {
        kind: iv.type === P.blockList ? 'blockList' : iv.type === P.blockSet ? 'blockSet' : 'blockTuple',
        typeName: named(v['TypeName'], 'TypeName', key),
        nested: nested(v['Nested']),
        minItems: int(v['MinItems'], 'MinItems'),
        maxItems: int(v['MaxItems'], 'MaxItems'),
      };
    case P.blockMap:
    case P.blockObject:
      return {
        kind: iv.type === P.blockMap ? 'blockMap' : 'blockObject',
        typeName: named(v['TypeName'], 'TypeName', key),
        labelNames: strs(v['LabelNames'], 'LabelNames'),
        nested: nested(v['Nested']),
      };
    case P.blockAttrs:
      return {
        kind: 'blockAttrs',
        typeName: named(v['TypeName'], 'TypeName', key),
        elementType: typeOf(v['ElementType'], 'BlockAttrsSpec.ElementType'),
        required: v['Required'] as boolean,
      };
    case P.blockLabel:
      return { kind: 'blockLabel', index: int(v['Index'], 'BlockLabelSpec.Index'), name: str(v['Name'], 'Name') };
    case P.default:
      return { kind: 'default', primary: nested(v['Primary']), default: nested(v['Default']) };
  }
  return bad(`${iv.type.str} is not an hcldec spec`);
}

const typeOf = (t: unknown, what: string): CtyType => (t == null ? bad(`${what} is a nil cty.Type`) : (t as CtyType));

// ---- Spec model -> Go values ----

const bigint = (n: number, what: string): bigint => (Number.isSafeInteger(n) ? BigInt(n) : bad(`${what} ${n} is not an integer`));

export function objectSpecToGo(o: ObjectSpec): Map<string, GoIface> {
  const m = new Map<string, GoIface>();
  for (const [k, v] of o.attrs) m.set(k, specToGo(v));
  return m;
}

const nestedToGo = (n: Spec | null): GoIface | null => (n === null ? null : specToGo(n));

export function specToGo(sp: Spec): GoIface {
  switch (sp.kind) {
    case 'object':
      return { type: objectSpecGo, value: objectSpecToGo(sp) };
    case 'tuple':
      return { type: tupleSpecGo, value: sp.items.map(specToGo) };
    case 'attr':
      return { type: P.attr, value: { Name: sp.name, Type: sp.type, Required: sp.required } };
    case 'literal':
      return { type: P.literal, value: { Value: sp.value } };
    case 'block':
      return { type: P.block, value: { TypeName: sp.typeName, Nested: nestedToGo(sp.nested), Required: sp.required } };
    case 'blockList':
    case 'blockTuple':
    case 'blockSet':
      return {
        type: P[sp.kind],
        value: { TypeName: sp.typeName, Nested: nestedToGo(sp.nested), MinItems: bigint(sp.minItems, 'MinItems'), MaxItems: bigint(sp.maxItems, 'MaxItems') },
      };
    case 'blockMap':
    case 'blockObject':
      return { type: P[sp.kind], value: { TypeName: sp.typeName, LabelNames: [...sp.labelNames], Nested: nestedToGo(sp.nested) } };
    case 'blockAttrs':
      return { type: P.blockAttrs, value: { TypeName: sp.typeName, ElementType: sp.elementType, Required: sp.required } };
    case 'blockLabel':
      return { type: P.blockLabel, value: { Index: bigint(sp.index, 'Index'), Name: sp.name } };
    case 'default':
      return { type: P.default, value: { Primary: nestedToGo(sp.primary), Default: nestedToGo(sp.default) } };
  }
}
