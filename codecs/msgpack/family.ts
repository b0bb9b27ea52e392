/**
 * Family adapters for go-cty's value encodings: `msgpack-value` (cty/msgpack) and `json-value`
 * (cty/json). The model is a CtyValue; `context.type` is the CtyType JSON that was passed to
 * Marshal (the marshal type, which may hold DynamicPseudoType positions).

 */
import { TextKeyedCache } from '../wire/text-cache.js';
import type { FamilyCodec, VectorContext } from '../family.js';
import { valueFromCanonical, valueToCanonical } from '../cty/canonical.js';
import { parseTypeJSON } from '../cty/type-json.js';
import { normalizeValue } from '../cty/value-build.js';
import { T, primitiveTypeNamed, type CtyType } from '../cty/types.js';
import type { CtyValue } from '../cty/values.js';
import { marshalCtyJSON, unmarshalCtyJSON } from '../cty/json.js';
import { marshalCtyMsgpack, unmarshalCtyMsgpack } from '../cty/msgpack.js';

/** Context types by their JSON text: at most 1024 types from 1 MiB of text. */
const typeCache = new TextKeyedCache<CtyType>(1024, 1 << 20);

const utf8 = new TextEncoder();

/**
 * The marshal type named by `context.type`, built as go-cty builds a type from its JSON
 * (attribute names NFC-normalised); parsed once per distinct type.
 */
export function contextType(ctx: VectorContext): CtyType {
  const j = ctx['type'];
  if (j === undefined) return T.DynamicPseudoType;
  // a primitive type's name ("dynamic", "string", …): nothing to parse or keep
  const named = typeof j === 'string' ? primitiveTypeNamed(j) : undefined;
  if (named !== undefined) return named;
  const key = typeof j === 'string' ? j : JSON.stringify(j);
  let t = typeCache.get(key);
  if (!t) {
    t = parseTypeJSON(utf8.encode(JSON.stringify(j)));
    typeCache.set(key, t);
  }
  return t;
}

const msgpackValue: FamilyCodec<CtyValue> = {
  family: 'msgpack-value',
  decode: (bytes, ctx, limits) => unmarshalCtyMsgpack(bytes, contextType(ctx), limits),
  encode: (v, ctx) => marshalCtyMsgpack(v, contextType(ctx)),
  toCanonical: (v) => valueToCanonical(v),
  fromCanonical: (json) => normalizeValue(valueFromCanonical(json)),
};

const jsonValue: FamilyCodec<CtyValue> = {
  family: 'json-value',
  decode: (bytes, ctx, limits) => unmarshalCtyJSON(bytes, contextType(ctx), 0, limits),
  encode: (v, ctx) => marshalCtyJSON(v, contextType(ctx)),
  toCanonical: (v) => valueToCanonical(v),
  fromCanonical: (json) => normalizeValue(valueFromCanonical(json)),
};

export const ctyFamilies: FamilyCodec[] = [msgpackValue as FamilyCodec, jsonValue as FamilyCodec];
