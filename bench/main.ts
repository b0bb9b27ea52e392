/**
 * `npm run bench`: throughput of each family's hot path, TypeScript next to Go and JS peers, on the
 * same vector bytes. Flags: --json (machine-readable on stdout), --quick (under a minute),
 * --no-go, --vectors DIR, --no-write (keep bench/RESULTS.md), and words that filter case names.
 * Progress goes to stderr; stdout carries only the table or the JSON.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filterCases, OPS, selectCases, type BenchCase } from './cases.js';
import { loadVectors, measureVector } from './vectors.js';
import { runGoBench, type GoRun } from './goBench.js';
import { loadCodecs, type Codecs, type HotPath } from './hotpaths.js';
import { allocatedPerOp, opsFor, retainedPerOp, timeOp, type TimingOptions } from './measure.js';
import { peersFor, readIfExists } from './peers.js';
import { jsonReport, ratio, renderReport, type BenchReport, type CaseReport, type MemoryReport, type PeerNumbers } from './report.js';
import { parseArgs, type BenchArgs } from './args.js';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (s: string) => process.stderr.write(s + '\n');
const mb = (bytes: number, ops: number | null) => (ops == null ? null : (bytes * ops) / 1e6);
/** WireError messages as they are (they name codec and offset); anything else with its class name. */
const why = (e: unknown) => ((e as Error)?.name === 'WireError' ? (e as Error).message : `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`);

interface Settings {
  timing: TimingOptions;
  goBenchtime: string;
  allocSeconds: number;
}

const FULL: Settings = { timing: { maxTime: 1.5, minSamples: 10, minTime: 0.05 }, goBenchtime: '1s', allocSeconds: 0.2 };
const QUICK: Settings = { timing: { maxTime: 0.08, minSamples: 3, minTime: 0.02 }, goBenchtime: '100ms', allocSeconds: 0.02 };

/** Cases whose decoded size is worth measuring: 1 KiB and up, at least the three largest. */
function retainSet(cases: readonly BenchCase[]): Set<string> {
  const bySize = [...cases].sort((a, b) => b.bytes - a.bytes);
  return new Set(bySize.filter((c, i) => c.bytes >= 1024 || i < 3).map((c) => c.name));
}

async function benchCase(c: BenchCase, codecs: Codecs, vectorsDir: string, go: GoRun | undefined, s: Settings, protoDescriptor: Uint8Array | undefined): Promise<{ rows: CaseReport[]; decode?: () => unknown }> {
  const bytes = new Uint8Array(readFileSync(join(vectorsDir, c.vector.file)));
  const ctx = c.vector.context ?? {};
  const expectPath = join(vectorsDir, c.vector.expect);
  const expectText = existsSync(expectPath) ? readFileSync(expectPath, 'utf8') : 'null';
  // Prepare the TypeScript ops once, with the first hot path whose decode and encode work on these
  // bytes; a missing codec or a failing call is reported, not thrown.
  let tsError: string | undefined;
  let hot: HotPath | undefined;
  let decode: (() => unknown) | undefined;
  let encode: (() => unknown) | undefined;
  let encodedBytes = bytes.length;
  const candidates = codecs.hotPathsFor(c.family);
  if (candidates.length === 0) tsError = 'no codec';
  for (const h of candidates) {
    let model: unknown;
    try {
      model = h.decode(bytes, ctx);
    } catch (e) {
      tsError ??= `decode: ${why(e)}`;
      continue;
    }
    hot = h;
    decode = () => h.decode(bytes, ctx);
    try {
      encodedBytes = h.encode(model, ctx).length;
      encode = () => h.encode(model, ctx);
      tsError = undefined;
      break;
    } catch (e) {
      tsError = `encode: ${why(e)}`;
    }
  }

  // Peers are built once and shared by both ops.
  const peerOps: Record<string, { ops?: Awaited<ReturnType<ReturnType<typeof peersFor>[number]['make']>>; error?: string }> = {};
  for (const p of peersFor(c.family)) {
    try {
      peerOps[p.name] = { ops: await p.make({ family: c.family, bytes, expectText, repoDir, ...(protoDescriptor ? { protoDescriptor } : {}) }) };
    } catch (e) {
      peerOps[p.name] = { error: why(e) };
    }
  }

  const rows: CaseReport[] = [];
  for (const op of OPS) {
    const fn = op === 'decode' ? decode : encode;
    const size = op === 'decode' ? bytes.length : encodedBytes;
    const row: CaseReport = {
      name: c.name,
      family: c.family,
      op,
      bytes: bytes.length,
      vector: c.vector.id,
      ts: { opsPerSec: null, mbPerSec: null, allocBytesPerOp: null, ...(hot ? { api: hot.api } : {}) },
      go: { opsPerSec: null, mbPerSec: null, allocBytesPerOp: null, allocsPerOp: null },
      ratio: null,
      peers: {},
    };
    if (fn) {
      log(`ts: ${c.name} ${op}`);
      const t = await timeOp(`${c.name} ${op}`, fn, s.timing);
      row.ts = { ...row.ts, opsPerSec: t.opsPerSec, mbPerSec: mb(size, t.opsPerSec), allocBytesPerOp: await allocatedPerOp(fn, opsFor(t.opsPerSec, s.allocSeconds)), rme: t.rme };
    } else row.ts.error = tsError ?? 'not run';
    const g = go?.parsed?.results.find((r) => r.name === c.name && r.op === op);
    if (g) row.go = { opsPerSec: g.opsPerSec, mbPerSec: g.mbPerSec ?? null, allocBytesPerOp: g.bytesPerOp ?? null, allocsPerOp: g.allocsPerOp ?? null };
    else {
      const skip = go?.parsed?.skips.find((k) => k.name === c.name && (k.op === op || k.op === 'decode'));
      row.go.note = skip ? skip.reason : go?.available ? 'no Go result' : 'Go not run';
    }
    row.ratio = ratio(row.ts.opsPerSec, row.go.opsPerSec);
    for (const [name, p] of Object.entries(peerOps)) {
      const pn: PeerNumbers = { opsPerSec: null, mbPerSec: null, ratio: null };
      if (p.ops) {
        try {
          const pf = op === 'decode' ? p.ops.decode : p.ops.encode;
          log(`peer: ${c.name} ${op} ${name}`);
          const t = await timeOp(`${c.name} ${op} ${name}`, pf, s.timing);
          pn.opsPerSec = t.opsPerSec;
          pn.mbPerSec = mb(op === 'decode' ? p.ops.decodeBytes : p.ops.encodeBytes, t.opsPerSec);
          pn.ratio = ratio(row.ts.opsPerSec, t.opsPerSec);
          if (p.ops.note) pn.note = p.ops.note;
        } catch (e) {
          pn.error = why(e);
        }
      } else pn.error = p.error ?? 'not run';
      row.peers[name] = pn;
    }
    rows.push(row);
  }
  return { rows, ...(decode ? { decode } : {}) };
}

function machine(go: GoRun | undefined, loadStart: number[]): BenchReport['machine'] {
  const c = cpus();
  return {
    cores: c.length,
    cpu: go?.parsed?.cpu && go.parsed.cpu.length > (c[0]?.model.trim().length ?? 0) ? go.parsed.cpu : (c[0]?.model.trim() ?? 'unknown'),
    node: process.version,
    go: go?.version ?? null,
    loadStart,
    loadEnd: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

export async function runBench(a: BenchArgs): Promise<BenchReport> {
  const loadStart = loadavg().map((x) => Number(x.toFixed(2)));
  const s = a.quick ? QUICK : FULL;
  const notes: string[] = [];
  const vectorsDir = resolve(a.vectorsDir ?? join(repoDir, 'vectors'));
  const vectors = loadVectors(vectorsDir, notes);
  const sel = selectCases(vectors, measureVector(vectorsDir));
  const cases = filterCases(sel.cases, a.filter);
  const missing = filterCases(sel.missing, a.filter);

  let go: GoRun | undefined;
  const work = mkdtempSync(join(tmpdir(), 'packer-wire-bench-'));
  try {
    if (a.go && cases.length > 0) {
      go = runGoBench(cases, { moduleDir: join(repoDir, 'conformance'), workDir: work, benchtime: s.goBenchtime, retain: retainSet(cases), vectorsDir, log });
      notes.push(...go.notes);
      log(`go: done in ${go.seconds.toFixed(1)} s`);
    } else if (!a.go) notes.push('GO SKIPPED (--no-go): Go columns are empty');
    const protoDescriptor = readIfExists(go?.descriptorFile);
    const codecs = await loadCodecs();
    notes.push(...codecs.notes);

    const rows: CaseReport[] = [];
    const memory: MemoryReport[] = [];
    const retain = retainSet(cases);
    for (const c of cases) {
      const r = await benchCase(c, codecs, vectorsDir, go, s, protoDescriptor);
      rows.push(...r.rows);
      if (!retain.has(c.name)) continue;
      const g = go?.retained.find((x) => x.name === c.name);
      const m: MemoryReport = {
        name: c.name,
        family: c.family,
        bytes: c.bytes,
        ts: { retainedPerOp: null, perByte: null },
        go: { retainedPerOp: g?.retainedPerOp ?? null, perByte: g ? g.retainedPerOp / c.bytes : null },
      };
      if (r.decode) {
        m.ts.retainedPerOp = retainedPerOp(r.decode);
        m.ts.perByte = m.ts.retainedPerOp / c.bytes;
      } else m.ts.error = r.rows[0]?.ts.error ?? 'not run';
      memory.push(m);
    }
    return { date: new Date().toISOString(), quick: a.quick, machine: machine(go, loadStart), cases: rows, memory, missing, notes };
  } finally {
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
    'shared 2-core development machine, other engineers\' builds and tests), which slows both sides and',
    'widens the error bars. Compare ratios rather than absolute ops/s across runs.',
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
