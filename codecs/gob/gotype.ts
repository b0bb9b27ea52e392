/**
 * TypeScript descriptions of Go types, as much of reflect.Type as gob looks at: kind, Name(),
 * String(), struct fields (the sent ones: exported, not chan/func), element types, pointers, and
 * whether the type marshals itself (GobEncoder / BinaryMarshaler, with value or pointer receiver).
 *
 * Descriptors are compared by identity, as reflect.Type values are: unnamed composite types made
 * with `goSlice`, `goMap`, `goArray`, `goPtr` are memoised on their element types so the same
 * Go type always yields the same object.
 *
 * JS values per kind (typed encode/decode):
 *   bool: boolean | int8..int32, uint8..uint32: number | int, int64, uint, uint64, uintptr: bigint
 *   float32/64: number | complex64/128: {re, im} | string: string (Uint8Array when the bytes
 *   are not UTF-8: Go strings are bytes) | []byte (slice of a uint8 kind):
 *   Uint8Array | array, slice: JS array | map: Map (null = nil map) | struct: object keyed by field
 *   name | interface: {type, value} or null | pointer: the pointee's value or null |
 *   external: whatever its codec reads and writes.
 */
import type { ByteWriter } from '../wire/writer.js';
import type { DecodeBudget } from '../wire/limits.js';

export type IntKind = 'int' | 'int8' | 'int16' | 'int32' | 'int64';
export type UintKind = 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';
export type BasicKind = 'bool' | IntKind | UintKind | 'float32' | 'float64' | 'complex64' | 'complex128' | 'string';

interface Named {
  /** reflect.Type.Name(): '' for unnamed types. */
  readonly name: string;
  /** reflect.Type.String(), e.g. 'hcldec.AttrSpec', 'map[string]cty.Type', '[]interface {}'. */
  readonly str: string;
}

export interface GobBasicType extends Named {
  readonly kind: BasicKind;
}
export interface GobArrayType extends Named {
  readonly kind: 'array';
  readonly elem: GoType;
  readonly len: number;
}
export interface GobSliceType extends Named {
  readonly kind: 'slice';
  readonly elem: GoType;
}
export interface GobMapType extends Named {
  readonly kind: 'map';
  readonly key: GoType;
  readonly elem: GoType;
}
export interface GobField {
  readonly name: string;
  readonly type: GoType;
}
export interface GobStructType extends Named {
  readonly kind: 'struct';
  /** The fields gob sends, in declaration order. */
  readonly fields: readonly GobField[];
}
export interface GobInterfaceType extends Named {
  readonly kind: 'interface';
  /** Whether a concrete type satisfies this interface (Go checks AssignableTo on decode). */
  readonly accepts?: (t: GoType) => boolean;
}
export interface GobPtrType extends Named {
  readonly kind: 'ptr';
  readonly elem: GoType;
}

/**
 * What a self-marshalling type's methods see: the id space (`ids`, added by idspace.ts) and the
 * registry (`registry`, added by registry.ts) of the enclosing stream. Those two modules extend
 * this interface, so that type descriptions do not depend on them and no import cycle forms.
 */
export interface ExternalContext {
  /** Nesting depth at the point the bytes are read or written (nested streams continue it). */
  readonly depth: number;
  /**
   * The deepest nesting reached so far in this encoding or decoding, raised by every nested
   * stream that continues it (a cached nested stream records how deep it went with its own mark).
   */
  readonly depthMark?: DepthMark;
  /** Absolute offset of the bytes in the outermost input, for error messages (decode only). */
  readonly offset: number;
  /** The decode call's budget (wire/limits.ts), shared by nested streams (decode only). */
  readonly budget?: DecodeBudget;
}

/** The deepest nesting an encoding reached (see ExternalContext.depthMark). */
export interface DepthMark {
  max: number;
}

/** A Go type with GobEncode/GobDecode (or MarshalBinary/UnmarshalBinary) methods. */
export interface GobExternalType<V = unknown> extends Named {
  readonly kind: 'external';
  readonly marshal: 'gob' | 'binary';
  /** Receiver of the encode method: 'pointer' means only *T implements it. */
  readonly receiver: 'value' | 'pointer';
  encode(v: V, ctx: ExternalContext): Uint8Array;
  /** Optional: the same bytes as `encode`, possibly shared with other callers (never modify them). */
  readonly encodeShared?: (v: V, ctx: ExternalContext) => Uint8Array;
  /** Optional: writes the bytes of `encode` as a gob byte string (count, then bytes) into w. */
  readonly encodeTo?: (w: ByteWriter, v: V, ctx: ExternalContext) => void;
  decode(b: Uint8Array, ctx: ExternalContext): V;
  /**
   * Optional: the same as `decode(buf.subarray(start, end), ctx)`, without making the view (for
   * types whose bytes are usually found in a cache).
   */
  readonly decodeAt?: (buf: Uint8Array, start: number, end: number, ctx: ExternalContext) => V;
  /** reflect.Value.IsZero of the receiver value (value receivers only). */
  isZero(v: V): boolean;
  /** The value of a field that was not on the wire. */
  zero(): V;
  /**
   * Exported fields of the underlying struct, if any. gob never sends them, but its Encoder
   * still defines their types right after the self-marshalling type's own definition
   * (encoder.go sendActualType walks the base type's fields); url.URL is an example.
   */
  readonly fields?: readonly GobField[];
}

// biome-ignore lint/suspicious/noExplicitAny: an external type of any value type.
export type GoType = GobBasicType | GobArrayType | GobSliceType | GobMapType | GobStructType | GobInterfaceType | GobPtrType | GobExternalType<any>;

// ---- basic types ----

const basic = (kind: BasicKind): GobBasicType => Object.freeze({ kind, name: kind, str: kind });
export const goBool = basic('bool');
export const goInt = basic('int');
export const goInt8 = basic('int8');
export const goInt16 = basic('int16');
export const goInt32 = basic('int32');
export const goInt64 = basic('int64');
export const goUint = basic('uint');
export const goUint8 = basic('uint8');
export const goUint16 = basic('uint16');
export const goUint32 = basic('uint32');
export const goUint64 = basic('uint64');
export const goUintptr = basic('uintptr');
export const goFloat32 = basic('float32');
export const goFloat64 = basic('float64');
export const goComplex64 = basic('complex64');
export const goComplex128 = basic('complex128');
export const goString = basic('string');

/** A named type with a basic underlying kind, e.g. `goNamedBasic('uint8', 'primitiveTypeKind', 'cty.primitiveTypeKind')`. */
export function goNamedBasic(kind: BasicKind, name: string, str: string = name): GobBasicType {
  return Object.freeze({ kind, name, str });
}

// ---- composite types ----

const sliceMemo = new WeakMap<GoType, GobSliceType>();
const ptrMemo = new WeakMap<GoType, GobPtrType>();
const mapMemo = new WeakMap<GoType, WeakMap<GoType, GobMapType>>();
const arrayMemo = new WeakMap<GoType, Map<number, GobArrayType>>();

type Lazy<T> = T | (() => T);

/** A frozen descriptor whose `elem` is resolved on first use (named recursive types). */
function lazyElem<O extends object>(base: O, elem: () => GoType): O & { readonly elem: GoType } {
  let resolved: GoType | undefined;
  return Object.freeze(
    Object.defineProperty({ ...base }, 'elem', {
      enumerable: true,
      get: () => (resolved ??= elem()),
    }) as O & { readonly elem: GoType },
  );
}

/**
 * []T (unnamed; memoised). Pass `named` for a defined type such as `type TupleSpec []Spec`;
 * a named type may give its element as a function, for recursive types.
 */
export function goSlice(elem: Lazy<GoType>, named?: { name: string; str?: string }): GobSliceType {
  if (named) {
    const base = { kind: 'slice' as const, name: named.name, str: named.str ?? named.name };
    return typeof elem === 'function' ? lazyElem(base, elem) : Object.freeze({ ...base, elem });
  }
  if (typeof elem === 'function') throw new TypeError('only named slice types may be recursive');
  let t = sliceMemo.get(elem);
  if (!t) {
    t = Object.freeze({ kind: 'slice', elem, name: '', str: `[]${elem.str}` });
    sliceMemo.set(elem, t);
  }
  return t;
}

export function goArray(len: number, elem: GoType, named?: { name: string; str?: string }): GobArrayType {
  if (!Number.isSafeInteger(len) || len < 0) throw new RangeError(`bad array length ${len}`);
  if (named) return Object.freeze({ kind: 'array', elem, len, name: named.name, str: named.str ?? named.name });
  let m = arrayMemo.get(elem);
  if (!m) arrayMemo.set(elem, (m = new Map()));
  let t = m.get(len);
  if (!t) {
    t = Object.freeze({ kind: 'array', elem, len, name: '', str: `[${len}]${elem.str}` });
    m.set(len, t);
  }
  return t;
}

export function goMap(key: GoType, elem: Lazy<GoType>, named?: { name: string; str?: string }): GobMapType {
  if (named) {
    const base = { kind: 'map' as const, key, name: named.name, str: named.str ?? named.name };
    return typeof elem === 'function' ? lazyElem(base, elem) : Object.freeze({ ...base, elem });
  }
  if (typeof elem === 'function') throw new TypeError('only named map types may be recursive');
  let m = mapMemo.get(key);
  if (!m) mapMemo.set(key, (m = new WeakMap()));
  let t = m.get(elem);
  if (!t) {
    t = Object.freeze({ kind: 'map', key, elem, name: '', str: `map[${key.str}]${elem.str}` });
    m.set(elem, t);
  }
  return t;
}

export function goPtr(elem: GoType): GobPtrType {
  let t = ptrMemo.get(elem);
  if (!t) {
    t = Object.freeze({ kind: 'ptr', elem, name: '', str: `*${elem.str}` });
    ptrMemo.set(elem, t);
  }
  return t;
}

/** []byte. */
export const goBytes = goSlice(goUint8);

type FieldSpec = Record<string, GoType> | readonly GobField[];

const toFields = (f: FieldSpec): readonly GobField[] =>
  Object.freeze(
    Array.isArray(f) ? [...(f as readonly GobField[])] : Object.entries(f as Record<string, GoType>).map(([name, type]) => Object.freeze({ name, type })),
  );

/**
 * A struct type. `fields` lists the fields gob sends (exported, not chan/func) in declaration
 * order; pass a function to build recursive types (it is called once, on first use).
 * `name` is reflect's Name() ('' for an unnamed struct), `str` its String() (default: name).
 */
export function goStruct(name: string, fields: FieldSpec | (() => FieldSpec), opts: { str?: string } = {}): GobStructType {
  const str = opts.str ?? (name === '' ? 'struct {}' : name);
  if (typeof fields !== 'function') return Object.freeze({ kind: 'struct', name, str, fields: toFields(fields) });
  let resolved: readonly GobField[] | undefined;
  const t = {
    kind: 'struct' as const,
    name,
    str,
    get fields(): readonly GobField[] {
      return (resolved ??= toFields(fields()));
    },
  };
  return Object.freeze(t);
}

/** An interface type; `goAny` is `interface {}`. */
export function goInterface(name: string, str: string = name, accepts?: (t: GoType) => boolean): GobInterfaceType {
  return Object.freeze(accepts ? { kind: 'interface', name, str, accepts } : { kind: 'interface', name, str });
}
export const goAny = goInterface('', 'interface {}');

/** A type with its own GobEncode/GobDecode (or MarshalBinary/UnmarshalBinary). */
export function gobEncoder<V>(
  name: string,
  methods: {
    encode(v: V, ctx: ExternalContext): Uint8Array;
    encodeShared?(v: V, ctx: ExternalContext): Uint8Array;
    encodeTo?(w: ByteWriter, v: V, ctx: ExternalContext): void;
    decode(b: Uint8Array, ctx: ExternalContext): V;
    decodeAt?(buf: Uint8Array, start: number, end: number, ctx: ExternalContext): V;
    isZero?(v: V): boolean;
    zero?(): V;
  },
  opts: { str?: string; receiver?: 'value' | 'pointer'; marshal?: 'gob' | 'binary'; fields?: FieldSpec } = {},
): GobExternalType<V> {
  return Object.freeze({
    ...(opts.fields ? { fields: toFields(opts.fields) } : {}),
    kind: 'external',
    name,
    str: opts.str ?? name,
    marshal: opts.marshal ?? 'gob',
    receiver: opts.receiver ?? 'value',
    encode: methods.encode,
    decode: methods.decode,
    ...(methods.decodeAt ? { decodeAt: methods.decodeAt } : {}),
    ...(methods.encodeShared ? { encodeShared: methods.encodeShared } : {}),
    ...(methods.encodeTo ? { encodeTo: methods.encodeTo } : {}),
    isZero: methods.isZero ?? ((v: V) => v === null || v === undefined),
    zero: methods.zero ?? (() => null as V),
  });
}

// ---- gob's userTypeInfo ----

export const X_GOB = 1;
export const X_BINARY = 2;

/** What gob derives from a Go type before encoding it (type.go validUserType). */
export interface UserTypeInfo {
  readonly user: GoType;
  /** The type after all pointer indirections. */
  readonly base: GoType;
  readonly indir: number;
  /** 0, X_GOB or X_BINARY. */
  readonly externalEnc: number;
  /** Indirections to reach the receiver; -1 when only the pointer implements the method. */
  readonly encIndir: number;
}

const utMemo = new WeakMap<GoType, UserTypeInfo>();

const implementsDirectly = (t: GoType): GobExternalType | undefined => {
  if (t.kind === 'external') return t.receiver === 'value' ? t : undefined;
  if (t.kind === 'ptr' && t.elem.kind === 'external') return t.elem;
  return undefined;
};

export function userType(t: GoType): UserTypeInfo {
  let ut = utMemo.get(t);
  if (ut) return ut;
  let base = t;
  let indir = 0;
  while (base.kind === 'ptr') {
    base = base.elem;
    indir++;
    if (indir > 100) throw new RangeError(`pointer chain too long in ${t.str}`);
  }
  let externalEnc = 0;
  let encIndir = 0;
  // implementsInterface: walk down pointers looking for the method, then try &T.
  let rt: GoType = t;
  let i = 0;
  for (;;) {
    const x = implementsDirectly(rt);
    if (x) {
      externalEnc = x.marshal === 'gob' ? X_GOB : X_BINARY;
      encIndir = i;
      break;
    }
    if (rt.kind === 'ptr') {
      rt = rt.elem;
      i++;
      continue;
    }
    if (t.kind !== 'ptr' && t.kind === 'external') {
      externalEnc = t.marshal === 'gob' ? X_GOB : X_BINARY;
      encIndir = -1;
    }
    break;
  }
  ut = Object.freeze({ user: t, base, indir, externalEnc, encIndir });
  utMemo.set(t, ut);
  return ut;
}

export const isIntKind = (k: string): k is IntKind => k === 'int' || k === 'int8' || k === 'int16' || k === 'int32' || k === 'int64';
export const isUintKind = (k: string): k is UintKind => k === 'uint' || k === 'uint8' || k === 'uint16' || k === 'uint32' || k === 'uint64' || k === 'uintptr';
/** Kinds whose JS value is a bigint (64-bit wide). */
export const isWideKind = (k: string): boolean => k === 'int' || k === 'int64' || k === 'uint' || k === 'uint64' || k === 'uintptr';
/** A slice of a uint8 kind is gob's []byte. */
export const isByteSlice = (t: GoType): boolean => t.kind === 'slice' && t.elem.kind === 'uint8';
