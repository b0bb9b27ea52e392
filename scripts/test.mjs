#!/usr/bin/env node
// Runs every compiled test file (dist/**/*.test.js) with uvu and ends with the line
// "N passed, N failed" that CI reads. Exit status is non-zero when any test failed.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const roots = [
  'dist/codecs',
  'dist/host',
  'dist/testkit',
  'dist/conformance/runner',
  'dist/conformance/interop',
  'dist/conformance/reference',
  'dist/cli',
  'dist/bench',
  'dist/fuzz',
  'dist/examples',
  'dist/scripts',
];
const files = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (n.endsWith('.test.js')) files.push(p);
  }
};
for (const r of roots) if (existsSync(r)) walk(r);
files.sort();

let passed = 0;
let failed = 0;
let skipped = 0;

// `npm run lint` (Biome, import cycles, module state, codec -> conformance imports) counts as one test.
{
  const r = spawnSync('npm', ['run', '--silent', 'lint'], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  if (r.status === 0) passed += 1;
  else failed += 1;
  process.stdout.write(`${r.status === 0 ? 'ok  ' : 'FAIL'} npm run lint\n`);
  if (r.status !== 0 || process.env.VERBOSE) process.stdout.write(out + '\n');
}
for (const f of files) {
  const r = spawnSync(process.execPath, [f], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const sk = Number(/Skipped:\s+(\d+)/.exec(out)?.[1] ?? 0);
  if (Number.isNaN(total) || Number.isNaN(ok)) {
    // The file crashed before uvu could report: count it as one failure and show why.
    failed += 1;
    process.stdout.write(`FAIL ${f} (no uvu summary, exit ${r.status})\n${out}\n`);
    continue;
  }
  passed += ok;
  skipped += sk;
  failed += total - ok - sk;
  const status = total - ok - sk > 0 || r.status !== 0 ? 'FAIL' : 'ok  ';
  if (status === 'FAIL' && total - ok - sk === 0) failed += 1;
  process.stdout.write(`${status} ${f}: ${ok}/${total}${sk ? ` (${sk} skipped)` : ''}\n`);
  if (status === 'FAIL' || process.env.VERBOSE) process.stdout.write(out + '\n');
  // Tests may print notes (e.g. "SKIPPED: Go not found") on stderr; keep them visible.
  const notes = out.split('\n').filter((l) => /^(NOTE|SKIPPED|browser:|package:)/.test(l));
  for (const n of notes) process.stdout.write(`     ${n}\n`);
}
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exitCode = failed > 0 ? 1 : 0;
