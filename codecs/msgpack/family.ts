import type { FamilyCodec } from '../family.js';
/** msgpack-value and json-value adapters (filled in by the cty codecs). */
export const ctyFamilies: FamilyCodec[] = [];
