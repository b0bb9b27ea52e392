/** Family adapters for the conformance runner: gob-spec, gob-value, gob-generic. */
import type { FamilyCodec, VectorContext } from '../family.js';
import { valueFromCanonical, valueToCanonical } from '../cty/canonical.js';
import type { CtyValue } from '../cty/values.js';
import { specFromCanonical, specToCanonical } from '../hclspec/canonical.js';
import type { ObjectSpec } from '../hclspec/model.js';
import { WireError } from '../wire/errors.js';
import { decodeCtyValueGob, decodeObjectSpecGob, encodeCtyValueGob, encodeObjectSpecGob } from './api.js';
import { decodeGobStream, type GobStream } from './dynamic.js';
import { encodeGobStream } from './dynamic-encode.js';
import { streamFromCanonical, streamToCanonical } from './generic.js';

const typeIds = (ctx: VectorContext): readonly number[] | undefined => {
  const ids = ctx['gobTypeIds'];
  return Array.isArray(ids) && ids.every((x) => Number.isSafeInteger(x)) ? (ids as number[]) : undefined;
};

const gobSpec: FamilyCodec<ObjectSpec> = {
  family: 'gob-spec',
  decode: (bytes, _ctx, limits) => decodeObjectSpecGob(bytes, limits),
  encode: (spec, ctx) => encodeObjectSpecGob(spec, { gobTypeIds: typeIds(ctx) }),
  toCanonical: (spec) => specToCanonical(spec),
  fromCanonical: (json) => {
    const s = specFromCanonical(json);
    if (s.kind !== 'object') throw new WireError('canonical', 0, 'a gob-spec payload is an $object');
    return s;
  },
};

const gobValue: FamilyCodec<CtyValue> = {
  family: 'gob-value',
  decode: (bytes, _ctx, limits) => decodeCtyValueGob(bytes, limits),
  encode: (v, ctx) => encodeCtyValueGob(v, { gobTypeIds: typeIds(ctx) }),
  toCanonical: (v) => valueToCanonical(v, { withPrec: true }),
  fromCanonical: (json) => valueFromCanonical(json),
};

const gobGeneric: FamilyCodec<GobStream> = {
  family: 'gob-generic',
  decode: (bytes, _ctx, limits) => decodeGobStream(bytes, { limits }),
  encode: (st) => encodeGobStream(st),
  toCanonical: (st) => streamToCanonical(st),
  fromCanonical: (json, ctx) => streamFromCanonical(json, typeIds(ctx)),
};

/** gob-spec, gob-value, gob-generic adapters. */
export const gobFamilies: FamilyCodec[] = [gobSpec as FamilyCodec, gobValue as FamilyCodec, gobGeneric as FamilyCodec];
