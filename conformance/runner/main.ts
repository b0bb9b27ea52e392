#!/usr/bin/env node
/**
 * npm run conformance [-- --json] [-- --vectors DIR]
 */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { runConformance, type ConformanceReport } from './run.js';

export function formatReport(r: ConformanceReport): string {
  const rows = [['family', 'total', 'passed', 'failed', 'byte-exact']];
  for (const [f, s] of Object.entries(r.families)) rows.push([f, String(s.total), String(s.passed), String(s.failed), String(s.byteExact)]);
  rows.push(['all', String(r.total), String(r.passed), String(r.failed), String(Object.values(r.families).reduce((a, s) => a + s.byteExact, 0))]);
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  const out = [
    line(rows[0]!),
    w.map((n) => '-'.repeat(n)).join('  '),
    ...rows.slice(1, -1).map(line),
    w.map((n) => '-'.repeat(n)).join('  '),
    line(rows.at(-1)!),
  ];
  if (r.failures.length) {
    out.push('', 'failures (first 20):');
    for (const f of r.failures.slice(0, 20)) out.push(`  ${f.id}: ${f.reason}`);
  }
  return out.join('\n');
}

export function main(argv: string[]): number {
  let json = false;
  let dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../vectors');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--vectors') {
      const d = argv[++i];
      if (!d) {
        process.stderr.write('conformance: --vectors needs a directory\n');
        return 2;
      }
      dir = resolve(d);
    } else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: conformance [--json] [--vectors DIR]\n');
      return 0;
    } else {
      process.stderr.write(`conformance: unknown argument ${a} (usage: conformance [--json] [--vectors DIR])\n`);
      return 2;
    }
  }
  if (!existsSync(join(dir, 'manifest.json'))) {
    process.stderr.write(`conformance: no manifest.json in ${dir} (pass --vectors DIR)\n`);
    return 1;
  }
  const tty = !json && process.stderr.isTTY;
  const report = runConformance(dir, (done, total) => {
    if (tty && (done % 25 === 0 || done === total)) process.stderr.write(`\r${done}/${total} vectors`);
  });
  if (tty) process.stderr.write('\n');
  if (json) process.stdout.write(JSON.stringify(report) + '\n');
  else process.stdout.write(formatReport(report) + '\n');
  return report.failed > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
