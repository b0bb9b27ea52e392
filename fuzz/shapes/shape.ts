/** A hostile input shape: a family of inputs the fuzzer makes from scratch at a chosen size. */
import type { Family, VectorContext } from '../../codecs/family.js';

export interface Seed {
  /** manifest id of the vector it came from */
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly ctx: VectorContext;
}

export interface ShapeInput {
  readonly bytes: Uint8Array;
  readonly ctx: VectorContext;
}

export interface Shape {
  /** stable name (also the stem of hostile vector ids made from it) */
  readonly name: string;
  readonly families: readonly Family[];
  /** what the input is, for humans */
  readonly about: string;
  /** the sizes (nesting depths or declared counts) the fuzzer tries */
  readonly sizes: readonly number[];
  /** null when the shape cannot be made for this family (e.g. no seed gives the context it needs) */
  make(size: number, family: Family, seeds: readonly Seed[]): ShapeInput | null;
}

/** Depths around the shared MAX_DEPTH (1000) and far past it. */
export const DEPTHS: readonly number[] = [999, 1000, 1001, 2000, 10_001, 100_000];

/** Declared counts/lengths far past any input. */
export const HUGE: readonly number[] = [0x7fff_ffff, 0xffff_ffff, 2 ** 53, 2 ** 62];

/** The context of the first seed that satisfies `ok`, or null. */
export function contextWhere(seeds: readonly Seed[], ok: (ctx: VectorContext) => boolean): VectorContext | null {
  for (const s of seeds) if (ok(s.ctx)) return s.ctx;
  return null;
}
