/**
 * The generic, family-level API: bytes <-> the canonical JSON of vectors/README.md.
 *
 *   import { decode, encode } from 'packer-wire';
 *   const spec = decode('gob-spec', bytes);          // {"$object": {...}}
 *   const again = encode('gob-spec', spec);          // Uint8Array
 *
 * `context` is the vector context a family needs (e.g. `{type: "dynamic"}` for msgpack-value,
 * `{direction, serviceMethod, bodyType}` for rpc); see vectors/README.md. `limits` raises or
 * lowers what one decode may cost (codecs/wire/limits.ts, DEFAULT_LIMITS when omitted):
 *
 *   decode('msgpack-value', bytes, ctx, { maxValues: 10_000_000, maxRetainedBytes: 2 ** 30 });
 */
import { FAMILIES, type Family, type VectorContext } from './family.js';
import { familyCodec } from './families.js';
import { WireError } from './wire/errors.js';
import type { DecodeOptions } from './wire/limits.js';

function codecFor(family: string) {
  if (!FAMILIES.includes(family as Family))
    throw new WireError('canonical', 0, `unknown family ${JSON.stringify(family)}; expected one of ${FAMILIES.join(', ')}`);
  const c = familyCodec(family as Family);
  if (!c) throw new WireError('canonical', 0, `no codec for family ${family}`);
  return c;
}

/** Decodes Go's bytes of one family to canonical JSON. Throws WireError on bad input. */
export function decode(family: Family, bytes: Uint8Array, context: VectorContext = {}, limits?: DecodeOptions): unknown {
  const c = codecFor(family);
  return c.toCanonical(c.decode(bytes, context, limits), context);
}

/** Encodes canonical JSON of one family to the bytes Go would write. Throws WireError on bad input. */
export function encode(family: Family, json: unknown, context: VectorContext = {}): Uint8Array {
  const c = codecFor(family);
  return c.encode(c.fromCanonical(json, context), context);
}
