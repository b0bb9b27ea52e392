/**
 * CPU profile of one bench case's TypeScript hot path:
 *
 *   node dist/bench/profile.js <case-name> <decode|encode> [--seconds N] [--vectors DIR] [--top N]
 *
 * Re-runs itself under `node --cpu-prof`, loops the op for N seconds (default 5), then prints the
 * functions with the most self time and the most inclusive time. The .cpuprofile file is kept
 * (path printed) for Chrome DevTools / speedscope.
 *
 * The op runs over the case's distinct corpus (the last one `npm run bench` made, under
 * conformance/.work/bench-corpus/), encode on fresh models (decoded beforehand, renewed when the
 * corpus wraps: those decodes show in the profile too); `--same` loops the vector's bytes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { selectCases, type BenchVector } from './cases.js';
import { measureVector } from './vectors.js';
import { loadCodecs } from './hotpaths.js';
import { loadCorpus } from './corpus.js';
import { summarizeProfile, type CpuProfile } from './cpuprofile.js';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function args(argv: string[]) {
  const o = { name: '', op: 'decode', seconds: 5, vectors: join(repoDir, 'vectors'), top: 25, child: false, same: false };
  const pos: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--seconds') o.seconds = Number(argv[++i]);
    else if (x === '--vectors') o.vectors = resolve(argv[++i]!);
    else if (x === '--top') o.top = Number(argv[++i]);
    else if (x === '--child') o.child = true;
    else if (x === '--same') o.same = true;
    else pos.push(x);
  }
  o.name = pos[0] ?? '';
  o.op = pos[1] ?? 'decode';
  return o;
}

async function child(o: ReturnType<typeof args>): Promise<void> {
  const codecs = await loadCodecs();
  for (const n of codecs.notes) process.stderr.write(`note: ${n}\n`);
  const m = JSON.parse(readFileSync(join(o.vectors, 'manifest.json'), 'utf8')) as { vectors: BenchVector[] };
  const c = selectCases(m.vectors, measureVector(o.vectors)).cases.find((x) => x.name === o.name);
  if (!c) throw new Error(`no case ${o.name}`);
  const bytes = new Uint8Array(readFileSync(join(o.vectors, c.vector.file)));
  const ctx = c.vector.context ?? {};
  const hot = codecs.hotPathsFor(c.family).find((h) => {
    try {
      h.encode(h.decode(bytes, ctx), ctx);
      return true;
    } catch {
      return false;
    }
  });
  if (!hot) throw new Error(`no working TypeScript hot path for ${c.family}`);
  const file = o.same ? undefined : latestCorpus(c.name);
  const corpus = file ? loadCorpus(file, ctx) : { payloads: [bytes], contexts: [ctx], meanBytes: bytes.length };
  const { payloads, contexts } = corpus;
  const count = payloads.length;
  let models = o.op === 'encode' ? payloads.map((p, i) => hot.decode(p, contexts[i]!)) : [];
  let k = 0;
  const next = () => {
    if (k === count) {
      k = 0;
      if (o.op === 'encode' && count > 1) models = payloads.map((p, i) => hot.decode(p, contexts[i]!));
    }
    return k++;
  };
  const fn =
    o.op === 'encode'
      ? () => {
          const i = next();
          return hot.encode(models[i], contexts[i]!);
        }
      : () => {
          const i = next();
          return hot.decode(payloads[i]!, contexts[i]!);
        };
  const end = Date.now() + o.seconds * 1000;
  let n = 0;
  while (Date.now() < end) for (let i = 0; i < 100; i++, n++) fn();
  const what = file ? `${count} distinct payloads of ${Math.round(corpus.meanBytes)} bytes on average` : `${bytes.length} bytes, the same every call`;
  process.stdout.write(`${c.name} ${o.op} via ${hot.api}: ${n} ops in ${o.seconds} s (${Math.round(n / o.seconds)} ops/s, ${what}, vector ${c.vector.id})\n`);
}

/** The case's .corpus file in the newest corpus folder, if any. */
function latestCorpus(name: string): string | undefined {
  const root = join(repoDir, 'conformance', '.work', 'bench-corpus');
  if (!existsSync(root)) return undefined;
  const dirs = readdirSync(root)
    .map((d) => join(root, d))
    .filter((d) => existsSync(join(d, `${name}.corpus`)))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return dirs[0] && join(dirs[0], `${name}.corpus`);
}

function parent(o: ReturnType<typeof args>): void {
  const dir = mkdtempSync(join(tmpdir(), 'packer-wire-prof-'));
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, self, '--child', o.name, o.op, '--seconds', String(o.seconds), '--vectors', o.vectors, ...(o.same ? ['--same'] : [])],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`profiled run exited ${r.status}`);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const rows = summarizeProfile(prof, repoDir + '/');
  process.stdout.write(`profile: ${join(dir, file)}\n\nself%  total%  function\n`);
  for (const x of rows.slice(0, o.top)) process.stdout.write(`${x.selfPct.toFixed(1).padStart(5)}  ${x.totalPct.toFixed(1).padStart(6)}  ${x.where}\n`);
}

const o = args(process.argv.slice(2));
if (!o.name) {
  process.stderr.write('usage: node dist/bench/profile.js <case-name> <decode|encode> [--seconds N] [--vectors DIR] [--top N] [--same]\n');
  process.exitCode = 2;
} else if (o.child) await child(o);
else parent(o);
