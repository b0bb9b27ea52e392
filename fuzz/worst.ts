/**
 * The costliest 64 KB inputs we know of, per family, timed through decode + canonical JSON with
 * the default limits (issue 16: "no input of up to 64 KB takes more than 100 ms to decode and
 * canonicalise"). A measurement, not a test: timings on a shared machine move with its load.
 *
 *   npm run build && node dist/fuzz/worst.js [--runs 7] [--json] [--only WORD]
 *
 * Each input runs `--runs` times (after one warm-up); the table gives the fastest and the median
 * run, the input's size, its outcome (a value, or the WireError that refused it) and, for inputs
 * that decode, the heap the model retains after a full GC over max(size, 16 KiB) (the fuzz
 * oracle's ratio), and whether it keeps to the retention bound (oracle.ts: 10 x input + 512 KiB,
 * or refused by a named decode limit): `ok`, `PAST`, or the DecodeLimitError's limit. The inputs
 * are in worst-inputs.ts. Exits 1 when an input is PAST the bound.
 */
import { loadavg } from 'node:os';
import v8 from 'node:v8';
import type { Family } from '../codecs/family.js';
import { familyCodec } from '../codecs/families.js';
import { isWireError } from '../codecs/wire/errors.js';
import { DecodeLimitError } from '../codecs/wire/limits.js';
import { gc, RETAINED_BOUND_TEXT, retainedBoundBytes } from './oracle.js';
import { type Input, worstInputs } from './worst-inputs.js';

const heap = (): number => v8.getHeapStatistics().used_heap_size;

interface Row {
  family: Family;
  name: string;
  bytes: number;
  outcome: string;
  minMs: number;
  medianMs: number;
  retainedRatio: number | null;
  /** 'ok' (kept within the bound), 'PAST', the DecodeLimitError limit that refused it, or '-' */
  bound: string;
}

function measure(input: Input, runs: number): Row {
  const codec = familyCodec(input.family)!;
  const once = (): { ms: number; outcome: string; limit?: string } => {
    const t = performance.now();
    let outcome = 'value';
    let limit: string | undefined;
    try {
      codec.toCanonical(codec.decode(input.bytes, input.ctx), input.ctx);
    } catch (e) {
      if (!isWireError(e)) throw e;
      outcome = `WireError ${e.reason.slice(0, 60)}`;
      if (e instanceof DecodeLimitError) limit = e.limit;
    }
    return { ms: performance.now() - t, outcome, limit };
  };
  const first = once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(once().ms);
  times.sort((a, b) => a - b);
  let retainedRatio: number | null = null;
  let bound = first.limit ?? '-';
  if (first.outcome === 'value') {
    gc();
    const before = heap();
    const model = codec.decode(input.bytes, input.ctx);
    gc();
    const retained = heap() - before;
    retainedRatio = retained / Math.max(input.bytes.length, 16 * 1024);
    bound = retained <= retainedBoundBytes(input.bytes.length) ? 'ok' : 'PAST';
    if (model === undefined) retainedRatio = null; // keeps `model` alive across the second GC
  }
  return {
    family: input.family,
    name: input.name,
    bytes: input.bytes.length,
    outcome: first.outcome,
    minMs: times[0]!,
    medianMs: times[times.length >> 1]!,
    retainedRatio,
    bound,
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(arg('runs') ?? 7);
  const only = arg('only');
  const inputs = worstInputs().filter((i) => !only || `${i.family} ${i.name}`.includes(only));
  const rows = inputs.map((i) => measure(i, runs));
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify(rows) + '\n');
    return;
  }
  const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
  console.log(
    `${pad('family', 14)} ${pad('input', 58)} ${pad('bytes', 6)} ${pad('min ms', 7)} ${pad('med ms', 7)} ${pad('kept/in', 7)} ${pad('bound', 16)} outcome`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.family, 14)} ${pad(r.name.slice(0, 58), 58)} ${pad(String(r.bytes), 6)} ${pad(r.minMs.toFixed(1), 7)} ${pad(r.medianMs.toFixed(1), 7)} ${pad(r.retainedRatio === null ? '-' : r.retainedRatio.toFixed(1), 7)} ${pad(r.bound, 16)} ${r.outcome}`,
    );
  }
  const worst = rows.reduce((a, b) => (b.minMs > a.minMs ? b : a));
  console.log(
    `slowest (min of ${runs}): ${worst.family} ${worst.name}: ${worst.minMs.toFixed(1)} ms; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const past = rows.filter((r) => r.bound === 'PAST');
  console.log(
    `retention (${RETAINED_BOUND_TEXT}): ${rows.filter((r) => r.bound === 'ok').length} within, ${rows.filter((r) => r.bound.startsWith('max')).length} refused by a named limit, ${past.length} PAST${past.map((r) => `; PAST: ${r.family} ${r.name}`).join('')}`,
  );
  if (past.length > 0) process.exitCode = 1;
}

main();
