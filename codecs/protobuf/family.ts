import type { FamilyCodec } from '../family.js';
/** proto-spec adapter (filled in by the protobuf codec). */
export const protoFamilies: FamilyCodec[] = [];
