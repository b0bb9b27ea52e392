/**
 * Building cty values the way go-cty's constructors do when a decoder hands them elements:
 * ListVal / SetVal / MapVal take their element type from the first element whose type is not
 * DynamicPseudoType and refuse mixed types; TupleVal and ObjectVal take their type from their
 * elements (so optional-attribute markers never survive decoding); SetVal deduplicates and orders.
 */
import { T, compareGoStrings, typeEquals, type CtyType } from './types.js';
import { Unknown, type CtyValue, type Raw } from './values.js';
import { ctyNormalize } from './gostring.js';
import { buildSet, equivalenceKey, setHashString } from './set-order.js';
import { compareNumbers } from './number-ops.js';
import type { CtyNumber } from './number.js';

/** The common type so far joined with one more element's type (undefined: they differ). */
const joinType = (et: CtyType, t: CtyType): CtyType | undefined => (et.kind === 'dynamic' ? t : t.kind === 'dynamic' || typeEquals(et, t) ? et : undefined);

/**
 * The common element type of a collection's elements (go-cty's ListVal/SetVal/MapVal rule: the first
 * type that is not DynamicPseudoType, every other equal to it or dynamic), or undefined when two differ.
 */
export function commonType(types: Iterable<CtyType>): CtyType | undefined {
  let et: CtyType | undefined = T.DynamicPseudoType;
  for (const t of types) if ((et = joinType(et, t)) === undefined) return undefined;
  return et;
}

/**
 * The raw content of `cty.SetVal` of elements of type et (buildSet), taking the elems array (it
 * may be returned). go-cty's order ends with a stable sort by its set rules' Less, and drops an
 * element only for an equivalent one in its hash bucket. So elements that are all known, pairwise
 * not equivalent (distinct equivalence keys) and strictly ascending by Less are the set as they
 * stand, whatever their buckets: what Go writes, checked in one pass without buckets or a sort.
 * Known strings or bools need not even that: the set is their distinct values in ascending order.
 */
export function setRaw(et: CtyType, elems: Raw[]): Raw[] {
  const n = elems.length;
  if (n < 2) return n === 0 ? elems : buildSet(et, elems);
  if (et.kind === 'string' || et.kind === 'bool') return primitiveSet(et.kind === 'string' ? 'string' : 'boolean', et, elems);
  return inSetOrder(et, elems) ? elems : buildSet(et, elems);
}

function primitiveSet(kind: 'string' | 'boolean', et: CtyType, elems: Raw[]): Raw[] {
  const n = elems.length;
  let ordered = true;
  for (let i = 0; i < n; i++) {
    const e = elems[i];
    if (typeof e !== kind) return buildSet(et, elems);
    if (ordered && i > 0 && lessKnown(elems[i - 1]!, e!) >= 0) ordered = false;
  }
  if (ordered) return elems;
  const sorted = elems.slice().sort(lessKnown);
  const out: Raw[] = [sorted[0]!];
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) out.push(sorted[i]!);
  return out;
}

/** True when elems are known, pairwise not equivalent, and strictly ascending by go-cty's Less. */
function inSetOrder(et: CtyType, elems: readonly Raw[]): boolean {
  const keys = new Set<string>();
  let prevHash = '';
  for (let i = 0; i < elems.length; i++) {
    const e = elems[i]!;
    if (e === null || e instanceof Unknown) return false;
    const key = equivalenceKey(et, e);
    if (key !== null) {
      if (keys.has(key)) return false;
      keys.add(key);
    }
    if (et.kind === 'number') {
      // Less on two numbers of distinct keys: by value
      if (i > 0 && compareNumbers(elems[i - 1] as CtyNumber, e as CtyNumber) >= 0) return false;
    } else {
      // Less on anything else: by hash string bytes
      const hash = setHashString(et, e);
      if (i > 0 && compareGoStrings(prevHash, hash) >= 0) return false;
      prevHash = hash;
    }
  }
  return true;
}

/** go-cty's set Less between two known strings or two bools, as a comparison. */
const lessKnown = (a: Raw, b: Raw): number => (typeof a === 'string' ? compareGoStrings(a, b as string) : a === b ? 0 : a ? 1 : -1);

/**
 * True when a value of type vt may be written with marshal type ty (go-cty's TestConformance:
 * equal types, with DynamicPseudoType in ty accepting anything; optional markers ignored).
 */
export function conformsTo(vt: CtyType, ty: CtyType): boolean {
  if (ty.kind === 'dynamic') return true;
  if (vt.kind !== ty.kind) return false;
  switch (ty.kind) {
    case 'list':
    case 'set':
    case 'map':
      return conformsTo((vt as typeof ty).elem, ty.elem);
    case 'tuple': {
      const ve = (vt as typeof ty).elems;
      return ve.length === ty.elems.length && ve.every((e, i) => conformsTo(e, ty.elems[i]!));
    }
    case 'object': {
      const va = (vt as typeof ty).attrs;
      if (va.size !== ty.attrs.size) return false;
      for (const [k, at] of ty.attrs) {
        const v = va.get(k);
        if (v === undefined || !conformsTo(v, at)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

/**
 * The value as go-cty's constructors would hold it: strings, map keys and attribute names
 * NFC-normalised (cty.StringVal, MapVal, ObjectVal, Object), sets deduplicated and in go-cty's
 * order (SetVal). For values that come from outside (canonical JSON, user code).
 */
export function normalizeValue(v: CtyValue): CtyValue {
  return { type: normalizeType(v.type), raw: normalizeRaw(v.type, v.raw) };
}

export function normalizeType(t: CtyType): CtyType {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: t.kind, elem: normalizeType(t.elem) };
    case 'tuple':
      return t.elems.length === 0 ? t : T.tuple(t.elems.map(normalizeType));
    case 'object': {
      const attrs = new Map<string, CtyType>();
      for (const [k, at] of t.attrs) attrs.set(ctyNormalize(k), normalizeType(at));
      return T.object(attrs, [...t.optional].map(ctyNormalize));
    }
    default:
      return t;
  }
}

function normalizeRaw(t: CtyType, r: Raw): Raw {
  if (r === null) return r;
  if (r instanceof Unknown) {
    const p = r.refinements?.stringPrefix;
    return p !== undefined && ctyNormalize(p) !== p ? new Unknown({ ...r.refinements, stringPrefix: ctyNormalize(p) }) : r;
  }
  switch (t.kind) {
    case 'string':
      return typeof r === 'string' ? ctyNormalize(r) : r;
    // loops, not map(): one stack frame a level (MAX_DEPTH must fit a small stack)
    case 'list':
    case 'set':
    case 'tuple': {
      if (!Array.isArray(r)) return r;
      const out: Raw[] = new Array(r.length);
      for (let i = 0; i < r.length; i++) out[i] = normalizeRaw(t.kind === 'tuple' ? (t.elems[i] ?? T.DynamicPseudoType) : t.elem, r[i]!);
      return t.kind === 'set' ? buildSet(normalizeType(t.elem), out) : out;
    }
    case 'map':
    case 'object': {
      if (!(r instanceof Map)) return r;
      const out = new Map<string, Raw>();
      for (const [k, e] of r) {
        const et = t.kind === 'map' ? t.elem : (t.attrs.get(k) ?? T.DynamicPseudoType);
        out.set(ctyNormalize(k), normalizeRaw(et, e));
      }
      return out;
    }
    default:
      return r;
  }
}
