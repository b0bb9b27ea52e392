/**
 * Memory of one TypeScript/JavaScript operation (timing is rounds.ts): bytes allocated per op (heap + external, counting what GCs freed meanwhile), and heap retained by
 * decoded values.
 */
import { GCProfiler } from 'node:v8';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PerformanceObserver, performance } from 'node:perf_hooks';

let gcFn: (() => void) | undefined;
/** A full GC: `global.gc` under --expose-gc, else the flag is set at run time. */
export function fullGc(): void {
  if (!gcFn) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) gcFn = g;
    else {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    }
  }
  gcFn();
}

/** Heap plus external (ArrayBuffer backing stores) in use. */
const inUse = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Bytes allocated on the JS heap per call: growth from a clean start plus what each GC freed (v8's GCProfiler). */
function heapPerOp(fn: () => unknown, ops: number): number {
  settle();
  const profiler = new GCProfiler();
  const before = process.memoryUsage().heapUsed;
  profiler.start();
  let sink: unknown;
  for (let i = 0; i < ops; i++) sink = fn();
  const after = process.memoryUsage().heapUsed;
  const data = profiler.stop();
  void sink;
  let freed = 0;
  for (const s of data?.statistics ?? []) freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
  return Math.max(0, (after - before + freed) / ops);
}

/**
 * ArrayBuffer backing-store bytes allocated per call. The GC profiler does not see them, so the
 * calls run in small chunks and only chunks during which no GC ran (PerformanceObserver 'gc'
 * entries) count: there the growth of `arrayBuffers` is exactly what the calls allocated.
 */
async function arrayBuffersPerOp(fn: () => unknown, ops: number, chunk = 8): Promise<number> {
  const gcs: { start: number; end: number }[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  settle();
  obs.observe({ entryTypes: ['gc'] });
  const chunks: { t0: number; t1: number; grew: number }[] = [];
  let sink: unknown;
  for (let done = 0; done < ops; done += chunk) {
    const a0 = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    for (let i = 0; i < chunk; i++) sink = fn();
    const t1 = performance.now();
    chunks.push({ t0, t1, grew: process.memoryUsage().arrayBuffers - a0 });
  }
  void sink;
  await new Promise((r) => setTimeout(r, 20)); // let the observer deliver
  obs.disconnect();
  let grew = 0;
  let n = 0;
  for (const c of chunks) {
    if (gcs.some((g) => g.start <= c.t1 && g.end >= c.t0)) continue;
    grew += c.grew;
    n += chunk;
  }
  return n > 0 ? Math.max(0, grew / n) : 0;
}

/** Bytes allocated per call of `fn` (JS heap + ArrayBuffer backing stores), averaged over `ops` calls. */
export async function allocatedPerOp(fn: () => unknown, ops: number): Promise<number> {
  return heapPerOp(fn, ops) + (await arrayBuffersPerOp(fn, Math.min(ops, 4096)));
}

/** Full GCs until the heap settles (one GC can leave garbage, e.g. external memory, for the next). */
function settle(): void {
  for (let i = 0; i < 3; i++) fullGc();
}

/** Heap+external kept alive per decoded value, from `copies` values held at once. */
export function retainedPerOp(decode: () => unknown, copies = 32): number {
  const keep: unknown[] = new Array(copies);
  settle();
  const before = inUse();
  for (let i = 0; i < copies; i++) keep[i] = decode();
  settle();
  const after = inUse();
  if (keep.length !== copies) throw new Error('unreachable');
  return Math.max(0, (after - before) / copies);
}

/** How many calls make roughly `seconds` of work, given a throughput. */
export function opsFor(opsPerSec: number, seconds: number, min = 20, max = 200_000): number {
  if (!Number.isFinite(opsPerSec) || opsPerSec <= 0) return min;
  return Math.max(min, Math.min(max, Math.round(opsPerSec * seconds)));
}
