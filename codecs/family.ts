/**
 * The adapter each codec gives the conformance runner and the public `decode`/`encode` API:
 * bytes <-> model <-> canonical JSON (vectors/README.md) for one vector family.
 */
import type { DecodeBudget, DecodeOptions } from './wire/limits.js';

export type Family = 'gob-spec' | 'gob-value' | 'gob-generic' | 'proto-spec' | 'msgpack-value' | 'json-value' | 'rpc' | 'transcript';

export const FAMILIES: readonly Family[] = ['gob-spec', 'gob-value', 'gob-generic', 'proto-spec', 'msgpack-value', 'json-value', 'rpc', 'transcript'];

/** The manifest's `context` object of a vector (family-specific keys, see vectors/README.md). */
export type VectorContext = Readonly<Record<string, unknown>>;

export interface FamilyCodec<M = unknown> {
  readonly family: Family;
  /**
   * Bytes -> model. Throws WireError on bad input, and on input that would cost more than the
   * decode limits allow (`limits`: options, default DEFAULT_LIMITS, or a caller's running budget).
   */
  decode(bytes: Uint8Array, ctx: VectorContext, limits?: DecodeOptions | DecodeBudget): M;
  /** Model -> bytes; for byte-exact vectors equal to Go's bytes. */
  encode(model: M, ctx: VectorContext): Uint8Array;
  /** Model -> canonical JSON. */
  toCanonical(model: M, ctx: VectorContext): unknown;
  /** Canonical JSON -> model. */
  fromCanonical(json: unknown, ctx: VectorContext): M;
}
