/**
 * Family adapters for go-cty's value encodings: `msgpack-value` (cty/msgpack) and `json-value`
 * (cty/json). The model is a CtyValue; `context.type` is the CtyType JSON that was passed to
 * Marshal (the marshal type, which may hold DynamicPseudoType positions).

 */
import type { FamilyCodec, VectorContext } from '../family.js';
import { valueFromCanonical, valueToCanonical } from '../cty/canonical.js';
import { parseTypeJSON } from '../cty/type-json.js';
import { normalizeValue } from '../cty/value-build.js';
import { T, type CtyType } from '../cty/types.js';
import type { CtyValue } from '../cty/values.js';
import { marshalCtyJSON, unmarshalCtyJSON } from '../cty/json.js';
import { marshalCtyMsgpack, unmarshalCtyMsgpack } from '../cty/msgpack.js';

const typeCache = new Map<string, CtyType>();

const utf8 = new TextEncoder();

/**
 * The marshal type named by `context.type`, built as go-cty builds a type from its JSON
 * (attribute names NFC-normalised); parsed once per distinct type.
 */
export function contextType(ctx: VectorContext): CtyType {
  const j = ctx['type'];
  if (j === undefined) return T.DynamicPseudoType;
  const key = typeof j === 'string' ? j : JSON.stringify(j);
  let t = typeCache.get(key);
  if (!t) {
    t = parseTypeJSON(utf8.encode(JSON.stringify(j)));
    if (typeCache.size > 1024) typeCache.clear();
    typeCache.set(key, t);
  }
  return t;
}

const msgpackValue: FamilyCodec<CtyValue> = {
  family: 'msgpack-value',
  decode: (bytes, ctx) => unmarshalCtyMsgpack(bytes, contextType(ctx)),
  encode: (v, ctx) => marshalCtyMsgpack(v, contextType(ctx)),
  toCanonical: (v) => valueToCanonical(v),
  fromCanonical: (json) => normalizeValue(valueFromCanonical(json)),
};

const jsonValue: FamilyCodec<CtyValue> = {
  family: 'json-value',
  decode: (bytes, ctx) => unmarshalCtyJSON(bytes, contextType(ctx)),
  encode: (v, ctx) => marshalCtyJSON(v, contextType(ctx)),
  toCanonical: (v) => valueToCanonical(v),
  fromCanonical: (json) => normalizeValue(valueFromCanonical(json)),
};

export const ctyFamilies: FamilyCodec[] = [msgpackValue as FamilyCodec, jsonValue as FamilyCodec];
