/**
 * Family `hostile` (vectors/README.md, "hostile"): hostile input bytes and the WireError our codec
 * of the target family must throw for them. The check itself is `checkHostileWith` (check.ts):
 * decoding the file with the codec of `context.family` (given the rest of the context) throws a
 * WireError whose codec and reason are the expected ones. A value, another exception or another
 * WireError fails the vector.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VectorContext } from '../../codecs/family.js';
import { FAMILIES } from '../../codecs/family.js';
import { familyCodec } from '../../codecs/families.js';
import { isWireError } from '../../codecs/wire/errors.js';
import { checkHostileWith, type VectorCheck } from './check.js';

export { HOSTILE, hostileTarget, type HostileExpect } from './check.js';

export function checkHostile(dir: string, v: { file: string; expect: string; context?: VectorContext }): VectorCheck {
  return checkHostileWith(v, (p) => new Uint8Array(readFileSync(join(dir, p))), { FAMILIES, familyCodec, isWireError });
}
