/** Reading vectors/: the manifest (vectors whose file exists) and the measures case rules rank by. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { countJsonNodes, type BenchVector, type Measure } from './cases.js';

/** Payload size from the file system; expect nodes from the parsed expect file (cached). */
export function measureVector(dir: string): Measure {
  const nodes = new Map<string, number>();
  return (v, metric) => {
    if (metric === 'bytes') return statSync(join(dir, v.file)).size;
    let n = nodes.get(v.id);
    if (n === undefined) {
      const p = join(dir, v.expect);
      n = existsSync(p) ? countJsonNodes(JSON.parse(readFileSync(p, 'utf8'))) : 0;
      nodes.set(v.id, n);
    }
    return n;
  };
}

export function loadVectors(dir: string, notes: string[]): BenchVector[] {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) {
    notes.push(`NO VECTORS: ${file} does not exist (run \`npm run vectors\`); nothing to time`);
    return [];
  }
  const m = JSON.parse(readFileSync(file, 'utf8')) as { vectors?: BenchVector[] };
  const all = Array.isArray(m.vectors) ? m.vectors : [];
  const present = all.filter((v) => typeof v.file === 'string' && existsSync(join(dir, v.file)));
  if (present.length < all.length) notes.push(`${all.length - present.length} manifest vectors have no file; ignored`);
  return present;
}
