/**
 * What the browser run executes in the page: every vector of vectors/manifest.json, fetched from the
 * test's loopback server, checked with the same `checkVectorWith` the Node conformance run uses,
 * against the core entry. scripts/browser.test.ts bundles this file with esbuild for
 * platform=browser, taking `../codecs/index.js` from the packaged core entry (lib/index.js).
 */
import { FAMILIES, familyCodec, isWireError } from '../codecs/index.js';
import { checkVectorWith, type ManifestVector } from '../conformance/runner/check.js';

export interface VectorRun {
  total: number;
  passed: number;
  /** vectors per family */
  families: Record<string, number>;
  failures: { id: string; reason: string }[];
}

/** Runs every vector; `read` gives a manifest-relative file's bytes (already loaded). */
export function runAll(vectors: ManifestVector[], read: (path: string) => Uint8Array): VectorRun {
  const run: VectorRun = { total: 0, passed: 0, families: {}, failures: [] };
  for (const v of vectors) {
    run.total++;
    run.families[v.family] = (run.families[v.family] ?? 0) + 1;
    let reason: string | null;
    try {
      reason = checkVectorWith(v, read, { FAMILIES, familyCodec, isWireError }).reason;
    } catch (e) {
      reason = `threw ${(e as Error)?.name}: ${(e as Error)?.message}`;
    }
    if (reason === null) run.passed++;
    else run.failures.push({ id: v.id, reason });
  }
  return run;
}

/** In the page: fetch the manifest and every file it names from `base`, then run them all. */
export async function runInPage(base: string): Promise<VectorRun> {
  const manifest = (await (await fetch(base + 'manifest.json')).json()) as { vectors: ManifestVector[] };
  const files = new Map<string, Uint8Array>();
  const names = [...new Set(manifest.vectors.flatMap((v) => [v.file, v.expect]))];
  for (let i = 0; i < names.length; i += 32) {
    await Promise.all(
      names.slice(i, i + 32).map(async (n) => {
        const r = await fetch(base + n);
        if (r.ok) files.set(n, new Uint8Array(await r.arrayBuffer()));
      }),
    );
  }
  return runAll(manifest.vectors, (p) => {
    const b = files.get(p);
    if (b === undefined) throw new Error(`${p} was not served`);
    return b;
  });
}
