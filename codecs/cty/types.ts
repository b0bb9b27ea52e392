/**
 * The cty type model shared by every codec (gob, msgpack, cty JSON, protobuf specs).
 *
 * Types are plain immutable objects; primitives are singletons so `===` works for them, and
 * `typeEquals` compares structurally.
 */
export type CtyType =
  | PrimitiveType
  | { readonly kind: 'dynamic' }
  | { readonly kind: 'list'; readonly elem: CtyType }
  | { readonly kind: 'set'; readonly elem: CtyType }
  | { readonly kind: 'map'; readonly elem: CtyType }
  | {
      readonly kind: 'object';
      /** Attribute types. Iteration order is not significant; codecs sort names where Go does. */
      readonly attrs: ReadonlyMap<string, CtyType>;
      /** Names of optional attributes (a subset of attrs' keys), possibly empty. */
      readonly optional: ReadonlySet<string>;
    }
  | { readonly kind: 'tuple'; readonly elems: readonly CtyType[] };

export type PrimitiveType = { readonly kind: 'string' } | { readonly kind: 'number' } | { readonly kind: 'bool' };

const prim = (kind: 'string' | 'number' | 'bool'): CtyType => Object.freeze({ kind });

/**
 * The element list of a tuple type whose Go `ElemTypes` slice is nil rather than empty: what a
 * tuple type with no elements becomes after a trip through gob (the empty slice is not sent).
 * go-cty writes it as `["tuple", null]` in its JSON type syntax. Compare with `===`.
 */
export const NIL_TYPE_LIST: readonly CtyType[] = Object.freeze([]);

/**
 * Type constructors, named as in Go (`T.String`, `T.list(T.Number)`, …).
 * Primitive types and DynamicPseudoType are singletons.
 */
export const T = Object.freeze({
  String: prim('string'),
  Number: prim('number'),
  Bool: prim('bool'),
  DynamicPseudoType: Object.freeze({ kind: 'dynamic' }) as CtyType,
  list: (elem: CtyType): CtyType => ({ kind: 'list', elem }),
  set: (elem: CtyType): CtyType => ({ kind: 'set', elem }),
  map: (elem: CtyType): CtyType => ({ kind: 'map', elem }),
  tuple: (elems: readonly CtyType[]): CtyType => ({ kind: 'tuple', elems }),
  object(attrs: Record<string, CtyType> | ReadonlyMap<string, CtyType>, optional: Iterable<string> = []): CtyType {
    const m = attrs instanceof Map ? new Map(attrs) : new Map(Object.entries(attrs));
    const o = new Set(optional);
    // Most object types have no optional attributes: they share one empty set.
    return { kind: 'object', attrs: m, optional: o.size === 0 ? NO_NAMES : o };
  },
});

/**
 * An object type holding these collections as they are (no copy), for a decoder that has just
 * built them and hands them over: neither may be changed afterwards.
 */
export function objectType(attrs: ReadonlyMap<string, CtyType>, optional: ReadonlySet<string> = NO_NAMES): CtyType {
  return { kind: 'object', attrs, optional: optional.size === 0 ? NO_NAMES : optional };
}

/** The empty optional-attribute set that object types without optional attributes share. */
const NO_NAMES: ReadonlySet<string> = new Set();

/** The primitive type (or DynamicPseudoType) go-cty's JSON type syntax names, or undefined. */
export function primitiveTypeNamed(name: string): CtyType | undefined {
  switch (name) {
    case 'string':
      return T.String;
    case 'number':
      return T.Number;
    case 'bool':
      return T.Bool;
    case 'dynamic':
      return T.DynamicPseudoType;
  }
  return undefined;
}

export function typeEquals(a: CtyType, b: CtyType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'dynamic':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return typeEquals(a.elem, (b as typeof a).elem);
    case 'tuple': {
      const be = (b as typeof a).elems;
      if (a.elems.length !== be.length) return false;
      for (let i = 0; i < be.length; i++) if (!typeEquals(a.elems[i]!, be[i]!)) return false;
      return true;
    }
    case 'object': {
      const bo = b as typeof a;
      if (a.attrs.size !== bo.attrs.size || a.optional.size !== bo.optional.size) return false;
      for (const [k, t] of a.attrs) {
        const u = bo.attrs.get(k);
        if (u === undefined || !typeEquals(t, u)) return false;
      }
      for (const k of a.optional) if (!bo.optional.has(k)) return false;
      return true;
    }
  }
}

/** Go's `cty.Type.GoString()` for the types protobuf specs carry ("cty.String", …). */
export function typeGoString(t: CtyType): string {
  switch (t.kind) {
    case 'string':
      return 'cty.String';
    case 'number':
      return 'cty.Number';
    case 'bool':
      return 'cty.Bool';
    case 'dynamic':
      return 'cty.DynamicPseudoType';
    case 'list':
      return `cty.List(${typeGoString(t.elem)})`;
    case 'set':
      return `cty.Set(${typeGoString(t.elem)})`;
    case 'map':
      return `cty.Map(${typeGoString(t.elem)})`;
    case 'tuple':
      return `cty.Tuple([]cty.Type{${t.elems.map(typeGoString).join(', ')}})`;
    case 'object': {
      const names = sortedAttrNames(t.attrs);
      const body = names.map((n) => `${JSON.stringify(n)}:${typeGoString(t.attrs.get(n)!)}`).join(', ');
      if (t.optional.size === 0) return `cty.Object(map[string]cty.Type{${body}})`;
      const opt = [...t.optional]
        .sort(compareGoStrings)
        .map((n) => JSON.stringify(n))
        .join(', ');
      return `cty.ObjectWithOptionalAttrs(map[string]cty.Type{${body}}, []string{${opt}})`;
    }
  }
}

/**
 * An object type's attribute names in Go's order (byte-wise): a new array. Types read from Go's
 * type JSON list them so already, which one pass sees.
 */
export function sortedAttrNames(attrs: ReadonlyMap<string, CtyType>): string[] {
  const names = [...attrs.keys()];
  for (let i = 1; i < names.length; i++) if (compareGoStrings(names[i - 1]!, names[i]!) >= 0) return names.sort(compareGoStrings);
  return names;
}

/**
 * Go compares strings byte-wise on their UTF-8 encoding. JS `<` compares UTF-16 code units, which
 * differs for characters above U+FFFF versus U+E000..U+FFFF. Use this wherever Go sorts strings.
 */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800-DFFF) encode code points above U+FFFF, which sort after U+E000-U+FFFF in UTF-8.
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x - y;
  }
  return a.length - b.length;
}
