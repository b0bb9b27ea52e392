/**
 * cty types and values <-> the canonical JSON of vectors/README.md.
 */
import { WireError } from '../wire/errors.js';
import { T, type CtyType, compareGoStrings, NIL_TYPE_LIST, primitiveTypeNamed } from './types.js';
import { Unknown, type CtyValue, type Raw, type Refinements } from './values.js';
import { CtyNumber, ROUNDING_MODES, type RoundingMode } from './number.js';
import { formatNumberText, parseNumberText } from './numtext.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const bad = (reason: string): never => {
  throw new WireError('canonical', 0, reason);
};

/** A JSON object for user keys: no prototype, so "__proto__" is a key like any other. */
export const dict = (): { [k: string]: Json } => Object.create(null) as { [k: string]: Json };

/** `$`-escape a user key (map key, attribute name, field name). */
export const escapeKey = (k: string): string => (k.charCodeAt(0) === 36 /* $ */ ? '$' + k : k);
export const unescapeKey = (k: string): string => {
  if (k.charCodeAt(0) !== 36) return k;
  if (k.charCodeAt(1) !== 36) bad(`unescaped tag-like key ${JSON.stringify(k)} in user data`);
  return k.slice(1);
};

/** go-cty's JSON type syntax. */
export function typeToJSON(t: CtyType): Json {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'dynamic':
      return t.kind;
    case 'list':
    case 'set':
    case 'map':
      return [t.kind, typeToJSON(t.elem)];
    case 'tuple':
      return ['tuple', t.elems === NIL_TYPE_LIST ? null : t.elems.map(typeToJSON)];
    case 'object': {
      const attrs = dict();
      for (const k of [...t.attrs.keys()].sort(compareGoStrings)) attrs[k] = typeToJSON(t.attrs.get(k)!);
      if (t.optional.size === 0) return ['object', attrs];
      return ['object', attrs, [...t.optional].sort(compareGoStrings)];
    }
  }
}

export function typeFromJSON(j: unknown): CtyType {
  if (typeof j === 'string') {
    return primitiveTypeNamed(j) ?? bad(`unknown cty type ${JSON.stringify(j)}`);
  }
  if (!Array.isArray(j) || j.length < 2 || typeof j[0] !== 'string') return bad('cty type must be a string or [kind, …]');
  switch (j[0]) {
    case 'list':
      return T.list(typeFromJSON(j[1]));
    case 'set':
      return T.set(typeFromJSON(j[1]));
    case 'map':
      return T.map(typeFromJSON(j[1]));
    case 'tuple':
      // go-cty writes cty.Tuple(nil) as ["tuple",null] and reads it back as the empty tuple.
      if (j[1] === null) return T.tuple(NIL_TYPE_LIST);
      if (!Array.isArray(j[1])) return bad('tuple type needs an array of element types');
      return T.tuple(j[1].map(typeFromJSON));
    case 'object': {
      const a = j[1];
      if (typeof a !== 'object' || a === null || Array.isArray(a)) return bad('object type needs an attribute map');
      const attrs = new Map<string, CtyType>();
      for (const [k, v] of Object.entries(a)) attrs.set(k, typeFromJSON(v));
      const opt = j.length > 2 ? j[2] : [];
      if (!Array.isArray(opt) || !opt.every((x) => typeof x === 'string' && attrs.has(x))) return bad('bad optional attribute list');
      return T.object(attrs, opt as string[]);
    }
  }
  return bad(`unknown cty type kind ${JSON.stringify(j[0])}`);
}

export interface CanonicalOptions {
  /** gob-value vectors write precision and rounding mode beside each number. */
  withPrec?: boolean;
}

export function valueToCanonical(v: CtyValue, opts: CanonicalOptions = {}): Json {
  return { type: typeToJSON(v.type), value: rawToCanonical(v.type, v.raw, opts) };
}

function numberToCanonical(n: CtyNumber, opts: CanonicalOptions): Json {
  const out: { [k: string]: Json } = { $number: formatNumberText(n) };
  if (opts.withPrec) {
    out['prec'] = n.prec;
    out['mode'] = n.mode;
  }
  return out;
}

function refinementsToCanonical(r: Readonly<Refinements> | undefined): Json {
  const out: { [k: string]: Json } = {};
  if (!r) return out;
  if (r.notNull) out['notNull'] = true;
  if (r.stringPrefix !== undefined) out['stringPrefix'] = r.stringPrefix;
  if (r.numberLower) out['numberLower'] = [formatNumberText(r.numberLower[0]), r.numberLower[1]];
  if (r.numberUpper) out['numberUpper'] = [formatNumberText(r.numberUpper[0]), r.numberUpper[1]];
  if (r.lengthLower !== undefined) out['lengthLower'] = r.lengthLower;
  if (r.lengthUpper !== undefined) out['lengthUpper'] = r.lengthUpper;
  return out;
}

export function rawToCanonical(t: CtyType, r: Raw, opts: CanonicalOptions = {}): Json {
  if (r === null) return null;
  if (r instanceof Unknown) return { $unknown: refinementsToCanonical(r.refinements) };
  switch (t.kind) {
    case 'string':
      if (typeof r !== 'string') break;
      return r;
    case 'bool':
      if (typeof r !== 'boolean') break;
      return r;
    case 'number':
      if (!(r instanceof CtyNumber)) break;
      return numberToCanonical(r, opts);
    case 'list':
    case 'set':
      if (!Array.isArray(r)) break;
      // loops, not map(): one stack frame a level (MAX_DEPTH must fit a small stack)
      {
        const out: Json[] = new Array(r.length);
        for (let i = 0; i < r.length; i++) out[i] = rawToCanonical(t.elem, r[i]!, opts);
        return out;
      }
    case 'tuple':
      if (!Array.isArray(r) || r.length !== t.elems.length) break;
      {
        const out: Json[] = new Array(r.length);
        for (let i = 0; i < r.length; i++) out[i] = rawToCanonical(t.elems[i]!, r[i]!, opts);
        return out;
      }
    case 'map': {
      if (!(r instanceof Map)) break;
      const out = dict();
      for (const [k, e] of r) out[escapeKey(k)] = rawToCanonical(t.elem, e, opts);
      return out;
    }
    case 'object': {
      if (!(r instanceof Map)) break;
      const out = dict();
      for (const [k, at] of t.attrs) {
        if (!r.has(k)) bad(`object value lacks attribute ${JSON.stringify(k)}`);
        out[escapeKey(k)] = rawToCanonical(at, r.get(k)!, opts);
      }
      return out;
    }
    case 'dynamic':
      break;
  }
  return bad(`raw value does not fit type ${t.kind}`);
}

export function valueFromCanonical(j: unknown): CtyValue {
  if (typeof j !== 'object' || j === null || !('type' in j) || !('value' in j)) return bad('cty value must be {"type", "value"}');
  const type = typeFromJSON((j as { type: unknown }).type);
  return { type, raw: rawFromCanonical(type, (j as { value: unknown }).value) };
}

const isObj = (j: unknown): j is { [k: string]: unknown } => typeof j === 'object' && j !== null && !Array.isArray(j);

function numberFromCanonical(j: unknown): CtyNumber {
  if (!isObj(j) || typeof j['$number'] !== 'string') return bad('number must be {"$number": "…"}');
  const prec = typeof j['prec'] === 'number' ? j['prec'] : 512;
  const mode = (typeof j['mode'] === 'string' ? j['mode'] : 'ToNearestEven') as RoundingMode;
  if (!ROUNDING_MODES.includes(mode)) bad(`unknown rounding mode ${mode}`);
  // Text('f', -1) is the shortest decimal that rounds back to the value *to nearest* at its
  // precision, whatever the value's own rounding mode; so parse to nearest, then keep the mode.
  const n = parseNumberText(j['$number'], prec, 'ToNearestEven');
  return mode === 'ToNearestEven' ? n : new CtyNumber(n.form, n.neg, n.mant, n.exp, n.prec, mode, n.acc);
}

export function rawFromCanonical(t: CtyType, j: unknown): Raw {
  if (j === null) return null;
  if (isObj(j) && '$unknown' in j && Object.keys(j).length === 1) {
    const r = j['$unknown'];
    if (!isObj(r)) return bad('$unknown must hold an object');
    if (Object.keys(r).length === 0) return Unknown.plain;
    const ref: Refinements = {};
    if (r['notNull'] === true) ref.notNull = true;
    if (typeof r['stringPrefix'] === 'string') ref.stringPrefix = r['stringPrefix'];
    const bound = (b: unknown): readonly [CtyNumber, boolean] => {
      if (!Array.isArray(b) || typeof b[0] !== 'string' || typeof b[1] !== 'boolean') return bad('bad number bound');
      return [parseNumberText(b[0]), b[1]];
    };
    if (r['numberLower'] !== undefined) ref.numberLower = bound(r['numberLower']);
    if (r['numberUpper'] !== undefined) ref.numberUpper = bound(r['numberUpper']);
    if (typeof r['lengthLower'] === 'number') ref.lengthLower = r['lengthLower'];
    if (typeof r['lengthUpper'] === 'number') ref.lengthUpper = r['lengthUpper'];
    return new Unknown(ref);
  }
  switch (t.kind) {
    case 'string':
      if (typeof j === 'string') return j;
      break;
    case 'bool':
      if (typeof j === 'boolean') return j;
      break;
    case 'number':
      return numberFromCanonical(j);
    case 'list':
    case 'set':
      if (Array.isArray(j)) {
        const out: Raw[] = new Array(j.length);
        for (let i = 0; i < j.length; i++) out[i] = rawFromCanonical(t.elem, j[i]);
        return out;
      }
      break;
    case 'tuple':
      if (Array.isArray(j) && j.length === t.elems.length) {
        const out: Raw[] = new Array(j.length);
        for (let i = 0; i < j.length; i++) out[i] = rawFromCanonical(t.elems[i]!, j[i]);
        return out;
      }
      break;
    case 'map':
      if (isObj(j)) {
        const m = new Map<string, Raw>();
        for (const [k, e] of Object.entries(j)) m.set(unescapeKey(k), rawFromCanonical(t.elem, e));
        return m;
      }
      break;
    case 'object':
      if (isObj(j)) {
        const m = new Map<string, Raw>();
        for (const [k, e] of Object.entries(j)) {
          const name = unescapeKey(k);
          const at = t.attrs.get(name);
          if (!at) bad(`attribute ${JSON.stringify(name)} not in object type`);
          m.set(name, rawFromCanonical(at!, e));
        }
        for (const k of t.attrs.keys()) if (!m.has(k)) bad(`object value lacks attribute ${JSON.stringify(k)}`);
        return m;
      }
      break;
    case 'dynamic':
      break;
  }
  return bad(`canonical value does not fit type ${t.kind}`);
}
