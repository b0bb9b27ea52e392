/**
 * The model of values in `interface{}` positions of RPC bodies (and of time.Time anywhere).
 *
 * A typed position (a struct field of Go type string, uint32, …) holds a plain JS value chosen by
 * its GoType (see gotype.ts). An `interface{}` position holds an `AnyValue`, which keeps exactly
 * what ugorji needs to write the same bytes again: signed vs unsigned integers, float widths,
 * strings vs byte strings, map entry order.
 */
import type { CtyValue } from '../cty/values.js';

/** A Go signed integer (any of int, int8 … int64) in an interface{}; ugorji decodes these as int64. */
export class GoInt {
  constructor(readonly value: bigint) {}
}

/** A Go unsigned integer in an interface{}; ugorji decodes these as uint64. */
export class GoUint {
  constructor(readonly value: bigint) {}
}

/**
 * A Go float in an interface{}. `bits` is the width written on the wire (ugorji decodes both
 * widths into float64). `nanBits` keeps the exact bit pattern of a NaN read from the wire.
 */
export class GoFloat {
  constructor(
    readonly value: number,
    readonly bits: 32 | 64 = 64,
    readonly nanBits?: bigint,
  ) {}
}

/**
 * A Go time.Time as ugorji carries it: seconds since the Unix epoch and nanoseconds (UTC; the
 * location does not travel). `GoTime.ZERO` is Go's zero time, which ugorji writes as nil.
 */
export class GoTime {
  /** Seconds from 0001-01-01T00:00:00Z to the Unix epoch, negated. */
  static readonly ZERO_SEC = -62135596800n;
  static readonly ZERO = new GoTime(GoTime.ZERO_SEC, 0);
  constructor(
    readonly sec: bigint,
    /** 0 <= nsec < 1e9 */
    readonly nsec: number,
  ) {}
  isZero(): boolean {
    return this.sec === GoTime.ZERO_SEC && this.nsec === 0;
  }
}

/**
 * A Go map in an interface{} position (ugorji decodes it as map[interface{}]interface{}). Entries
 * are kept in wire order; keys are scalars (nil, bool, string, integers, floats, time).
 */
export class GoMap {
  constructor(readonly entries: Array<readonly [AnyValue, AnyValue]>) {}
  get size(): number {
    return this.entries.length;
  }
  get(key: string): AnyValue | undefined {
    for (const [k, v] of this.entries) if (k === key) return v;
    return undefined;
  }
}

/** An ext other than time (ugorji decodes it into codec.RawExt{Tag, Data}). */
export class GoRawExt {
  constructor(
    readonly tag: number,
    readonly data: Uint8Array,
  ) {}
}

/**
 * One element of Prepare/Configure `Configs` that the SDK sent as cty JSON (`json.Marshal(v,
 * cty.DynamicPseudoType)` in a []byte); the serving SDK turns it back into this cty value.
 */
export class CtyConfig {
  constructor(readonly value: CtyValue) {}
}

export type AnyValue = null | boolean | string | Uint8Array | GoInt | GoUint | GoFloat | GoTime | GoMap | GoRawExt | CtyConfig | AnyValue[];

/** Convenience constructors. */
export const goInt = (v: number | bigint): GoInt => new GoInt(BigInt(v));
export const goUint = (v: number | bigint): GoUint => new GoUint(BigInt(v));
export const goFloat64 = (v: number): GoFloat => new GoFloat(v, 64);
export const goFloat32 = (v: number): GoFloat => new GoFloat(Math.fround(v), 32);
/** A map[string]interface{}-like GoMap from an object, in the object's key order. */
export const goMapOf = (o: Record<string, AnyValue>): GoMap => new GoMap(Object.entries(o));
