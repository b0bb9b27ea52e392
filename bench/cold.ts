/**
 * Cold cases: what a fresh process pays. For each family, the first decode of its largest bench
 * payload in a fresh Node process (bench/coldChild.ts, after importing the core entry) against a
 * fresh Go process (conformance/gobench TestCold) on the same bytes; and the import of the core
 * entry, against the sum of the Go process's package inits (GODEBUG=inittrace=1). TypeScript and
 * Go processes alternate, `reps` of each.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VectorContext } from '../codecs/family.js';
import type { BenchCase } from './cases.js';
import { stats } from './rounds.js';
import { GO_ENV } from './goBench.js';

export interface ColdSamples {
  ts: number[];
  go: number[];
  errors: string[];
}

/** Mean and rme (percent) of millisecond samples. */
export function msStats(samples: readonly number[]): { ms: number; rme: number; samples: number } {
  const s = stats(samples);
  return { ms: s.opsPerSec, rme: s.rme, samples: s.samples };
}

/** Sum of the "N ms clock" of every `init` line GODEBUG=inittrace=1 printed. */
export function goInitMs(stderr: string): number {
  let ms = 0;
  for (const m of stderr.matchAll(/^init \S+ @[\d.]+ ms, ([\d.]+) ms clock/gm)) ms += Number(m[1]);
  return ms;
}

export interface ColdOptions {
  distDir: string;
  workDir: string;
  /** The gobench test binary, if Go is there. */
  goBin?: string;
  goCwd: string;
  vectorsDir: string;
  reps: number;
  log: (s: string) => void;
}

/** Runs the cold samples of one family's payload: per rep one Node process then one Go process. */
export function coldSamples(c: BenchCase, o: ColdOptions): { decode: ColdSamples; import: ColdSamples } {
  const file = join(o.vectorsDir, c.vector.file);
  const context: VectorContext = c.vector.context ?? {};
  const specFile = join(o.workDir, `cold-${c.name}.json`);
  writeFileSync(specFile, JSON.stringify({ family: c.family, file, context, name: c.name, id: c.vector.id }));
  const decode: ColdSamples = { ts: [], go: [], errors: [] };
  const imp: ColdSamples = { ts: [], go: [], errors: [] };
  for (let i = 0; i < o.reps; i++) {
    const t = spawnSync(process.execPath, [join(o.distDir, 'bench', 'coldChild.js'), specFile], { encoding: 'utf8', timeout: 60_000 });
    try {
      const r = JSON.parse(t.stdout.trim().split('\n').pop() ?? '') as { importMs: number; decodeMs: number };
      decode.ts.push(r.decodeMs);
      imp.ts.push(r.importMs);
    } catch {
      decode.errors.push(`node: ${(t.stderr || t.stdout).trim().split('\n').slice(-2).join(' ')}`);
    }
    if (!o.goBin) continue;
    const g = spawnSync(o.goBin, ['-test.run', '^TestCold$', '-test.count', '1'], {
      cwd: o.goCwd,
      encoding: 'utf8',
      env: { ...GO_ENV, PACKER_WIRE_BENCH_COLD: specFile, GODEBUG: 'inittrace=1' },
      timeout: 60_000,
    });
    const m = /^gobench-cold (\d+)$/m.exec(g.stdout ?? '');
    if (m) {
      decode.go.push(Number(m[1]) / 1e6);
      imp.go.push(goInitMs(g.stderr ?? ''));
    } else
      decode.errors.push(
        `go: ${((g.stdout ?? '') + (g.stderr ?? ''))
          .trim()
          .split('\n')
          .filter((l) => !l.startsWith('init '))
          .slice(-2)
          .join(' ')}`,
      );
  }
  return { decode, import: imp };
}
