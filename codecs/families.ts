/** Registry of every family adapter, for the conformance runner and the generic decode/encode API. */
import type { Family, FamilyCodec } from './family.js';
import { gobFamilies } from './gob/family.js';
import { protoFamilies } from './protobuf/family.js';
import { ctyFamilies } from './msgpack/family.js';
import { rpcFamilies } from './rpc/family.js';
import { transcriptFamilies } from './transcript/family.js';

const registry = new Map<Family, FamilyCodec>();
for (const c of [...gobFamilies, ...protoFamilies, ...ctyFamilies, ...rpcFamilies, ...transcriptFamilies]) registry.set(c.family, c);

export function familyCodec(f: Family): FamilyCodec | undefined {
  return registry.get(f);
}
