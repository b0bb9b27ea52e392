/** The seed corpus: the golden vectors of a family (bytes and context), plus hostile vectors aimed at it. */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Family, VectorContext } from '../codecs/family.js';
import { hostileTarget } from '../conformance/runner/check.js';
import type { Seed } from './shapes/shape.js';

/** vectors/ of this checkout (dist/fuzz/… -> repository root). */
export const DEFAULT_VECTORS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../vectors');

interface ManifestEntry {
  id: string;
  family: string;
  file: string;
  context?: VectorContext;
}

export function loadSeeds(vectorsDir: string, family: Family): Seed[] {
  const manifest = join(vectorsDir, 'manifest.json');
  if (!existsSync(manifest)) return [];
  const vectors = (JSON.parse(readFileSync(manifest, 'utf8')) as { vectors: ManifestEntry[] }).vectors;
  const seeds: Seed[] = [];
  for (const v of vectors) {
    let ctx: VectorContext | undefined;
    if (v.family === family) ctx = v.context ?? {};
    else if (v.family === 'hostile') {
      const t = hostileTarget(v.context);
      if (t.family === family) ctx = t.ctx;
    }
    if (!ctx) continue;
    // A proto-spec rejection vector's file is canonical JSON; it is what that kind decodes, so it seeds too.
    seeds.push({ id: v.id, bytes: new Uint8Array(readFileSync(join(vectorsDir, v.file))), ctx });
  }
  return seeds;
}
