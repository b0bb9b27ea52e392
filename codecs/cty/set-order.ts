/**
 * go-cty's set semantics (cty/set/*.go, cty/set_internals.go), so that sets built here hold the
 * same elements in the same iteration order as Go's:
 *
 * - Each element has a hash string (`?` unknown, `~` null, numbers as Text('g', 10), bools T/F,
 *   strings as Go's %q, lists/sets `[e;e;]`, maps `{k:v;}` with sorted keys, objects and tuples
 *   `<e;e;>` with sorted attribute names). Its crc32 picks a bucket.
 * - Adding an element drops it when an equivalent element (cty Equals is known and true) is
 *   already in the same bucket. Elements in other buckets are never compared (so 0 and -0, whose
 *   hash strings differ, are both kept).
 * - Iteration: buckets by ascending crc32, elements in insertion order, then a stable sort by the
 *   set rules' Less (known before unknown before null; strings by bytes, false before true,
 *   numbers numerically, anything else by hash-string bytes).
 */
import { compareGoStrings, T, type CtyType } from './types.js';
import { Unknown, type Raw } from './values.js';
import type { CtyNumber } from './number.js';
import { compareNumbers, exactDouble } from './number-ops.js';
import { formatNumberG, formatNumberText } from './numtext.js';
import { goQuote } from '../golang/strconv.js';
import { crc32String } from './gostring.js';

/** go-cty's set hash string of a raw value of type t. */
export function setHashString(t: CtyType, r: Raw): string {
  if (t.kind === 'number' && r !== null && !(r instanceof Unknown)) return formatNumberG(r as CtyNumber, 10);
  const parts: string[] = [];
  appendHash(t, r, parts);
  return parts.join('');
}

function appendHash(t: CtyType, r: Raw, out: string[]): void {
  if (r instanceof Unknown) {
    out.push('?');
    return;
  }
  if (r === null) {
    out.push('~');
    return;
  }
  switch (t.kind) {
    case 'number':
      out.push(formatNumberG(r as CtyNumber, 10));
      return;
    case 'bool':
      out.push(r ? 'T' : 'F');
      return;
    case 'string':
      out.push(goQuote(r as string));
      return;
    case 'map': {
      const m = r as Map<string, Raw>;
      out.push('{');
      for (const k of [...m.keys()].sort(compareGoStrings)) {
        out.push(goQuote(k), ':');
        appendHash(t.elem, m.get(k)!, out);
        out.push(';');
      }
      out.push('}');
      return;
    }
    case 'list':
    case 'set':
      out.push('[');
      for (const e of r as Raw[]) {
        appendHash(t.elem, e, out);
        out.push(';');
      }
      out.push(']');
      return;
    case 'object': {
      const m = r as Map<string, Raw>;
      out.push('<');
      for (const k of [...t.attrs.keys()].sort(compareGoStrings)) {
        appendHash(t.attrs.get(k)!, m.get(k) ?? null, out);
        out.push(';');
      }
      out.push('>');
      return;
    }
    case 'tuple': {
      const a = r as Raw[];
      out.push('<');
      t.elems.forEach((et, i) => {
        appendHash(et, a[i] ?? null, out);
        out.push(';');
      });
      out.push('>');
      return;
    }
    case 'dynamic':
      return; // only null or unknown can sit at a dynamic position
  }
}

/** True when t mentions DynamicPseudoType anywhere (go-cty: not HasWhollyKnownType). */
export function hasDynamic(t: CtyType): boolean {
  switch (t.kind) {
    case 'dynamic':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return hasDynamic(t.elem);
    case 'tuple':
      return t.elems.some(hasDynamic);
    case 'object':
      for (const a of t.attrs.values()) if (hasDynamic(a)) return true;
      return false;
    default:
      return false;
  }
}

const numberTextKey = (n: CtyNumber): string => {
  const s = formatNumberText(n);
  return s === '-0' ? '0' : s;
};

/** go-cty's number equality: same Text('f', -1), with -0 equal to 0. */
export const ctyNumbersEqual = (a: CtyNumber, b: CtyNumber): boolean => numberTextKey(a) === numberTextKey(b);

/**
 * go-cty's set Equivalent: `Equals` returns a known true. Unknowns anywhere in the compared parts
 * make it false; two nulls are equal.
 */
export function ctyEquivalent(t: CtyType, a: Raw, b: Raw): boolean {
  if (a === null && b === null) return true;
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (a === null || b === null) return false;
  if (hasDynamic(t)) return false;
  switch (t.kind) {
    case 'number':
      return ctyNumbersEqual(a as CtyNumber, b as CtyNumber);
    case 'string':
    case 'bool':
      return a === b;
    case 'list': {
      const x = a as Raw[];
      const y = b as Raw[];
      return x.length === y.length && x.every((e, i) => ctyEquivalent(t.elem, e, y[i]!));
    }
    case 'tuple': {
      const x = a as Raw[];
      const y = b as Raw[];
      return t.elems.every((et, i) => ctyEquivalent(et, x[i]!, y[i]!));
    }
    case 'object': {
      const x = a as Map<string, Raw>;
      const y = b as Map<string, Raw>;
      for (const [k, at] of t.attrs) if (!ctyEquivalent(at, x.get(k) ?? null, y.get(k) ?? null)) return false;
      return true;
    }
    case 'map': {
      const x = a as Map<string, Raw>;
      const y = b as Map<string, Raw>;
      if (x.size !== y.size) return false;
      for (const [k, e] of x) if (!y.has(k) || !ctyEquivalent(t.elem, e, y.get(k)!)) return false;
      return true;
    }
    case 'set': {
      const x = a as Raw[];
      const y = b as Raw[];
      if (x.some((e) => e instanceof Unknown) || y.some((e) => e instanceof Unknown)) return false;
      return setContainsAll(t.elem, y, x) && setContainsAll(t.elem, x, y);
    }
    case 'dynamic':
      return false;
  }
}

/** Every element of `elems` is in `set` (go-cty's Has: same crc32 bucket, then Equivalent). */
function setContainsAll(et: CtyType, set: Raw[], elems: Raw[]): boolean {
  const buckets = new Map<number, Raw[]>();
  for (const e of set) {
    const h = crc32String(setHashString(et, e));
    const b = buckets.get(h);
    if (b) b.push(e);
    else buckets.set(h, [e]);
  }
  for (const e of elems) {
    const b = buckets.get(crc32String(setHashString(et, e)));
    if (!b || !b.some((x) => ctyEquivalent(et, e, x))) return false;
  }
  return true;
}

interface Member {
  raw: Raw;
  hash: string;
  /** equivalence key (see equivalenceKey), null when it is equivalent to nothing */
  key: string | null;
  /** the crc32 of hash: go-cty's bucket */
  bucket: number;
  /** known 0, unknown 1, null 2 (the null/unknown part of go-cty's Less) */
  rank: number;
}

/**
 * A string equal for two values exactly when go-cty's set Equivalent says they are (`Equals` is
 * a known true), or null for a value equivalent to nothing (an unknown anywhere, or a type with
 * DynamicPseudoType that is not null). Computed once per element, so that building a set compares
 * strings instead of walking (and formatting) values pair by pair.
 */
export function equivalenceKey(t: CtyType, r: Raw): string | null {
  if (r === null) return '~';
  if (r instanceof Unknown) return null;
  if (hasDynamic(t)) return null;
  switch (t.kind) {
    case 'number':
      return numberTextKey(r as CtyNumber);
    case 'string':
      return JSON.stringify(r);
    case 'bool':
      return r ? 'T' : 'F';
    case 'list':
    case 'tuple': {
      const a = r as Raw[];
      const parts: string[] = [];
      for (let i = 0; i < a.length; i++) {
        const k = equivalenceKey(t.kind === 'list' ? t.elem : t.elems[i]!, a[i] ?? null);
        if (k === null) return null;
        parts.push(k);
      }
      return `[${parts.join(',')}]`;
    }
    case 'map': {
      const m = r as Map<string, Raw>;
      const parts: string[] = [];
      for (const k of [...m.keys()].sort(compareGoStrings)) {
        const v = equivalenceKey(t.elem, m.get(k)!);
        if (v === null) return null;
        parts.push(`${JSON.stringify(k)}:${v}`);
      }
      return `{${parts.join(',')}}`;
    }
    case 'object': {
      const m = r as Map<string, Raw>;
      const parts: string[] = [];
      for (const k of [...t.attrs.keys()].sort(compareGoStrings)) {
        const v = equivalenceKey(t.attrs.get(k)!, m.get(k) ?? null);
        if (v === null) return null;
        parts.push(v);
      }
      return `<${parts.join(',')}>`;
    }
    case 'set': {
      // Equivalent sets hold each other's elements (go-cty's Has: same crc32 bucket, then
      // Equivalent): equal sets of (bucket, key) pairs.
      const parts = new Set<string>();
      for (const e of r as Raw[]) {
        const k = equivalenceKey(t.elem, e);
        if (k === null) return null;
        parts.add(`${crc32String(setHashString(t.elem, e))}:${k}`);
      }
      return `(${[...parts].sort().join(',')})`;
    }
    case 'dynamic':
      return null;
  }
}

/** Rank for the null/unknown part of go-cty's Less: known 0, unknown 1, null 2. */
const rank = (r: Raw): number => (r === null ? 2 : r instanceof Unknown ? 1 : 0);

/** go-cty's set Less on members whose hash and key are already made (nothing is formatted here). */
function compareMembers(t: CtyType, a: Member, b: Member): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.rank !== 0) return 0;
  switch (t.kind) {
    case 'string':
      return compareGoStrings(a.raw as string, b.raw as string);
    case 'bool':
      return a.raw === b.raw ? 0 : a.raw ? 1 : -1;
    case 'number':
      // equal Text('f', -1) is equal for go-cty; the key of a known number is that text
      if (a.key !== null && a.key === b.key) return 0;
      return compareNumbers(a.raw as CtyNumber, b.raw as CtyNumber);
    default:
      return compareGoStrings(a.hash, b.hash);
  }
}

/**
 * `cty.SetVal(elems)` for elements of type et: duplicates dropped as go-cty drops them, the rest in
 * go-cty's iteration order. Returns a new array. O(n log n): each element's hash and equivalence
 * key are made once; an equivalent member of the same bucket is found by key, not by comparing
 * pairs. go-cty's order (buckets by ascending crc32, insertion order within one, then a stable
 * sort by Less) is one sort by (Less, bucket), stable for insertion order.
 */
export function buildSet(et: CtyType, elems: readonly Raw[]): Raw[] {
  if (elems.length === 0) return [];
  // key -> the bucket (or buckets) holding a member with that key
  const seen = new Map<string, number | number[]>();
  const members: Member[] = [];
  for (const raw of elems) {
    const hash = setHashString(et, raw);
    const key = equivalenceKey(et, raw);
    const bucket = crc32String(hash);
    if (key !== null) {
      const at = seen.get(key);
      if (at === undefined) seen.set(key, bucket);
      else if (at === bucket || (typeof at !== 'number' && at.includes(bucket))) continue;
      else if (typeof at === 'number') seen.set(key, [at, bucket]);
      else at.push(bucket);
    }
    members.push({ raw, hash, key, bucket, rank: rank(raw) });
  }
  if (et.kind === 'number') sortNumberMembers(members);
  else members.sort((a, b) => compareMembers(et, a, b) || a.bucket - b.bucket); // Array.prototype.sort is stable
  return members.map((m) => m.raw);
}

/**
 * The sort of buildSet for numbers: known numbers whose values are doubles are compared as
 * doubles (equal doubles are equal values, which go-cty's Less leaves in bucket order).
 */
function sortNumberMembers(members: Member[]): void {
  const keyed = members.map((m) => ({ m, d: m.rank === 0 ? exactDouble(m.raw as CtyNumber) : undefined }));
  keyed.sort((a, b) => {
    if (a.d !== undefined && b.d !== undefined) return a.d < b.d ? -1 : a.d > b.d ? 1 : a.m.bucket - b.m.bucket;
    return compareMembers(T.Number, a.m, b.m) || a.m.bucket - b.m.bucket;
  });
  for (let i = 0; i < keyed.length; i++) members[i] = keyed[i]!.m;
}
