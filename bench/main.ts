/**
 * `npm run bench`: throughput of each family's hot path on new content (a corpus of distinct
 * payloads Go made from the vectors), TypeScript and Go alternating in rounds; cold first decodes
 * and the core entry's import in fresh processes; JS peers; retained memory. Flags: --json
 * (machine-readable on stdout), --quick (a smoke run), --no-go, --vectors DIR, --no-write (keep
 * bench/RESULTS.md), and words that filter case names (`cold`: only the cold cases). Progress goes to stderr; stdout carries
 * only the table or the JSON.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VectorContext } from '../codecs/family.js';
import { filterCases, OPS, selectCases, type BenchCase } from './cases.js';
import { loadVectors, measureVector } from './vectors.js';
import { GO_ENV, prepareGo, writeDescriptor, writeGoCases, type GoSide } from './goBench.js';
import { loadCodecs, type Codecs, type HotPath } from './hotpaths.js';
import { allocatedPerOp, opsFor, retainedPerOp } from './measure.js';
import { peersFor, readIfExists } from './peers.js';
import { jsonReport, ratio, renderReport, type BenchReport, type CaseReport, type Content, type MemoryReport, type PeerNumbers } from './report.js';
import { parseArgs, type BenchArgs } from './args.js';
import { ensureCorpus, loadCorpus, type Corpus } from './corpus.js';
import { GoServer, stats, TsRounds, type CorpusOp } from './rounds.js';
import { coldSamples, msStats } from './cold.js';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (s: string) => process.stderr.write(s + '\n');
const mb = (bytes: number, ops: number | null) => (ops == null ? null : (bytes * ops) / 1e6);
/** WireError messages as they are (they name codec and offset); anything else with its class name. */
const why = (e: unknown) =>
  (e as Error)?.name === 'WireError' ? (e as Error).message : `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`;
const num = (x: number) => (Number.isFinite(x) ? x : null);

interface Settings {
  /** Target length of one round, ms (each side calibrates its calls per round to it). */
  roundMs: number;
  /** Rounds per side and op. */
  rounds: number;
  /** Rounds of the extra same-bytes figure and of each peer. */
  sameRounds: number;
  allocSeconds: number;
  /** Fresh processes per side and family for the cold cases. */
  coldReps: number;
}

const FULL: Settings = { roundMs: 60, rounds: 16, sameRounds: 6, allocSeconds: 0.2, coldReps: 10 };
const QUICK: Settings = { roundMs: 20, rounds: 8, sameRounds: 3, allocSeconds: 0.02, coldReps: 3 };

/** Cases whose decoded size is measured: 1 KiB and up, the three largest, and each family's largest. */
function retainSet(cases: readonly BenchCase[]): Set<string> {
  const bySize = [...cases].sort((a, b) => b.bytes - a.bytes);
  const families = new Set<string>();
  return new Set(bySize.filter((c, i) => (families.has(c.family) ? false : families.add(c.family)) || c.bytes >= 1024 || i < 3).map((c) => c.name));
}

/** The same call repeated: count so large that the cursor never wraps. */
const same = (call: () => unknown): CorpusOp => ({ count: Number.MAX_SAFE_INTEGER, call });

/** Times TypeScript-only rounds (peers, the same-bytes figure). */
function tsOnly(op: CorpusOp, s: Settings, rounds: number): { opsPerSec: number; rme: number } {
  const r = new TsRounds(op);
  const k = Math.max(1, Math.min(op.count, r.calibrate(s.roundMs)));
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) samples.push((k * 1e9) / r.round(k));
  const st = stats(samples);
  return { opsPerSec: st.opsPerSec, rme: st.rme };
}

interface Work {
  payloads: Uint8Array[];
  contexts: VectorContext[];
  content: Content;
  bytes: number;
}

async function benchCase(
  c: BenchCase,
  w: Work,
  codecs: Codecs,
  go: GoServer | undefined,
  s: Settings,
  protoDescriptor: Uint8Array | undefined,
  vectorsDir: string,
): Promise<{ rows: CaseReport[]; decodeAll?: () => () => unknown }> {
  const { payloads, contexts } = w;
  const n = payloads.length;
  // The first hot path whose decode and encode work on every payload; a missing codec or a
  // failing call is reported, not thrown.
  let tsError: string | undefined;
  let hot: HotPath | undefined;
  const candidates = codecs.hotPathsFor(c.family);
  if (candidates.length === 0) tsError = 'no codec';
  const decodeAll = (h: HotPath) => payloads.map((p, i) => h.decode(p, contexts[i]!));
  for (const h of candidates) {
    try {
      const model = h.decode(payloads[0]!, contexts[0]!);
      try {
        h.encode(model, contexts[0]!);
        hot = h;
        tsError = undefined;
        break;
      } catch (e) {
        tsError = `encode: ${why(e)}`;
      }
    } catch (e) {
      tsError ??= `decode: ${why(e)}`;
    }
  }
  const expectPath = join(vectorsDir, c.vector.expect);
  const expectText = existsSync(expectPath) ? readFileSync(expectPath, 'utf8') : 'null';
  const rows: CaseReport[] = [];
  for (const op of OPS) {
    const row: CaseReport = {
      name: c.name,
      family: c.family,
      op,
      content: w.content,
      bytes: Math.round(w.bytes),
      payloads: n,
      vector: c.vector.id,
      ts: { opsPerSec: null, rme: null, mbPerSec: null, allocBytesPerOp: null, ...(hot ? { api: hot.api } : {}) },
      go: { opsPerSec: null, rme: null, mbPerSec: null, allocBytesPerOp: null, allocsPerOp: null },
      ratio: null,
      peers: {},
    };
    rows.push(row);
    let tsOp: CorpusOp | undefined;
    let sameOp: CorpusOp | undefined;
    if (hot) {
      const h = hot;
      if (op === 'decode') {
        tsOp = { count: n, call: (i) => h.decode(payloads[i]!, contexts[i]!) };
        const p0 = payloads[0]!;
        const c0 = contexts[0]!;
        sameOp = same(() => h.decode(p0, c0));
      } else {
        // Fresh models, decoded beforehand, renewed (untimed) whenever the cursor wraps: no
        // identity-keyed cache can hit.
        let models: unknown[] = [];
        try {
          models = decodeAll(h);
        } catch (e) {
          row.ts.error = `decode of the corpus: ${why(e)}`;
        }
        tsOp = { count: n, call: (i) => h.encode(models[i]!, contexts[i]!), ...(n > 1 ? { refresh: () => void (models = decodeAll(h)) } : {}) };
        const m0 = h.decode(payloads[0]!, contexts[0]!);
        const c0 = contexts[0]!;
        sameOp = same(() => h.encode(m0, c0));
      }
      if (n === 1) tsOp = same(tsOp.call.bind(null, 0));
      if (row.ts.error) tsOp = undefined;
    } else row.ts.error = tsError ?? 'not run';

    // Alternating rounds.
    log(`${c.name} ${op} (${w.content}, ${n} payloads)`);
    let tsRounds = tsOp ? new TsRounds(tsOp) : undefined;
    let tsK = 0;
    try {
      if (tsRounds) tsK = Math.max(1, Math.min(n === 1 ? Infinity : n, tsRounds.calibrate(s.roundMs)));
    } catch (e) {
      row.ts.error = `${op}: ${why(e)}`;
      tsRounds = undefined;
    }
    let goK = 0;
    let goError: string | undefined;
    if (go) {
      try {
        goK = Math.max(1, Math.min(n === 1 ? Infinity : n, await go.calibrate(c.name, op, s.roundMs)));
      } catch (e) {
        goError = (e as Error).message;
      }
    } else goError = 'Go not run';
    const tsSamples: number[] = [];
    const goSamples: number[] = [];
    let goAlloc = 0;
    let goAllocs = 0;
    let goOps = 0;
    let tsRun = tsRounds;
    for (let r = 0; r < s.rounds; r++) {
      if (tsRun) {
        try {
          tsSamples.push((tsK * 1e9) / tsRun.round(tsK));
        } catch (e) {
          row.ts.error = `${op}: ${why(e)}`;
          tsRun = undefined;
        }
      }
      if (go && !goError) {
        try {
          const g = await go.round(c.name, op, goK);
          goSamples.push((goK * 1e9) / g.ns);
          goAlloc += g.allocBytes;
          goAllocs += g.allocs;
          goOps += goK;
        } catch (e) {
          goError = (e as Error).message;
        }
      }
    }
    const size = w.bytes;
    if (tsRun && tsOp) {
      const t = stats(tsSamples);
      let j = 0;
      const call = tsOp.call;
      const count = tsOp.count;
      row.ts = {
        ...row.ts,
        opsPerSec: t.opsPerSec,
        rme: num(t.rme),
        samples: t.samples,
        mbPerSec: mb(size, t.opsPerSec),
        allocBytesPerOp: await allocatedPerOp(() => call(j++ % Math.min(count, 1 << 30)), Math.min(opsFor(t.opsPerSec, s.allocSeconds), count)),
      };
      if (w.content === 'distinct' && sameOp) {
        const t2 = tsOnly(sameOp, s, s.sameRounds);
        row.ts.sameOpsPerSec = t2.opsPerSec;
        row.ts.sameRme = num(t2.rme);
      }
    }
    if (goSamples.length > 0) {
      const g = stats(goSamples);
      row.go = {
        opsPerSec: g.opsPerSec,
        rme: num(g.rme),
        samples: g.samples,
        mbPerSec: mb(size, g.opsPerSec),
        allocBytesPerOp: goAlloc / goOps,
        allocsPerOp: goAllocs / goOps,
      };
    }
    if (goError) row.go.note = goError;
    row.ratio = ratio(row.ts.opsPerSec, row.go.opsPerSec);

    // Peers: same bytes every call (they have no content caches to warm).
    for (const p of peersFor(c.family)) {
      const pn: PeerNumbers = { opsPerSec: null, mbPerSec: null, ratio: null };
      try {
        const ops = await p.make({ family: c.family, bytes: payloads[0]!, expectText, repoDir, ...(protoDescriptor ? { protoDescriptor } : {}) });
        const t = tsOnly(same(op === 'decode' ? ops.decode : ops.encode), s, s.sameRounds);
        pn.opsPerSec = t.opsPerSec;
        pn.rme = num(t.rme);
        pn.mbPerSec = mb(op === 'decode' ? ops.decodeBytes : ops.encodeBytes, t.opsPerSec);
        pn.ratio = ratio(row.ts.sameOpsPerSec ?? row.ts.opsPerSec, t.opsPerSec);
        if (ops.note) pn.note = ops.note;
      } catch (e) {
        pn.error = why(e);
      }
      row.peers[p.name] = pn;
    }
  }
  const h = hot;
  return {
    rows,
    ...(h
      ? {
          decodeAll: () => {
            let i = 0;
            return () => {
              const k = i++ % n;
              return h.decode(payloads[k]!, contexts[k]!);
            };
          },
        }
      : {}),
  };
}

function machine(go: GoSide | undefined, loadStart: number[]): BenchReport['machine'] {
  const c = cpus();
  return {
    cores: c.length,
    cpu: c[0]?.model.trim() ?? 'unknown',
    node: process.version,
    go: go?.version ?? null,
    loadStart,
    loadEnd: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** A cold side's figures: milliseconds and their error, no throughput. */
const coldNumbers = (m: ReturnType<typeof msStats>) => ({
  opsPerSec: null,
  ms: num(m.ms),
  rme: num(m.rme),
  samples: m.samples,
  mbPerSec: null,
  allocBytesPerOp: null,
});

/** The cold cases: per family its largest payload, and the import of the core entry. */
function coldCases(cases: readonly BenchCase[], go: GoSide | undefined, workDir: string, vectorsDir: string, s: Settings): CaseReport[] {
  const largest = new Map<string, BenchCase>();
  for (const c of cases) if ((largest.get(c.family)?.bytes ?? -1) < c.bytes) largest.set(c.family, c);
  const rows: CaseReport[] = [];
  const importTs: number[] = [];
  const importGo: number[] = [];
  for (const c of largest.values()) {
    log(`cold: ${c.family} (${c.name}, ${c.bytes} bytes) x${s.coldReps}`);
    const r = coldSamples(c, {
      distDir: join(repoDir, 'dist'),
      workDir,
      ...(go?.bin ? { goBin: go.bin } : {}),
      goCwd: join(repoDir, 'conformance', 'gobench'),
      vectorsDir,
      reps: s.coldReps,
      log,
    });
    importTs.push(...r.import.ts);
    importGo.push(...r.import.go);
    const ts = msStats(r.decode.ts);
    const g = msStats(r.decode.go);
    rows.push({
      name: `cold.${c.family}`,
      family: c.family,
      op: 'decode',
      content: 'cold',
      bytes: c.bytes,
      payloads: 1,
      vector: c.vector.id,
      ts: { ...coldNumbers(ts), ...(r.decode.ts.length === 0 ? { error: r.decode.errors[0] ?? 'no sample' } : {}) },
      go: {
        ...coldNumbers(g),
        allocsPerOp: null,
        ...(r.decode.go.length === 0 && go?.bin ? { note: r.decode.errors.find((e) => e.startsWith('go:')) ?? 'no sample' } : {}),
      },
      ratio: ratio(g.ms, ts.ms),
      peers: {},
    });
  }
  if (largest.size > 0) {
    const ts = msStats(importTs);
    const g = msStats(importGo);
    rows.unshift({
      name: 'cold.import',
      family: 'core',
      op: 'import',
      content: 'cold',
      bytes: 0,
      payloads: 0,
      vector: 'codecs/index.js',
      ts: coldNumbers(ts),
      go: { ...coldNumbers(g), allocsPerOp: null, note: 'sum of package inits (GODEBUG=inittrace=1)' },
      ratio: ratio(g.ms, ts.ms),
      peers: {},
    });
  }
  return rows;
}

export async function runBench(a: BenchArgs): Promise<BenchReport> {
  const loadStart = loadavg().map((x) => Number(x.toFixed(2)));
  const s = a.quick ? QUICK : FULL;
  const notes: string[] = [];
  if (a.quick) notes.push('--quick is a smoke run: short rounds and few samples; compare ratios from a full run.');
  const vectorsDir = resolve(a.vectorsDir ?? join(repoDir, 'vectors'));
  const vectors = loadVectors(vectorsDir, notes);
  const sel = selectCases(vectors, measureVector(vectorsDir));
  // The word `cold` runs only the cold cases (of the families the other words pick, or all).
  const coldOnly = a.filter.includes('cold');
  const words = a.filter.filter((w) => w !== 'cold');
  const cases = filterCases(sel.cases, words);
  const missing = coldOnly ? [] : filterCases(sel.missing, words);
  const moduleDir = join(repoDir, 'conformance');

  let go: GoSide | undefined;
  let server: GoServer | undefined;
  const work = mkdtempSync(join(tmpdir(), 'packer-wire-bench-'));
  try {
    let corpusFiles = new Map<string, string>();
    if (a.go && cases.length > 0) {
      go = prepareGo({ moduleDir, workDir: work, log });
      notes.push(...go.notes);
      if (go.available && !coldOnly) {
        const cs = ensureCorpus(cases, { moduleDir, vectorsDir, log });
        corpusFiles = cs.files;
        for (const [name, e] of cs.errors) notes.push(`no corpus for ${name} (its cases run on the same bytes): ${e}`);
        log(`corpus: ready in ${cs.seconds.toFixed(1)} s`);
      }
    } else if (!a.go) notes.push('GO SKIPPED (--no-go): Go columns are empty and there is no corpus: every case runs on the same bytes');
    const retain = retainSet(cases);
    const casesFile = writeGoCases(cases, { workDir: work, vectorsDir, retain, corpus: corpusFiles });
    if (go?.bin && !coldOnly) {
      writeDescriptor(go, casesFile, { moduleDir, workDir: work });
      server = new GoServer(go.bin, join(moduleDir, 'gobench'), { ...GO_ENV, PACKER_WIRE_BENCH_CASES: casesFile, PACKER_WIRE_BENCH_SERVE: '1' });
    }
    const protoDescriptor = readIfExists(go?.descriptorFile);
    const codecs = await loadCodecs();
    notes.push(...codecs.notes);

    const rows: CaseReport[] = [];
    const memory: MemoryReport[] = [];
    for (const c of coldOnly ? [] : cases) {
      const file = corpusFiles.get(c.name);
      const base: VectorContext = c.vector.context ?? {};
      let w: Work;
      if (file) {
        const k: Corpus = loadCorpus(file, base);
        w = { payloads: k.payloads, contexts: k.contexts, content: 'distinct', bytes: k.meanBytes };
      } else w = { payloads: [new Uint8Array(readFileSync(join(vectorsDir, c.vector.file)))], contexts: [base], content: 'same', bytes: c.bytes };
      const r = await benchCase(c, w, codecs, server, s, protoDescriptor, vectorsDir);
      rows.push(...r.rows);
      if (retain.has(c.name)) {
        const m: MemoryReport = {
          name: c.name,
          family: c.family,
          bytes: Math.round(w.bytes),
          ts: { retainedPerOp: null, perByte: null },
          go: { retainedPerOp: null, perByte: null },
        };
        // Enough values that the heap grows by about 4 MiB (32 at least, distinct while the corpus
        // lasts); the median of three measurements, as a GC that frees earlier garbage (external
        // buffers are freed lazily) during one can hide what the values keep.
        const copies = Math.max(32, Math.min(w.payloads.length, Math.ceil((4 << 20) / Math.max(1, w.bytes))));
        if (r.decodeAll) {
          const decodeAll = r.decodeAll;
          const three = [0, 1, 2].map(() => retainedPerOp(decodeAll(), copies)).sort((a, b) => a - b);
          m.ts.retainedPerOp = three[1]!;
          m.ts.perByte = m.ts.retainedPerOp / w.bytes;
        } else m.ts.error = r.rows[0]?.ts.error ?? 'not run';
        if (server) {
          try {
            m.go.retainedPerOp = await server.retained(c.name, copies);
            m.go.perByte = m.go.retainedPerOp / w.bytes;
          } catch {
            /* the Go column stays empty; the case's row has the note */
          }
        }
        memory.push(m);
      }
      await server?.drop(c.name).catch(() => undefined);
    }
    server?.close();
    server = undefined;
    rows.push(...coldCases(cases, go, work, vectorsDir, s));
    return { date: new Date().toISOString(), quick: a.quick, machine: machine(go, loadStart), cases: rows, memory, missing, notes };
  } finally {
    server?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** bench/RESULTS.md: the report of a full run, with the machine and its load. */
export function resultsMarkdown(r: BenchReport): string {
  const m = r.machine;
  return [
    '# Bench results',
    '',
    'Written by the last full `npm run bench` run (not by `--quick` or filtered runs); see bench/README.md for',
    'what each case and column means.',
    '',
    `Run: ${r.date} on ${m.cores} cores (${m.cpu}), Node ${m.node}, Go ${m.go ?? 'absent'}.`,
    `Load (\`uptime\` 1/5/15-minute averages): ${m.loadStart.join(' / ')} at the start, ${m.loadEnd.join(' / ')} at the end.`,
    'The bench itself keeps about one core busy; anything above 1 is other work on the machine (on the',
    "shared 2-core development machine, other engineers' builds and tests), which slows both sides and",
    'widens the error bars. TypeScript and Go rounds alternate, so load drift moves both; compare ratios.',
    '',
    renderReport(r),
  ].join('\n');
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const report = await runBench(a);
  process.stdout.write(a.json ? jsonReport(report) : renderReport(report));
  if (!a.quick && a.filter.length === 0 && a.write && report.cases.length > 0) {
    writeFileSync(join(repoDir, 'bench', 'RESULTS.md'), resultsMarkdown(report));
    log('wrote bench/RESULTS.md');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
