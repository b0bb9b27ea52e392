import type { FamilyCodec } from '../family.js';
/** gob-spec, gob-value, gob-generic adapters (filled in by the gob codec). */
export const gobFamilies: FamilyCodec[] = [];
