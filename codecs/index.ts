/**
 * packer-wire: the public API. Everything not exported here is internal.
 */
export { WireError, isWireError, type CodecName } from './wire/index.js';
export { FAMILIES, type Family, type FamilyCodec, type VectorContext } from './family.js';
export { familyCodec } from './families.js';
export { T, typeEquals, typeGoString, type CtyType } from './cty/types.js';
export { CtyNumber, type RoundingMode } from './cty/number.js';
export { Unknown, type CtyValue, type Raw, type Refinements } from './cty/values.js';
export type { Spec, ObjectSpec, AttrSpec, BlockSpec, BlockListSpec } from './hclspec/model.js';
export { decode, encode } from './api.js';
