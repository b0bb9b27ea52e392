/**
 * The conformance run: every vector through the TypeScript codec of its family (the check of one
 * vector is `checkVectorWith` in check.ts, shared with the browser run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES } from '../../codecs/family.js';
import { familyCodec } from '../../codecs/families.js';
import { isWireError } from '../../codecs/wire/errors.js';
import { checkVectorWith, type ManifestVector, type VectorCheck } from './check.js';

export type { ManifestVector } from './check.js';

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

/** Checks one vector of the folder `dir`; `reason` is null on success. `exact` is set when bytes matched. */
export function checkVector(dir: string, v: ManifestVector): VectorCheck {
  return checkVectorWith(v, (p) => new Uint8Array(readFileSync(join(dir, p))), { FAMILIES, familyCodec, isWireError });
}

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
