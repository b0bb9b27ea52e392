/**
 * Family `hostile` (vectors/README.md, "hostile"): hostile input bytes and the WireError our codec
 * of the target family must throw for them. The check: decoding the file with the codec of
 * `context.family` (given the rest of the context) throws a WireError whose codec and reason are
 * the expected ones. A value, another exception or another WireError fails the vector.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES, type Family, type VectorContext } from '../../codecs/family.js';
import { familyCodec } from '../../codecs/families.js';
import { isWireError } from '../../codecs/wire/errors.js';

export const HOSTILE = 'hostile';

/** What a hostile vector's expect file holds. */
export interface HostileExpect {
  error: { codec: string; reason: string };
  /** what the input is, for humans (not checked) */
  about?: string;
}

/** The target family and the context its codec is given (everything but `family`). */
export function hostileTarget(ctx: VectorContext | undefined): { family: string; ctx: VectorContext } {
  const { family, ...rest } = (ctx ?? {}) as Record<string, unknown>;
  return { family: typeof family === 'string' ? family : '', ctx: rest };
}

export function checkHostile(dir: string, v: { file: string; expect: string; context?: VectorContext }): { reason: string | null; exact: boolean } {
  const target = hostileTarget(v.context);
  if (!FAMILIES.includes(target.family as Family)) return { reason: `context.family ${JSON.stringify(target.family)} is not a vector family`, exact: false };
  const codec = familyCodec(target.family as Family);
  if (!codec) return { reason: 'no codec', exact: false };
  const want = (JSON.parse(readFileSync(join(dir, v.expect), 'utf8')) as HostileExpect).error;
  if (!want || typeof want.codec !== 'string' || typeof want.reason !== 'string') return { reason: 'expect has no {"error": {"codec", "reason"}}', exact: false };
  const bytes = new Uint8Array(readFileSync(join(dir, v.file)));
  try {
    codec.decode(bytes, target.ctx);
  } catch (e) {
    if (!isWireError(e)) return { reason: `decode threw ${(e as Error)?.name ?? typeof e} (not a WireError): ${(e as Error)?.message ?? String(e)}`, exact: false };
    if (e.codec !== want.codec || e.reason !== want.reason) {
      return { reason: `decode threw WireError ${e.codec}: ${JSON.stringify(e.reason)}, expected ${want.codec}: ${JSON.stringify(want.reason)}`, exact: false };
    }
    return { reason: null, exact: false };
  }
  return { reason: `decode returned a value; expected WireError ${want.codec}: ${JSON.stringify(want.reason)}`, exact: false };
}
