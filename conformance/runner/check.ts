/**
 * Checking one vector, with no Node built-ins: the files come from a `read` function and the codecs
 * are passed in, so the same check runs in Node (`run.ts`, against the sources) and in a browser
 * (`scripts/browser.test.ts`, against the packaged core entry).
 *
 * decode(bytes) -> model; canonical(model) must equal `expect`. Then encode(model): where the
 * vector is byteExact the bytes must equal Go's; otherwise decoding them again must give `expect`.
 * A `hostile` vector (vectors/README.md, "hostile") holds hostile input bytes and the WireError
 * the codec of its target family (`context.family`, given the rest of the context) must throw for
 * them: a value, another exception or another WireError (codec or reason) fails it.
 */
import type { Family, FamilyCodec, VectorContext } from '../../codecs/family.js';
import type { WireError } from '../../codecs/wire/errors.js';
import { bytesEqual, canonicalDiff, jsonTextDiff } from './compare.js';

export interface ManifestVector {
  id: string;
  family: string;
  file: string;
  expect: string;
  source: { plugin: string; pluginVersion: string; sdkVersion: string; goVersion: string; mode: string; host?: string };
  byteExact: boolean;
  context?: VectorContext;
}

/** The codec surface a check needs (the core entry's `FAMILIES`, `familyCodec`, `isWireError`). */
export interface VectorCodecs {
  readonly FAMILIES: readonly Family[];
  familyCodec(f: Family): FamilyCodec | undefined;
  isWireError(e: unknown): e is WireError;
}

/** Reads a file named in the manifest (relative to the vectors folder). */
export type ReadVectorFile = (path: string) => Uint8Array;

export interface VectorCheck {
  /** null on success, else why the vector failed */
  reason: string | null;
  /** set when re-encoded bytes matched Go's */
  exact: boolean;
}

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

const utf8 = new TextDecoder();
const readJson = (read: ReadVectorFile, path: string): unknown => JSON.parse(utf8.decode(read(path)));

export function checkHostileWith(v: Pick<ManifestVector, 'file' | 'expect' | 'context'>, read: ReadVectorFile, codecs: VectorCodecs): VectorCheck {
  const target = hostileTarget(v.context);
  if (!codecs.FAMILIES.includes(target.family as Family))
    return { reason: `context.family ${JSON.stringify(target.family)} is not a vector family`, exact: false };
  const codec = codecs.familyCodec(target.family as Family);
  if (!codec) return { reason: 'no codec', exact: false };
  const want = (readJson(read, v.expect) as HostileExpect).error;
  if (!want || typeof want.codec !== 'string' || typeof want.reason !== 'string')
    return { reason: 'expect has no {"error": {"codec", "reason"}}', exact: false };
  const bytes = read(v.file);
  try {
    codec.decode(bytes, target.ctx);
  } catch (e) {
    if (!codecs.isWireError(e))
      return { reason: `decode threw ${(e as Error)?.name ?? typeof e} (not a WireError): ${(e as Error)?.message ?? String(e)}`, exact: false };
    if (e.codec !== want.codec || e.reason !== want.reason) {
      return { reason: `decode threw WireError ${e.codec}: ${JSON.stringify(e.reason)}, expected ${want.codec}: ${JSON.stringify(want.reason)}`, exact: false };
    }
    return { reason: null, exact: false };
  }
  return { reason: `decode returned a value; expected WireError ${want.codec}: ${JSON.stringify(want.reason)}`, exact: false };
}

class StepError extends Error {}

/** Checks one vector; `reason` is null on success. */
export function checkVectorWith(v: ManifestVector, read: ReadVectorFile, codecs: VectorCodecs): VectorCheck {
  if (v.family === HOSTILE) return checkHostileWith(v, read, codecs);
  const codec = codecs.FAMILIES.includes(v.family as Family) ? codecs.familyCodec(v.family as Family) : undefined;
  if (!codec) return { reason: 'no codec', exact: false };
  const ctx: VectorContext = v.context ?? {};
  const bytes = read(v.file);
  const expect = readJson(read, v.expect);
  const step = (what: string, f: () => unknown): unknown => {
    try {
      return f();
    } catch (e) {
      const msg = codecs.isWireError(e) ? e.message : `${(e as Error)?.name ?? 'Error'} (not a WireError): ${(e as Error)?.message ?? String(e)}`;
      throw new StepError(`${what}: ${msg}`);
    }
  };
  try {
    const model = step('decode', () => codec.decode(bytes, ctx));
    const got = step('canonical', () => codec.toCanonical(model, ctx));
    const d = canonicalDiff(got, expect);
    if (d) return { reason: `decode differs from expect at ${d}`, exact: false };
    const again = step('encode', () => codec.encode(model, ctx)) as Uint8Array;
    if (v.byteExact && v.file.endsWith('.json')) {
      // A JSON document (a proto-spec rejection's spec), not wire bytes: same value, any layout.
      const d3 = jsonTextDiff(again, bytes);
      if (d3) return { reason: `re-encoded JSON differs from the file's at ${d3}`, exact: false };
      return { reason: null, exact: true };
    }
    if (v.byteExact) {
      const at = bytesEqual(again, bytes);
      if (at >= 0) return { reason: `re-encoded bytes differ from Go's at byte ${at} (${again.length} vs ${bytes.length} bytes)`, exact: false };
      return { reason: null, exact: true };
    }
    const back = step('re-decode', () => codec.toCanonical(codec.decode(again, ctx), ctx));
    const d2 = canonicalDiff(back, expect);
    if (d2) return { reason: `re-encoded value decodes differently at ${d2}`, exact: false };
    return { reason: null, exact: false };
  } catch (e) {
    if (e instanceof StepError) return { reason: e.message, exact: false };
    throw e;
  }
}
