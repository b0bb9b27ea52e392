#!/usr/bin/env node
/**
 * npm run fuzz -- --family F[,F…|all] --seconds S [--inputs N] [--seed N] [--json] [--no-coverage]
 *                 [--stages decode,canonical,encode] [--findings DIR | --no-save] [--vectors DIR] [--parallel]
 * npm run fuzz -- --write-hostile [--vectors DIR]    (rewrites vectors/hostile/, see hostile.ts)
 *
 * Exit status: 0 no findings, 1 findings, 2 usage error.
 */
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAMILIES, type Family } from '../codecs/family.js';
import { DEFAULT_VECTORS_DIR } from './corpus.js';
import { STAGES, type Stage } from './oracle.js';
import { goHostileVectors, planHostileVectors, writeHostileVectors } from './hostile.js';
import { fuzzFamily, type FuzzOptions, type FuzzSummary } from './supervisor.js';

const USAGE = `usage: npm run fuzz -- --family F[,F...|all] --seconds S [--inputs N] [--seed N] [--json]
       [--no-coverage] [--stages decode,canonical,encode] [--findings DIR | --no-save] [--vectors DIR] [--parallel]
       npm run fuzz -- --write-hostile [--vectors DIR]
families: ${FAMILIES.join(', ')}`;

const DEFAULT_FINDINGS = resolve(dirname(fileURLToPath(import.meta.url)), '../../fuzz/findings');

interface Args {
  families: Family[];
  seconds: number;
  inputs?: number;
  seed: number;
  json: boolean;
  coverage: boolean;
  stages: Stage[];
  findingsDir: string | null;
  vectorsDir: string;
  parallel: boolean;
  writeHostile: boolean;
}

export function parseArgs(argv: readonly string[]): Args | string {
  const a: Args = {
    families: [],
    seconds: 10,
    seed: 1,
    json: false,
    coverage: true,
    stages: [...STAGES],
    findingsDir: DEFAULT_FINDINGS,
    vectorsDir: DEFAULT_VECTORS_DIR,
    parallel: false,
    writeHostile: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${k} needs a value`);
      return v;
    };
    const num = (): number => {
      const v = Number(val());
      if (!Number.isFinite(v) || v < 0) throw new Error(`${k} needs a non-negative number`);
      return v;
    };
    try {
      if (k === '--family') {
        const v = val();
        for (const f of v === 'all' ? FAMILIES : v.split(',')) {
          if (!FAMILIES.includes(f as Family)) return `unknown family ${f}`;
          a.families.push(f as Family);
        }
      } else if (k === '--seconds') a.seconds = num();
      else if (k === '--inputs') a.inputs = num();
      else if (k === '--seed') a.seed = num();
      else if (k === '--json') a.json = true;
      else if (k === '--no-coverage') a.coverage = false;
      else if (k === '--stages') {
        const ss = val().split(',');
        for (const s of ss) if (!STAGES.includes(s as Stage)) return `unknown stage ${s}`;
        a.stages = ss as Stage[];
      } else if (k === '--findings') a.findingsDir = resolve(val());
      else if (k === '--no-save') a.findingsDir = null;
      else if (k === '--vectors') a.vectorsDir = resolve(val());
      else if (k === '--parallel') a.parallel = true;
      else if (k === '--write-hostile') a.writeHostile = true;
      else if (k === '-h' || k === '--help') return 'help';
      else return `unknown argument ${k}`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (a.families.length === 0 && !a.writeHostile) return '--family is required';
  return a;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatSummary(s: FuzzSummary): string {
  if (!s.codec) return `${s.family}: no codec registered for this family yet (nothing fuzzed)`;
  const lines = [
    `${s.family}: ${fmt(s.inputs)} inputs in ${s.seconds.toFixed(1)} s (${fmt(s.inputsPerSecond)}/s), ` +
      `${fmt(s.values)} values, ${fmt(s.wireErrors)} WireErrors, corpus ${fmt(s.corpus)}, ${fmt(s.coverage)} blocks, ` +
      `${s.seeds} seeds, ${s.shapes} shapes, ${s.restarts} restarts, ${s.findings.length} findings`,
    `  slowest input ${s.slowestMs.toFixed(1)} ms${s.slowest ? ` (${s.slowest.length} bytes)` : ''}; largest retained/input ${s.maxRetainedRatio.toFixed(2)}${s.mostRetained ? ` (${s.mostRetained.retained} bytes for ${s.mostRetained.length}, ${s.mostRetainedWithinBound ? 'within' : 'PAST'} the bound)` : ''}; bound: ${s.retainedBound}`,
  ];
  for (const f of s.findings) {
    lines.push(`  [${f.kind}] stage ${f.stage} x${f.count}: ${f.message}`);
    lines.push(`    at ${f.stackTop}`);
    lines.push(`    input (${f.length} bytes, from ${f.originalLength}): ${f.hex.length > 400 ? f.hex.slice(0, 400) + '…' : f.hex}`);
    if (Object.keys(f.ctx).length) lines.push(`    context: ${JSON.stringify(f.ctx).slice(0, 300)}`);
    if (f.file) lines.push(`    saved: ${f.file}`);
  }
  return lines.join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const a = parseArgs(argv);
  if (a === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (typeof a === 'string') {
    process.stderr.write(`${a}\n${USAGE}\n`);
    return 2;
  }
  if (a.writeHostile) {
    const planned = planHostileVectors(a.vectorsDir);
    const byGo = goHostileVectors(a.vectorsDir);
    process.stdout.write(`${byGo.note}\n`);
    const vectors = [...planned.vectors, ...byGo.vectors];
    const skipped = [...planned.skipped, ...byGo.skipped];
    writeHostileVectors(a.vectorsDir, vectors);
    for (const v of vectors) process.stdout.write(`wrote ${v.id} (${v.bytes.length} bytes): ${v.expect.error.codec}: ${v.expect.error.reason}\n`);
    for (const s of skipped) process.stdout.write(`skipped ${s}\n`);
    return skipped.some((s) => s.includes('FINDING')) ? 1 : 0;
  }
  const one = (family: Family): Promise<FuzzSummary> => {
    const opts: FuzzOptions = {
      family,
      seconds: a.seconds,
      maxInputs: a.inputs,
      seed: a.seed,
      vectorsDir: a.vectorsDir,
      findingsDir: a.findingsDir,
      stages: a.stages,
      coverage: a.coverage,
      onProgress: (p) => {
        if (Math.floor(p.seconds) % 5 !== 0 && process.stderr.isTTY !== true) return;
        process.stderr.write(
          `${family}: ${p.seconds.toFixed(0)} s, ${fmt(p.inputs)} inputs (${fmt(p.inputs / Math.max(p.seconds, 0.001))}/s), corpus ${fmt(p.corpus)}, ${fmt(p.coverage)} blocks, ${p.findings} findings\n`,
        );
      },
    };
    return fuzzFamily(opts);
  };
  const summaries: FuzzSummary[] = [];
  const done = (s: FuzzSummary): void => {
    summaries.push(s);
    process.stdout.write((a.json ? JSON.stringify(s) : formatSummary(s)) + '\n');
  };
  if (a.parallel) (await Promise.all(a.families.map(one))).forEach(done);
  else for (const f of a.families) done(await one(f));
  return summaries.some((s) => s.findings.length > 0) ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
