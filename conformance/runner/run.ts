/**
 * The conformance run: every vector through the TypeScript codec of its family.
 *
 * decode(bytes) -> model; canonical(model) must equal `expect`. Then encode(model): where the
 * vector is byteExact the bytes must equal Go's; otherwise decoding them again must give `expect`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES, type Family, type VectorContext } from '../../codecs/family.js';
import { familyCodec } from '../../codecs/families.js';
import { isWireError } from '../../codecs/wire/errors.js';
import { bytesEqual, canonicalDiff, jsonTextDiff } from './compare.js';
import { checkHostile, HOSTILE } from './hostile.js';

export interface ManifestVector {
  id: string;
  family: string;
  file: string;
  expect: string;
  source: { plugin: string; pluginVersion: string; sdkVersion: string; goVersion: string; mode: string; host?: string };
  byteExact: boolean;
  context?: VectorContext;
}

export interface FamilyResult {
  total: number;
  passed: number;
  failed: number;
  /** byte-exact vectors that re-encoded to Go's bytes exactly */
  byteExact: number;
}

export interface Failure {
  id: string;
  family: string;
  reason: string;
}

export interface ConformanceReport {
  total: number;
  passed: number;
  failed: number;
  families: Record<string, FamilyResult>;
  failures: Failure[];
}

export function loadManifest(dir: string): ManifestVector[] {
  const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { vectors?: ManifestVector[] };
  if (!Array.isArray(raw.vectors)) throw new Error(`${dir}/manifest.json has no "vectors" list`);
  return raw.vectors;
}

/** Checks one vector; returns null on success or the failure reason. `exact` is set when bytes matched. */
export function checkVector(dir: string, v: ManifestVector): { reason: string | null; exact: boolean } {
  if (v.family === HOSTILE) return checkHostile(dir, v);
  const codec = FAMILIES.includes(v.family as Family) ? familyCodec(v.family as Family) : undefined;
  if (!codec) return { reason: 'no codec', exact: false };
  const ctx: VectorContext = v.context ?? {};
  const bytes = new Uint8Array(readFileSync(join(dir, v.file)));
  const expect = JSON.parse(readFileSync(join(dir, v.expect), 'utf8')) as unknown;
  const step = (what: string, f: () => unknown): unknown => {
    try {
      return f();
    } catch (e) {
      const msg = isWireError(e) ? e.message : `${(e as Error)?.name ?? 'Error'} (not a WireError): ${(e as Error)?.message ?? String(e)}`;
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

class StepError extends Error {}

export function runConformance(dir: string, onProgress?: (done: number, total: number) => void): ConformanceReport {
  const vectors = loadManifest(dir);
  const report: ConformanceReport = { total: 0, passed: 0, failed: 0, families: {}, failures: [] };
  for (const f of FAMILIES) report.families[f] = { total: 0, passed: 0, failed: 0, byteExact: 0 };
  let done = 0;
  for (const v of vectors) {
    const fam = (report.families[v.family] ??= { total: 0, passed: 0, failed: 0, byteExact: 0 });
    const { reason, exact } = checkVector(dir, v);
    fam.total++;
    report.total++;
    if (reason === null) {
      fam.passed++;
      report.passed++;
      if (exact) fam.byteExact++;
    } else {
      fam.failed++;
      report.failed++;
      report.failures.push({ id: v.id, family: v.family, reason });
    }
    onProgress?.(++done, vectors.length);
  }
  return report;
}
