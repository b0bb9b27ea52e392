/**
 * The Go side of the bench: compiles conformance/gobench's test binary (whose TestServe then runs
 * the Go rounds, see rounds.ts) and writes the case list it reads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from './cases.js';

export interface GoSide {
  /** Go is there and the bench binary compiled. */
  available: boolean;
  /** Why Go numbers are missing or partial (loud in the report). */
  notes: string[];
  version?: string;
  /** The compiled conformance/gobench test binary. */
  bin?: string;
  /** Path of the SDK's hcl_spec FileDescriptorSet Go wrote, when it did. */
  descriptorFile?: string;
}

export const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' };

/** Where the case list for gobench is written, with the corpus of each case when it has one. */
export function writeGoCases(
  cases: readonly BenchCase[],
  o: { workDir: string; vectorsDir: string; retain: ReadonlySet<string>; corpus: ReadonlyMap<string, string> },
): string {
  const list = {
    outDir: o.workDir,
    cases: cases.map((c) => ({
      name: c.name,
      id: c.vector.id,
      family: c.family,
      file: join(o.vectorsDir, c.vector.file),
      context: c.vector.context ?? {},
      retain: o.retain.has(c.name),
      ...(o.corpus.has(c.name) ? { corpus: o.corpus.get(c.name) } : {}),
    })),
  };
  const file = join(o.workDir, 'cases.json');
  writeFileSync(file, JSON.stringify(list, null, 2));
  return file;
}

/** Finds Go, compiles conformance/gobench's test binary and has it write the protobuf descriptor; never throws. */
export function prepareGo(o: { moduleDir: string; workDir: string; log: (s: string) => void }): GoSide {
  const side: GoSide = { available: false, notes: [] };
  const v = spawnSync('go', ['version'], { encoding: 'utf8', env: GO_ENV });
  if (v.error || v.status !== 0) {
    side.notes.push(`GO NOT FOUND (${v.error?.message ?? v.stderr.trim()}): Go columns are empty and there is no corpus of new content`);
    return side;
  }
  side.version = v.stdout.trim().replace(/^go version /, '');
  const bin = join(o.workDir, 'gobench.test');
  o.log(`go: compiling conformance/gobench (${side.version})`);
  const build = spawnSync('go', ['test', '-c', '-o', bin, './gobench'], { cwd: o.moduleDir, encoding: 'utf8', env: GO_ENV, timeout: 600_000 });
  if (build.status !== 0) {
    side.notes.push(`GO BENCH DID NOT COMPILE: Go columns are empty\n${(build.stderr || build.stdout || String(build.error)).trim()}`);
    return side;
  }
  side.bin = bin;
  side.available = true;
  return side;
}

/** Runs TestWriteDescriptor (the SDK's hcl_spec descriptor, for the protobuf peers). */
export function writeDescriptor(side: GoSide, casesFile: string, o: { moduleDir: string; workDir: string }): void {
  if (!side.bin) return;
  const r = spawnSync(side.bin, ['-test.run', '^TestWriteDescriptor$'], {
    cwd: join(o.moduleDir, 'gobench'),
    encoding: 'utf8',
    env: { ...GO_ENV, PACKER_WIRE_BENCH_CASES: casesFile },
    timeout: 120_000,
  });
  const desc = join(o.workDir, 'hcl_spec.descriptor.bin');
  if (r.status === 0 && existsSync(desc)) side.descriptorFile = desc;
  else side.notes.push(`go: TestWriteDescriptor failed (exit ${r.status}); protobuf peers use proto/hcl_spec.proto`);
}
