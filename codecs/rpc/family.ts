import type { FamilyCodec } from '../family.js';
/** rpc (and later transcript) adapters (filled in by the rpc codec). */
export const rpcFamilies: FamilyCodec[] = [];
