/**
 * The Go side of the bench: compiles conformance/gobench's test binary, runs its benchmarks on the
 * selected cases (same vector files), and parses `go test -bench -benchmem` output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase, Op } from './cases.js';

/** One Go benchmark result line. */
export interface GoResult {
  op: Op;
  name: string;
  iterations: number;
  nsPerOp: number;
  opsPerSec: number;
  mbPerSec?: number;
  bytesPerOp?: number;
  allocsPerOp?: number;
}

export interface GoParsed {
  results: GoResult[];
  /** `gobench-skip <op> <case>: <reason>` lines: why a case has no Go number. */
  skips: { op: string; name: string; reason: string }[];
  cpu?: string;
  failed: boolean;
}

const OP_OF: Record<string, Op> = { Decode: 'decode', Encode: 'encode' };

/** Parses the text `go test -bench` prints. Lines it does not know are ignored. */
export function parseGoBenchOutput(text: string): GoParsed {
  const out: GoParsed = { results: [], skips: [], failed: false };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const skip = /^gobench-skip (\S+) (\S+): (.*)$/.exec(line);
    if (skip) {
      out.skips.push({ op: skip[1]!, name: skip[2]!, reason: skip[3]! });
      continue;
    }
    if (line.startsWith('cpu: ')) out.cpu = line.slice(5).trim();
    if (/^(FAIL|--- FAIL|panic:)/.test(line)) out.failed = true;
    const m = /^Benchmark(\w+)\/(\S+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const op = OP_OF[m[1]!];
    if (!op) continue;
    // Go appends -GOMAXPROCS to the name when it is not 1; case names never end in -digits.
    const name = m[2]!.replace(/-\d+$/, '');
    const r: GoResult = { op, name, iterations: Number(m[3]), nsPerOp: NaN, opsPerSec: NaN };
    const metrics = m[4]!.trim().split(/\s+/);
    for (let i = 0; i + 1 < metrics.length; i += 2) {
      const value = Number(metrics[i]);
      const unit = metrics[i + 1]!;
      if (unit === 'ns/op') r.nsPerOp = value;
      else if (unit === 'MB/s') r.mbPerSec = value;
      else if (unit === 'B/op') r.bytesPerOp = value;
      else if (unit === 'allocs/op') r.allocsPerOp = value;
    }
    if (!Number.isFinite(r.nsPerOp) || r.nsPerOp <= 0) continue;
    r.opsPerSec = 1e9 / r.nsPerOp;
    out.results.push(r);
  }
  return out;
}

export interface GoRetained {
  name: string;
  bytes: number;
  retainedPerOp: number;
}

export interface GoRun {
  available: boolean;
  /** Why Go numbers are missing or partial (loud in the report). */
  notes: string[];
  version?: string;
  parsed?: GoParsed;
  retained: GoRetained[];
  /** Path of the SDK's hcl_spec FileDescriptorSet Go wrote, when it did. */
  descriptorFile?: string;
  seconds: number;
}

export interface GoRunOptions {
  /** conformance/ (the harness module). */
  moduleDir: string;
  /** Scratch folder for the case list, test binary and outputs. */
  workDir: string;
  benchtime: string;
  /** Cases marked to measure retained heap. */
  retain: ReadonlySet<string>;
  /** Absolute path of vectors/. */
  vectorsDir: string;
  log: (s: string) => void;
}

const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };

/** Compiles and runs the Go benchmarks; never throws: failures become notes. */
export function runGoBench(cases: readonly BenchCase[], o: GoRunOptions): GoRun {
  const t0 = Date.now();
  const run: GoRun = { available: false, notes: [], retained: [], seconds: 0 };
  const done = () => ((run.seconds = (Date.now() - t0) / 1000), run);
  const v = spawnSync('go', ['version'], { encoding: 'utf8', env: GO_ENV });
  if (v.error || v.status !== 0) {
    run.notes.push(`GO NOT FOUND (${v.error?.message ?? v.stderr.trim()}): Go columns are empty`);
    return done();
  }
  run.version = v.stdout.trim().replace(/^go version /, '');
  const list = {
    outDir: o.workDir,
    cases: cases.map((c) => ({
      name: c.name,
      id: c.vector.id,
      family: c.family,
      file: join(o.vectorsDir, c.vector.file),
      context: c.vector.context ?? {},
      retain: o.retain.has(c.name),
    })),
  };
  const listFile = join(o.workDir, 'cases.json');
  writeFileSync(listFile, JSON.stringify(list, null, 2));
  const bin = join(o.workDir, 'gobench.test');
  o.log(`go: compiling conformance/gobench (${run.version})`);
  const build = spawnSync('go', ['test', '-c', '-o', bin, './gobench'], { cwd: o.moduleDir, encoding: 'utf8', env: GO_ENV, timeout: 600_000 });
  if (build.status !== 0) {
    run.notes.push(`GO BENCH DID NOT COMPILE: Go columns are empty\n${(build.stderr || build.stdout || String(build.error)).trim()}`);
    return done();
  }
  o.log(`go: running benchmarks (benchtime ${o.benchtime})`);
  const args = ['-test.run', '^(TestRetained|TestWriteDescriptor)$', '-test.bench', '.', '-test.benchmem', '-test.benchtime', o.benchtime, '-test.count', '1'];
  const r = spawnSync(bin, args, {
    cwd: join(o.moduleDir, 'gobench'),
    encoding: 'utf8',
    env: { ...GO_ENV, PACKER_WIRE_BENCH_CASES: listFile },
    timeout: 900_000,
    maxBuffer: 64 << 20,
  });
  const text = (r.stdout ?? '') + (r.stderr ?? '');
  run.parsed = parseGoBenchOutput(text);
  run.available = run.parsed.results.length > 0;
  if (r.status !== 0 || run.parsed.failed) run.notes.push(`GO BENCH FAILED (exit ${r.status ?? r.signal}):\n${text.split('\n').filter((l) => /FAIL|panic|error|_test\.go/.test(l)).slice(0, 20).join('\n')}`);
  for (const s of run.parsed.skips) run.notes.push(`go: no ${s.op} for ${s.name}: ${s.reason}`);
  const retainedFile = join(o.workDir, 'retained.json');
  if (existsSync(retainedFile)) run.retained = (JSON.parse(readFileSync(retainedFile, 'utf8')) as GoRetained[] | null) ?? [];
  const desc = join(o.workDir, 'hcl_spec.descriptor.bin');
  if (existsSync(desc)) run.descriptorFile = desc;
  return done();
}
