/**
 * cty.Type and cty.Value over gob, as the go-cty fork packer plugins use encodes them
 * (github.com/nywilken/go-cty cty/gob.go, cty/set/gob.go, types_to_register.go).
 *
 * Both are GobEncoders whose bytes are a whole nested gob stream:
 *   cty.Type  -> gobType{Version int; Impl typeImpl}   (Impl: one of the registered
 *                primitiveType{Kind}, typeList/typeMap/typeSet{ElementTypeT Type},
 *                typeObject{AttrTypes map[string]Type; AttrOptional map[string]struct{}},
 *                typeTuple{ElemTypes []Type}; every Type inside again a nested stream)
 *   cty.Value -> gobValue{Version int; Ty Type; V interface{}}   (V: nil for null, string, bool,
 *                *big.Float, []interface{} for lists and tuples, map[string]interface{} for maps
 *                and objects, set.Set for sets)
 *   set.Set   -> gobSet{Version int; Rules Rules; Values []interface{}}   (Rules: setRules{Type})
 * DynamicPseudoType, unknown values and capsules are not registered with gob in the fork, so Go
 * cannot encode them; neither do we.
 */
import { checkNumber } from '../cty/number-limits.js';
import { WireError } from '../wire/errors.js';
import type { ByteWriter } from '../wire/writer.js';
import { NIL_TYPE_LIST, T, objectType, typeEquals, type CtyType } from '../cty/types.js';
import { Unknown, type CtyValue, type Raw } from '../cty/values.js';
import { CtyNumber } from '../cty/number.js';
import { buildSet } from '../cty/set-order.js';
import { decodeBigFloat, encodeBigFloat, writeBigFloatBytes } from './bigfloat.js';
import { decodeGob } from './decoder.js';
import { GobEncoder, type GoIface } from './encoder.js';
import { goAny, goBool, goInt, goInterface, goMap, goNamedBasic, goPtr, goSlice, goString, goStruct, gobEncoder, type ExternalContext } from './gotype.js';
import { NestedDecodeCache, NestedEncodeCache } from './nested-cache.js';
import type { GobRegistry } from './registry.js';

const CTY = 'github.com/zclconf/go-cty/cty';

const bad = (reason: string, at = 0): never => {
  throw new WireError('gob', at, reason);
};

// ---- Go types ----

/** cty.Type: a GobEncoder (value receiver). */
export const ctyTypeGo = gobEncoder<CtyType | null>(
  'Type',
  {
    encode: (t, ctx) => encodeTypeStream(t, ctx),
    encodeShared: (t, ctx) => (t == null ? encodeTypeStream(t, ctx) : typeBytes.get(t, ctx)),
    encodeTo: (w, t, ctx) => (t == null ? encodeTypeStream(t, ctx) : typeBytes.writeTo(w, t, ctx, encodeTypeStreamTo)),
    decode: (b, ctx) => typeStreams.get(b, ctx),
    decodeAt: (buf, start, end, ctx) => typeStreams.getAt(buf, start, end, ctx),
    isZero: (t) => t == null,
  },
  { str: 'cty.Type' },
);

/** cty.Value: a GobEncoder (value receiver). */
export const ctyValueGo = gobEncoder<CtyValue | null>(
  'Value',
  {
    encode: (v, ctx) => encodeValueStream(v, ctx),
    encodeTo: (w, v, ctx) => encodeValueStreamTo(w, v, ctx),
    decode: (b, ctx) => decodeValueStream(b, ctx),
    isZero: (v) => v == null,
  },
  { str: 'cty.Value' },
);

/** math/big.Float: GobEncode has a pointer receiver. */
export const bigFloatGo = gobEncoder<CtyNumber>(
  'Float',
  {
    encode: (n) => {
      if (!(n instanceof CtyNumber)) return bad('big.Float value must be a CtyNumber');
      return encodeBigFloat(n);
    },
    encodeTo: (w, n) => {
      if (!(n instanceof CtyNumber)) return bad('big.Float value must be a CtyNumber');
      writeBigFloatBytes(w, n);
    },
    decode: (b, ctx) => {
      const n = decodeBigFloat(b, ctx.offset);
      if (ctx.budget) checkNumber(ctx.budget, n, 0, 'gob', ctx.offset);
      return n;
    },
  },
  { str: 'big.Float', receiver: 'pointer' },
);

interface SetValue {
  readonly elemType: CtyType;
  readonly values: readonly (GoIface | null)[];
}

/** set.Set: a GobEncoder (value receiver). */
export const setGo = gobEncoder<SetValue>(
  'Set',
  {
    encode: (s, ctx) => encodeSetStream(s, ctx),
    encodeTo: (w, s, ctx) => streamEncoder(ctx).encodeTo(w, gobSetGo, gobSetOf(s)),
    decode: (b, ctx) => decodeSetStream(b, ctx),
    isZero: () => false,
  },
  { str: 'set.Set' },
);

const typeImplGo = goInterface('typeImpl', 'cty.typeImpl');
const gobTypeGo = goStruct('gobType', { Version: goInt, Impl: typeImplGo }, { str: 'cty.gobType' });
const primitiveKindGo = goNamedBasic('uint8', 'primitiveTypeKind', 'cty.primitiveTypeKind');
const primitiveTypeGo = goStruct('primitiveType', { Kind: primitiveKindGo }, { str: 'cty.primitiveType' });
const typeListGo = goStruct('typeList', { ElementTypeT: ctyTypeGo }, { str: 'cty.typeList' });
const typeMapGo = goStruct('typeMap', { ElementTypeT: ctyTypeGo }, { str: 'cty.typeMap' });
const typeSetGo = goStruct('typeSet', { ElementTypeT: ctyTypeGo }, { str: 'cty.typeSet' });
const emptyStructGo = goStruct('', {});
const typeObjectGo = goStruct('typeObject', { AttrTypes: goMap(goString, ctyTypeGo), AttrOptional: goMap(goString, emptyStructGo) }, { str: 'cty.typeObject' });
const typeTupleGo = goStruct('typeTuple', { ElemTypes: goSlice(ctyTypeGo) }, { str: 'cty.typeTuple' });
const setRulesGo = goStruct('setRules', { Type: ctyTypeGo }, { str: 'cty.setRules' });
const rulesGo = goInterface('Rules', 'set.Rules');
const anySliceGo = goSlice(goAny);
const anyMapGo = goMap(goString, goAny);
const gobSetGo = goStruct('gobSet', { Version: goInt, Rules: rulesGo, Values: anySliceGo }, { str: 'set.gobSet' });
const gobValueGo = goStruct('gobValue', { Version: goInt, Ty: ctyTypeGo, V: goAny }, { str: 'cty.gobValue' });
/** cty numbers are *big.Float. */
const bigFloatPtrGo = goPtr(bigFloatGo);

/**
 * Registers the names go-cty registers (types_to_register.go, set/gob.go) and the basic names
 * encoding/gob registers itself (registerBasics) that cty values use.
 */
export function registerCty(r: GobRegistry): GobRegistry {
  r.register('string', goString);
  r.register('bool', goBool);
  r.register(`${CTY}.primitiveType`, primitiveTypeGo);
  r.register(`${CTY}.typeList`, typeListGo);
  r.register(`${CTY}.typeMap`, typeMapGo);
  r.register(`${CTY}.typeObject`, typeObjectGo);
  r.register(`${CTY}.typeSet`, typeSetGo);
  r.register(`${CTY}.setRules`, setRulesGo);
  r.register(`${CTY}/set.Set`, setGo);
  r.register(`${CTY}.typeTuple`, typeTupleGo);
  // Go registers big.Float{}; cty always holds *big.Float, whose ids are what streams show.
  r.register('math/big.Float', bigFloatPtrGo);
  r.register('[]interface {}', anySliceGo);
  r.register('map[string]interface {}', anyMapGo);
  return r;
}

// ---- cty.Type ----

const KIND_BYTE = { string: 0x53, number: 0x4e, bool: 0x42 } as const;

function typeImpl(t: CtyType): GoIface {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return { type: primitiveTypeGo, value: { Kind: KIND_BYTE[t.kind] } };
    case 'list':
      return { type: typeListGo, value: { ElementTypeT: t.elem } };
    case 'map':
      return { type: typeMapGo, value: { ElementTypeT: t.elem } };
    case 'set':
      return { type: typeSetGo, value: { ElementTypeT: t.elem } };
    case 'tuple':
      return { type: typeTupleGo, value: { ElemTypes: t.elems } };
    case 'object': {
      // The type's own (immutable) map is what is encoded: no copy.
      const opt = t.optional.size > 0 ? new Map([...t.optional].map((k) => [k, {}])) : null;
      return { type: typeObjectGo, value: { AttrTypes: t.attrs, AttrOptional: opt } };
    }
    case 'dynamic':
      return bad('type not registered for interface: cty.pseudoTypeDynamic (go-cty cannot gob-encode DynamicPseudoType)');
  }
}

/** A nested gob stream's encoder and decode options: the outer stream's id space, registry, depth and budget. */
const streamEncoder = (ctx: ExternalContext) => new GobEncoder({ ids: ctx.ids, registry: ctx.registry, depth: ctx.depth, depthMark: ctx.depthMark });
const streamDecodeOptions = (ctx: ExternalContext) => ({
  ids: ctx.ids,
  registry: ctx.registry,
  depth: ctx.depth,
  offset: ctx.offset,
  depthMark: ctx.depthMark,
  limits: ctx.budget,
});

function encodeTypeStream(t: CtyType | null, ctx: ExternalContext): Uint8Array {
  if (t == null) return bad('cannot gob-encode a nil cty.Type');
  return streamEncoder(ctx).encode(gobTypeGo, { Version: 0n, Impl: typeImpl(t) });
}

/** encodeTypeStream's bytes written into w as a gob byte string, with no copy of their own. */
function encodeTypeStreamTo(w: ByteWriter, t: CtyType, ctx: ExternalContext): void {
  streamEncoder(ctx).encodeTo(w, gobTypeGo, { Version: 0n, Impl: typeImpl(t) });
}

/** Decoded cty.Type streams by their bytes (CtyType values are immutable, so they can be shared). */
const typeStreams = new NestedDecodeCache<CtyType>((b, ctx) => decodeTypeStream(b, ctx));
/** Encoded cty.Type streams by type object. */
const typeBytes = new NestedEncodeCache<CtyType>((t, ctx) => encodeTypeStream(t, ctx));

function decodeTypeStream(b: Uint8Array, ctx: ExternalContext): CtyType {
  const gt = decodeGob<{ Version: bigint; Impl: GoIface | null }>(gobTypeGo, b, streamDecodeOptions(ctx));
  if (gt.Version !== 0n) bad(`unsupported cty.Type encoding version ${gt.Version}; only 0 is supported`, ctx.offset);
  const impl = gt.Impl;
  if (impl === null) return bad('cty.Type with no implementation', ctx.offset);
  const v = impl.value as Record<string, unknown>;
  switch (impl.type) {
    case primitiveTypeGo:
      switch (v['Kind']) {
        case KIND_BYTE.string:
          return T.String;
        case KIND_BYTE.number:
          return T.Number;
        case KIND_BYTE.bool:
          return T.Bool;
      }
      return bad(`invalid primitive type kind ${String(v['Kind'])}`, ctx.offset);
    case typeListGo:
      return T.list(elemType(v['ElementTypeT'], ctx));
    case typeMapGo:
      return T.map(elemType(v['ElementTypeT'], ctx));
    case typeSetGo:
      return T.set(elemType(v['ElementTypeT'], ctx));
    case typeTupleGo: {
      // An empty ElemTypes is never on the wire, so Go decodes it as a nil slice.
      const elems = v['ElemTypes'] as (CtyType | null)[];
      return T.tuple(elems.length === 0 ? NIL_TYPE_LIST : elems.map((e) => elemType(e, ctx)));
    }
    case typeObjectGo: {
      const attrs = (v['AttrTypes'] as Map<unknown, CtyType | null> | null) ?? new Map<unknown, CtyType | null>();
      const out = new Map<string, CtyType>();
      for (const [k, at] of attrs) out.set(key(k, ctx.offset), elemType(at, ctx));
      const opt = v['AttrOptional'] as Map<string, unknown> | null;
      if (opt === null || opt.size === 0) return objectType(out);
      for (const k of opt.keys()) if (!out.has(k)) bad(`optional attribute ${JSON.stringify(k)} is not an attribute of the object type`, ctx.offset);
      return objectType(out, new Set(opt.keys()));
    }
  }
  return bad(`${impl.type.str} is not a cty type implementation`, ctx.offset);
}

const elemType = (t: unknown, ctx: ExternalContext): CtyType => (t == null ? bad('cty type with a nil element type', ctx.offset) : (t as CtyType));

// ---- cty.Value ----

/** cty raw value -> the interface{} value go-cty keeps in Value.v. */
function rawToGo(t: CtyType, r: Raw): GoIface | null {
  if (r === null) return null;
  if (r instanceof Unknown) return bad('cannot gob-encode an unknown value (go-cty does not register its unknown marker with gob)');
  switch (t.kind) {
    case 'string':
      if (typeof r !== 'string') break;
      return { type: goString, value: r };
    case 'bool':
      if (typeof r !== 'boolean') break;
      return { type: goBool, value: r };
    case 'number':
      if (!(r instanceof CtyNumber)) break;
      return { type: bigFloatPtrGo, value: r };
    case 'list':
      if (!Array.isArray(r)) break;
      return { type: anySliceGo, value: r.map((e) => rawToGo(t.elem, e)) };
    case 'tuple':
      if (!Array.isArray(r) || r.length !== t.elems.length) break;
      return { type: anySliceGo, value: r.map((e, i) => rawToGo(t.elems[i]!, e)) };
    case 'set':
      if (!Array.isArray(r)) break;
      return { type: setGo, value: { elemType: t.elem, values: r.map((e) => rawToGo(t.elem, e)) } satisfies SetValue };
    case 'map': {
      if (!(r instanceof Map)) break;
      const m = new Map<string, GoIface | null>();
      for (const [k, e] of r) m.set(k, rawToGo(t.elem, e));
      return { type: anyMapGo, value: m };
    }
    case 'object': {
      if (!(r instanceof Map)) break;
      const m = new Map<string, GoIface | null>();
      for (const [k, e] of r) {
        const at = t.attrs.get(k);
        if (!at) bad(`object value has attribute ${JSON.stringify(k)} not in its type`);
        m.set(k, rawToGo(at!, e));
      }
      for (const k of t.attrs.keys()) if (!r.has(k)) bad(`object value lacks attribute ${JSON.stringify(k)}`);
      return { type: anyMapGo, value: m };
    }
    case 'dynamic':
      break;
  }
  return bad(`raw value does not fit cty type ${t.kind}`);
}

const key = (k: unknown, at: number): string => (typeof k === 'string' ? k : bad('cty map key or attribute name is not valid UTF-8', at));

/** The interface{} value read from gob -> cty raw value of type t. */
function goToRaw(t: CtyType, v: GoIface | null, at: number): Raw {
  if (v === null) return null;
  const mismatch = (): never => bad(`gob value of type ${v.type.str} does not fit cty type ${t.kind}`, at);
  switch (t.kind) {
    case 'string':
      if (v.type !== goString) return mismatch();
      return typeof v.value === 'string' ? v.value : bad('cty string is not valid UTF-8', at);
    case 'bool':
      return v.type === goBool ? (v.value as boolean) : mismatch();
    case 'number':
      return v.type === bigFloatPtrGo ? (v.value as CtyNumber) : mismatch();
    case 'list':
      if (v.type !== anySliceGo) return mismatch();
      return (v.value as (GoIface | null)[]).map((e) => goToRaw(t.elem, e, at));
    case 'tuple': {
      if (v.type !== anySliceGo) return mismatch();
      const a = v.value as (GoIface | null)[];
      if (a.length !== t.elems.length) bad(`tuple value has ${a.length} elements, its type ${t.elems.length}`, at);
      return a.map((e, i) => goToRaw(t.elems[i]!, e, at));
    }
    case 'set': {
      if (v.type !== setGo) return mismatch();
      const s = v.value as SetValue;
      if (!typeEquals(s.elemType, t.elem)) bad('set rules type differs from the set element type', at);
      // Go's set.Set GobDecode re-adds every element to a fresh set: duplicates collapse and the
      // order becomes go-cty's own, whatever order the sender used.
      return buildSet(
        t.elem,
        s.values.map((e) => goToRaw(t.elem, e, at)),
      );
    }
    case 'map': {
      if (v.type !== anyMapGo) return mismatch();
      const out = new Map<string, Raw>();
      for (const [k, e] of v.value as Map<unknown, GoIface | null>) out.set(key(k, at), goToRaw(t.elem, e, at));
      return out;
    }
    case 'object': {
      if (v.type !== anyMapGo) return mismatch();
      const m = v.value as Map<unknown, GoIface | null>;
      const out = new Map<string, Raw>();
      for (const [kk, e] of m) {
        const k = key(kk, at);
        const aty = t.attrs.get(k);
        if (!aty) bad(`object value has attribute ${JSON.stringify(k)} not in its type`, at);
        out.set(k, goToRaw(aty!, e, at));
      }
      for (const k of t.attrs.keys()) if (!m.has(k)) bad(`object value lacks attribute ${JSON.stringify(k)}`, at);
      return out;
    }
    case 'dynamic':
      return bad('a value of type DynamicPseudoType must be null or unknown', at);
  }
}

const gobValueOf = (v: CtyValue) => ({ Version: 0n, Ty: v.type, V: rawToGo(v.type, v.raw) });
export function encodeValueStream(v: CtyValue | null, ctx: ExternalContext): Uint8Array {
  if (v == null) return bad('cannot gob-encode a nil cty.Value');
  return streamEncoder(ctx).encode(gobValueGo, gobValueOf(v));
}

/** encodeValueStream's bytes, count-prefixed, straight into w. */
function encodeValueStreamTo(w: ByteWriter, v: CtyValue | null, ctx: ExternalContext): void {
  if (v == null) return void bad('cannot gob-encode a nil cty.Value');
  streamEncoder(ctx).encodeTo(w, gobValueGo, gobValueOf(v));
}

export function decodeValueStream(b: Uint8Array, ctx: ExternalContext): CtyValue {
  const gv = decodeGob<{ Version: bigint; Ty: CtyType | null; V: GoIface | null }>(gobValueGo, b, streamDecodeOptions(ctx));
  if (gv.Version !== 0n) bad(`unsupported cty.Value encoding version ${gv.Version}; only 0 is supported`, ctx.offset);
  if (gv.Ty == null) return bad('cty.Value with no type', ctx.offset);
  return { type: gv.Ty, raw: goToRaw(gv.Ty, gv.V, ctx.offset) };
}

// ---- set.Set ----

const gobSetOf = (s: SetValue) => ({ Version: 0n, Rules: { type: setRulesGo, value: { Type: s.elemType } }, Values: s.values });

function encodeSetStream(s: SetValue, ctx: ExternalContext): Uint8Array {
  return streamEncoder(ctx).encode(gobSetGo, gobSetOf(s));
}

function decodeSetStream(b: Uint8Array, ctx: ExternalContext): SetValue {
  const gs = decodeGob<{ Version: bigint; Rules: GoIface | null; Values: (GoIface | null)[] }>(gobSetGo, b, streamDecodeOptions(ctx));
  if (gs.Version !== 0n) bad(`unsupported set.Set encoding version ${gs.Version}; need 0`, ctx.offset);
  if (gs.Rules === null || gs.Rules.type !== setRulesGo) return bad('set.Set rules are not cty setRules', ctx.offset);
  const ty = (gs.Rules.value as { Type: CtyType | null }).Type;
  if (ty == null) return bad('set.Set rules with no type', ctx.offset);
  ctx.budget?.addSetElements(gs.Values.length, 'gob', ctx.offset);
  return { elemType: ty, values: gs.Values };
}
