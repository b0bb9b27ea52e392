/**
 * Go type descriptions of RPC bodies. Each description is a plain object built once with `G`;
 * codec.ts compiles it (once, cached) into an encoder, a decoder and canonical-JSON converters.
 *
 * The TypeScript type of a value of a description is `GoValue<typeof desc>`:
 *
 * | Go                            | TS value                                  |
 * |-------------------------------|-------------------------------------------|
 * | bool                          | boolean                                   |
 * | int8/16/32, uint8/16/32       | number                                    |
 * | int, int64, uint, uint64      | bigint                                    |
 * | float32, float64              | number                                    |
 * | string                        | string                                    |
 * | []byte                        | Uint8Array \| null (nil)                  |
 * | time.Time                     | GoTime (GoTime.ZERO is the zero time)     |
 * | []T                           | T[] \| null (nil)                         |
 * | map[K]V                       | Map<K, V> \| null (nil)                   |
 * | *T                            | T \| null                                 |
 * | struct                        | object keyed by Go field name             |
 * | interface{}                   | AnyValue                                  |
 */
import type { AnyValue, CtyConfig, GoTime } from './values.js';

interface Base<V> {
  /** Phantom: the TS type of values of this Go type. */
  readonly __value?: V;
  /** Go's `%T` spelling of the type (without package path), e.g. `[]string`, `rpc.BasicError`. */
  readonly name: string;
}

export interface GoBool extends Base<boolean> {
  readonly kind: 'bool';
}
export interface GoIntType<V> extends Base<V> {
  readonly kind: 'int' | 'uint';
  readonly bits: 8 | 16 | 32 | 64;
}
export interface GoFloatType extends Base<number> {
  readonly kind: 'float';
  readonly bits: 32 | 64;
}
export interface GoString extends Base<string> {
  readonly kind: 'string';
}
export interface GoBytes extends Base<Uint8Array | null> {
  readonly kind: 'bytes';
}
export interface GoTimeType extends Base<GoTime> {
  readonly kind: 'time';
}
export interface GoSlice<E> extends Base<E[] | null> {
  readonly kind: 'slice';
  readonly elem: GoType;
}
export interface GoMapType<K, V> extends Base<Map<K, V> | null> {
  readonly kind: 'map';
  readonly key: GoType;
  readonly elem: GoType;
}
export interface GoPtr<E> extends Base<E | null> {
  readonly kind: 'ptr';
  readonly elem: GoType;
}
export interface GoStruct<V> extends Base<V> {
  readonly kind: 'struct';
  readonly fields: readonly (readonly [string, GoType])[];
}
export interface GoAny<V = AnyValue> extends Base<V> {
  readonly kind: 'any';
  /** interface{} elements of Prepare/Configure Configs: a []byte here holds cty JSON. */
  readonly cty: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: GoType is the union of every description, whatever its value type.
type AnyValueType = any;
export type GoType =
  | GoBool
  | GoIntType<AnyValueType>
  | GoFloatType
  | GoString
  | GoBytes
  | GoTimeType
  | GoSlice<AnyValueType>
  | GoMapType<AnyValueType, AnyValueType>
  | GoPtr<AnyValueType>
  | GoStruct<AnyValueType>
  | GoAny<AnyValueType>;

/** The TS type of values of a Go type description. */
export type GoValue<T> = T extends Base<infer V> ? V : never;

type Fields = Record<string, GoType>;
type StructValue<F extends Fields> = { -readonly [K in keyof F]: GoValue<F[K]> };

const int = <V>(kind: 'int' | 'uint', bits: 8 | 16 | 32 | 64, name: string): GoIntType<V> => Object.freeze({ kind, bits, name });

export const G = Object.freeze({
  bool: Object.freeze({ kind: 'bool', name: 'bool' }) as GoBool,
  int: int<bigint>('int', 64, 'int'),
  int8: int<number>('int', 8, 'int8'),
  int16: int<number>('int', 16, 'int16'),
  int32: int<number>('int', 32, 'int32'),
  int64: int<bigint>('int', 64, 'int64'),
  uint: int<bigint>('uint', 64, 'uint'),
  uint8: int<number>('uint', 8, 'uint8'),
  uint16: int<number>('uint', 16, 'uint16'),
  uint32: int<number>('uint', 32, 'uint32'),
  uint64: int<bigint>('uint', 64, 'uint64'),
  float32: Object.freeze({ kind: 'float', bits: 32, name: 'float32' }) as GoFloatType,
  float64: Object.freeze({ kind: 'float', bits: 64, name: 'float64' }) as GoFloatType,
  string: Object.freeze({ kind: 'string', name: 'string' }) as GoString,
  bytes: Object.freeze({ kind: 'bytes', name: '[]uint8' }) as GoBytes,
  time: Object.freeze({ kind: 'time', name: 'time.Time' }) as GoTimeType,
  /** interface{} */
  any: Object.freeze({ kind: 'any', cty: false, name: 'interface {}' }) as GoAny,
  /** `error`: on the wire whatever the concrete value is (nil or a *rpc.BasicError map); decoded as interface{}. */
  error: Object.freeze({ kind: 'any', cty: false, name: 'error' }) as GoAny,
  /** interface{} element of Configs: []byte content is cty JSON and decodes to a CtyConfig. */
  ctyConfig: Object.freeze({ kind: 'any', cty: true, name: 'interface {}' }) as GoAny<AnyValue | CtyConfig>,
  /** A named integer type (e.g. os.FileMode = uint32). */
  named<V>(name: string, base: GoIntType<V>): GoIntType<V> {
    return Object.freeze({ kind: base.kind, bits: base.bits, name });
  },
  slice<E extends GoType>(elem: E): GoSlice<GoValue<E>> {
    return Object.freeze({ kind: 'slice', elem, name: '[]' + elem.name });
  },
  map<K extends GoType, V extends GoType>(key: K, elem: V): GoMapType<GoValue<K>, GoValue<V>> {
    return Object.freeze({ kind: 'map', key, elem, name: `map[${key.name}]${elem.name}` });
  },
  ptr<E extends GoType>(elem: E): GoPtr<GoValue<E>> {
    return Object.freeze({ kind: 'ptr', elem, name: '*' + elem.name });
  },
  /** A struct; fields in Go declaration order (only exported fields: ugorji writes no others). */
  struct<F extends Fields>(name: string, fields: F): GoStruct<StructValue<F>> {
    return Object.freeze({ kind: 'struct', name, fields: Object.freeze(Object.entries(fields).map(([k, t]) => Object.freeze([k, t] as const))) });
  },
});
