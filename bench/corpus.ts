/**
 * Workloads of new content: for each case, a corpus of distinct payloads Go made from the case's
 * vector (conformance/cmd/corpus: decoded with the real Go libraries, names and strings renamed,
 * numbers and collection sizes varied, ObjectSpec attribute sets reshuffled, encoded again by Go).
 * Corpora are cached under conformance/.work/bench-corpus/<case>-<key>/, the key hashing the case,
 * its vector and the generator's source, so later runs (filtered or not) reuse them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VectorContext } from '../codecs/family.js';
import type { BenchCase } from './cases.js';
import { GO_ENV } from './goBench.js';

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
  /** The cache root. */
  dir: string;
  /** Cases that got a corpus, by name: the path of their .corpus file. */
  files: Map<string, string>;
  /** Why a case has none. */
  errors: Map<string, string>;
  seconds: number;
}

/** Hash of the generator: cmd/corpus, gobench's codecs, go.sum. */
function generatorHash(moduleDir: string): string {
  const h = createHash('sha256');
  for (const d of ['cmd/corpus', 'gobench']) {
    for (const f of readdirSync(join(moduleDir, d)).sort())
      if (f.endsWith('.go') && !f.endsWith('_test.go')) h.update(f).update(readFileSync(join(moduleDir, d, f)));
  }
  h.update(readFileSync(join(moduleDir, 'go.sum')));
  return h.digest('hex');
}

/**
 * Makes (or reuses) the corpora of the cases with Go; never throws: failures land in `errors`.
 * Each case has its own folder `<name>-<key>` (the key hashes the case, its vector's bytes and
 * the generator), so a filtered run reuses or adds corpora without touching the others; a case's
 * older folders are removed when a new one is made.
 */
export function ensureCorpus(cases: readonly BenchCase[], o: { moduleDir: string; vectorsDir: string; log: (s: string) => void }): CorpusSet {
  const t0 = Date.now();
  const root = join(o.moduleDir, '.work', 'bench-corpus');
  mkdirSync(root, { recursive: true });
  const gen = generatorHash(o.moduleDir);
  const set: CorpusSet = { dir: root, files: new Map(), errors: new Map(), seconds: 0 };
  const todo: { entry: { name: string; id: string; family: string; file: string; context: VectorContext; count: number }; dir: string }[] = [];
  for (const c of cases) {
    const entry = {
      name: c.name,
      id: c.vector.id,
      family: c.family,
      file: join(o.vectorsDir, c.vector.file),
      context: c.vector.context ?? {},
      count: corpusCount(c.bytes),
    };
    const key = createHash('sha256').update(gen).update(JSON.stringify(entry)).update(readFileSync(entry.file)).digest('hex').slice(0, 16);
    const dir = join(root, `${c.name}-${key}`);
    if (existsSync(join(dir, 'done'))) collect(set, c.name, dir);
    else todo.push({ entry, dir });
  }
  if (todo.length > 0) {
    const tmp = join(root, `.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const listFile = join(tmp, 'cases.json');
    writeFileSync(listFile, JSON.stringify({ cases: todo.map((t) => t.entry) }, null, 2));
    o.log(`corpus: Go is making ${todo.reduce((n, t) => n + t.entry.count, 0)} payloads for ${todo.length} cases under ${root}`);
    const r = spawnSync('go', ['run', './cmd/corpus', '-cases', listFile, '-out', tmp], {
      cwd: o.moduleDir,
      encoding: 'utf8',
      env: GO_ENV,
      timeout: 1_200_000,
    });
    const index = join(tmp, 'index.json');
    if (r.status !== 0 || !existsSync(index)) {
      const why = (r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-5).join(' ');
      for (const t of todo) set.errors.set(t.entry.name, `cmd/corpus failed: ${why}`);
    } else {
      const results = new Map((JSON.parse(readFileSync(index, 'utf8')) as { name: string; error?: string }[]).map((e) => [e.name, e]));
      for (const t of todo) {
        const name = t.entry.name;
        for (const old of readdirSync(root)) if (old.startsWith(`${name}-`)) rmSync(join(root, old), { recursive: true, force: true });
        mkdirSync(t.dir, { recursive: true });
        const e = results.get(name);
        if (e && !e.error)
          for (const ext of ['.corpus', '.json']) if (existsSync(join(tmp, name + ext))) renameSync(join(tmp, name + ext), join(t.dir, name + ext));
        writeFileSync(join(t.dir, 'done'), e?.error ?? (e ? '' : "not in the generator's index"));
        collect(set, name, t.dir);
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  } else o.log(`corpus: reusing ${cases.length} corpora under ${root}`);
  set.seconds = (Date.now() - t0) / 1000;
  return set;
}

/** Records a case's corpus file, or why it has none (the `done` marker holds the error). */
function collect(set: CorpusSet, name: string, dir: string): void {
  const why = readFileSync(join(dir, 'done'), 'utf8');
  if (why === '' && existsSync(join(dir, `${name}.corpus`))) set.files.set(name, join(dir, `${name}.corpus`));
  else set.errors.set(name, why || 'no corpus file');
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
