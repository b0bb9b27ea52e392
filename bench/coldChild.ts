/**
 * One cold sample, run in a fresh process by cold.ts: `node dist/bench/coldChild.js SPEC.json`.
 * Times the import of the core entry (`packer-wire`: lib/index.js, what the package ships), then the first decode of one payload
 * through the same hot path the warm bench times; prints {"importMs", "decodeMs"} as JSON.
 * It imports nothing of the codecs before the timed import.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Family, VectorContext } from '../codecs/family.js';

interface Spec {
  family: Family;
  file: string;
  context: VectorContext;
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Spec;
const bytes = new Uint8Array(readFileSync(spec.file));
const t0 = performance.now();
// the core entry as the package ships it (`packer-wire` -> lib/index.js, built by npm run build)
const entry = new URL('../../lib/index.js', import.meta.url).href;
await import(entry);
const t1 = performance.now();
const { loadCodecs } = await import('./hotpaths.js');
// The first decode goes through that same entry (not a second copy of the codecs from dist/).
const hot = (await loadCodecs(entry)).hotPathsFor(spec.family)[0];
if (!hot) throw new Error(`no hot path for ${spec.family}`);
const t2 = performance.now();
hot.decode(bytes, spec.context);
const t3 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, decodeMs: t3 - t2 }) + '\n');
