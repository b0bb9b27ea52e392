import type { CtyType } from './types.js';
import type { CtyNumber } from './number.js';

/** Refinements go-cty may attach to an unknown value (go-cty >= 1.13). */
export interface Refinements {
  notNull?: boolean;
  stringPrefix?: string;
  /** [bound, inclusive] */
  numberLower?: readonly [CtyNumber, boolean];
  numberUpper?: readonly [CtyNumber, boolean];
  lengthLower?: number;
  lengthUpper?: number;
}

/** The unknown value marker. `Unknown.plain` is the common unrefined instance. */
export class Unknown {
  static readonly plain = new Unknown();
  constructor(readonly refinements?: Readonly<Refinements>) {}
}

/**
 * The raw (type-directed) content of a cty value. What a Raw means depends on the type beside it:
 *
 * | type            | raw                                                       |
 * |-----------------|-----------------------------------------------------------|
 * | any             | `null` (null value) or an `Unknown`                       |
 * | string          | JS string                                                 |
 * | bool            | boolean                                                   |
 * | number          | CtyNumber                                                 |
 * | list, tuple     | Raw[]                                                     |
 * | set             | Raw[] in go-cty's iteration order                         |
 * | map, object     | Map<string, Raw> (object: exactly the type's attributes)  |
 */
export type Raw = null | Unknown | string | boolean | CtyNumber | Raw[] | Map<string, Raw>;

/** A cty value: a type and its raw content. */
export interface CtyValue {
  readonly type: CtyType;
  readonly raw: Raw;
}
