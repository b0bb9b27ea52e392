/**
 * The hcldec spec model (Go's `hcldec.Spec` implementations that can cross the wire), shared by
 * the gob codec (all kinds) and the protobuf conversion (object, attr, block, blockList).
 */
import type { CtyType } from '../cty/types.js';
import type { CtyValue } from '../cty/values.js';

export type Spec =
  | ObjectSpec
  | { readonly kind: 'tuple'; readonly items: readonly Spec[] }
  | AttrSpec
  | { readonly kind: 'literal'; readonly value: CtyValue }
  | BlockSpec
  | BlockListSpec
  | { readonly kind: 'blockTuple' | 'blockSet'; readonly typeName: string; readonly nested: Spec | null; readonly minItems: number; readonly maxItems: number }
  | { readonly kind: 'blockMap' | 'blockObject'; readonly typeName: string; readonly labelNames: readonly string[]; readonly nested: Spec | null }
  | { readonly kind: 'blockAttrs'; readonly typeName: string; readonly elementType: CtyType; readonly required: boolean }
  | { readonly kind: 'blockLabel'; readonly index: number; readonly name: string }
  | { readonly kind: 'default'; readonly primary: Spec | null; readonly default: Spec | null };

/** `hcldec.ObjectSpec`: the top of every ConfigSpec / OutputSpec. Map order is not significant. */
export interface ObjectSpec {
  readonly kind: 'object';
  readonly attrs: ReadonlyMap<string, Spec>;
}
export interface AttrSpec {
  readonly kind: 'attr';
  readonly name: string;
  readonly type: CtyType;
  readonly required: boolean;
}
export interface BlockSpec {
  readonly kind: 'block';
  readonly typeName: string;
  readonly nested: Spec | null;
  readonly required: boolean;
}
export interface BlockListSpec {
  readonly kind: 'blockList';
  readonly typeName: string;
  readonly nested: Spec | null;
  readonly minItems: number;
  readonly maxItems: number;
}

export type SpecKind = Spec['kind'];
