/**
 * Workloads of new content: for each case, a corpus of distinct payloads Go made from the case's
 * vector (conformance/cmd/corpus: decoded with the real Go libraries, names and strings renamed,
 * numbers and collection sizes varied, ObjectSpec attribute sets reshuffled, encoded again by Go).
 * Corpora are cached under conformance/.work/bench-corpus/<key>/, the key hashing the inputs and
 * the generator's source, so a second run reuses them; older keys are removed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VectorContext } from '../codecs/family.js';
import type { BenchCase } from './cases.js';

/** Payloads per case: enough that a round never repeats one (more for small payloads). */
export function corpusCount(bytes: number): number {
  return bytes < 256 ? 16384 : bytes < 1024 ? 4096 : 1024;
}

/** One case's corpus as the TypeScript side uses it. */
export interface Corpus {
  payloads: Uint8Array[];
  /** The context of each payload (cty msgpack/JSON payloads each carry their own type). */
  contexts: VectorContext[];
  /** Mean payload size. */
  meanBytes: number;
}

export interface CorpusSet {
  dir: string;
  /** Cases that got a corpus, by name: the path of their .corpus file. */
  files: Map<string, string>;
  /** Why a case has none. */
  errors: Map<string, string>;
  seconds: number;
}

const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };

/** Hash of what a corpus depends on: the case list and the generator's Go sources. */
function corpusKey(list: unknown, moduleDir: string, vectorFiles: readonly string[]): string {
  const h = createHash('sha256').update(JSON.stringify(list));
  for (const f of vectorFiles) h.update(readFileSync(f));
  for (const d of ['cmd/corpus', 'gobench']) {
    for (const f of readdirSync(join(moduleDir, d)).sort()) if (f.endsWith('.go') && !f.endsWith('_test.go')) h.update(f).update(readFileSync(join(moduleDir, d, f)));
  }
  h.update(readFileSync(join(moduleDir, 'go.sum')));
  return h.digest('hex').slice(0, 16);
}

/** Makes (or reuses) the corpora of the cases with Go; never throws: failures land in `errors`. */
export function ensureCorpus(cases: readonly BenchCase[], o: { moduleDir: string; vectorsDir: string; log: (s: string) => void }): CorpusSet {
  const t0 = Date.now();
  const list = {
    cases: cases.map((c) => ({ name: c.name, id: c.vector.id, family: c.family, file: join(o.vectorsDir, c.vector.file), context: c.vector.context ?? {}, count: corpusCount(c.bytes) })),
  };
  const root = join(o.moduleDir, '.work', 'bench-corpus');
  const key = corpusKey(list, o.moduleDir, list.cases.map((c) => c.file));
  const dir = join(root, key);
  const set: CorpusSet = { dir, files: new Map(), errors: new Map(), seconds: 0 };
  const index = join(dir, 'index.json');
  if (!existsSync(index)) {
    if (existsSync(root)) for (const old of readdirSync(root)) rmSync(join(root, old), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const listFile = join(dir, 'cases.json');
    writeFileSync(listFile, JSON.stringify(list, null, 2));
    o.log(`corpus: Go is making ${list.cases.reduce((n, c) => n + c.count, 0)} payloads for ${cases.length} cases into ${dir}`);
    const r = spawnSync('go', ['run', './cmd/corpus', '-cases', listFile, '-out', dir], { cwd: o.moduleDir, encoding: 'utf8', env: GO_ENV, timeout: 1_200_000 });
    if (r.status !== 0 || !existsSync(index)) {
      const why = (r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-5).join(' ');
      for (const c of cases) set.errors.set(c.name, `cmd/corpus failed: ${why}`);
      rmSync(dir, { recursive: true, force: true });
      set.seconds = (Date.now() - t0) / 1000;
      return set;
    }
  } else o.log(`corpus: reusing ${dir}`);
  for (const e of JSON.parse(readFileSync(index, 'utf8')) as { name: string; count?: number; error?: string }[]) {
    if (e.error) set.errors.set(e.name, e.error);
    else set.files.set(e.name, join(dir, `${e.name}.corpus`));
  }
  set.seconds = (Date.now() - t0) / 1000;
  return set;
}

/** Reads a .corpus file (payloads each after a big-endian uint32 length) and its per-payload types. */
export function loadCorpus(file: string, base: VectorContext): Corpus {
  const raw = new Uint8Array(readFileSync(file));
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const payloads: Uint8Array[] = [];
  let total = 0;
  for (let at = 0; at + 4 <= raw.length; ) {
    const n = view.getUint32(at);
    // A copy each, so no payload shares a buffer with the next (as when read from a connection).
    payloads.push(raw.slice(at + 4, at + 4 + n));
    total += n;
    at += 4 + n;
  }
  const metaFile = file.replace(/\.corpus$/, '.json');
  const meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as { types?: unknown[] }) : {};
  const contexts = payloads.map((_, i) => (meta.types?.[i] !== undefined ? { ...base, type: meta.types[i] } : base) as VectorContext);
  return { payloads, contexts, meanBytes: payloads.length ? total / payloads.length : 0 };
}
