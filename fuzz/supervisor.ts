/**
 * Runs the fuzz worker for one family and watches it: an input running longer than `hangMs` is a
 * hang (the worker is stopped and restarted past it), a worker that exhausts its capped heap is a
 * heap-limit finding. The worker's stack is 1 MiB (V8 keeps about 830 KiB of it usable, a little
 * less than the main thread's 984 KiB) so recursion that survives here survives for callers too.
 */
import { Worker } from 'node:worker_threads';
import type { Family, VectorContext } from '../codecs/family.js';
import { saveFinding, stackTopOf, toHex, type Finding } from './findings.js';
import { stackOfWorker } from './hang-stack.js';
import type { CostlyInput, Stats, WorkerConfig, WorkerMessage } from './messages.js';
import { RETAINED_BOUND_TEXT, retainedBoundBytes, STAGES, type Stage } from './oracle.js';
import { SharedState } from './shared.js';

export interface FuzzOptions {
  readonly family: Family;
  readonly seconds: number;
  /** stop after this many inputs (default: no limit) */
  readonly maxInputs?: number;
  readonly seed?: number;
  readonly vectorsDir: string;
  /** where findings are written; null: not written */
  readonly findingsDir: string | null;
  /** longest mutated input; 0 = automatic (1.25 x the largest seed, 64 KiB to 1 MiB) */
  readonly maxLen?: number;
  readonly stages?: readonly Stage[];
  readonly coverage?: boolean;
  readonly hangMs?: number;
  readonly heapMb?: number;
  /** for tests of the fuzzer itself (see WorkerConfig.codecModule) */
  readonly codecModule?: string;
  onProgress?(p: Stats & { seconds: number }): void;
}

export interface FuzzSummary {
  family: Family;
  codec: boolean;
  seed: number;
  seconds: number;
  inputs: number;
  executions: number;
  inputsPerSecond: number;
  values: number;
  wireErrors: number;
  corpus: number;
  coverage: number;
  seeds: number;
  shapes: number;
  restarts: number;
  findings: (Finding & { file?: string })[];
  /** time oracle: the slowest input's decode + canonical + encode, in ms, and the input */
  slowestMs: number;
  slowest?: CostlyInput;
  /** memory oracle: the largest retained heap / input length measured (fuzz/README.md) */
  maxRetainedRatio: number;
  mostRetained?: CostlyInput & { retained: number };
  /** the documented retention bound (oracle.ts, RETAINED_BOUND_TEXT) and whether mostRetained keeps to it */
  retainedBound: string;
  mostRetainedWithinBound: boolean;
}

const SHARED_BYTES = 4 << 20;

const PHASE_TEXT = {
  fuzz: 'while fuzzing',
  replay: 'while replaying for coverage',
  minimize: 'while minimizing another finding',
  generate: 'while decoding this corpus entry and writing back a changed value (the hang may be in fromCanonical/encode of that value)',
} as const;
const MAX_RESTARTS = 50;
/** corpus entries carried over a worker restart, at most */
const MAX_CARRIED = 20_000;

interface WorkerEnd {
  stats: Stats | null;
  /** why the worker stopped early, with the input it was running */
  death: Finding | null;
}

export async function fuzzFamily(o: FuzzOptions): Promise<FuzzSummary> {
  const start = Date.now();
  const deadline = start + o.seconds * 1000;
  const maxInputs = o.maxInputs ?? Number.MAX_SAFE_INTEGER;
  const seed = o.seed ?? 1;
  const summary: FuzzSummary = {
    family: o.family,
    codec: false,
    seed,
    seconds: 0,
    inputs: 0,
    executions: 0,
    inputsPerSecond: 0,
    values: 0,
    wireErrors: 0,
    corpus: 0,
    coverage: 0,
    seeds: 0,
    shapes: 0,
    restarts: 0,
    findings: [],
    slowestMs: 0,
    maxRetainedRatio: 0,
    retainedBound: RETAINED_BOUND_TEXT,
    mostRetainedWithinBound: true,
  };
  const bySignature = new Map<string, Finding & { file?: string }>();
  const record = (f: Finding): void => {
    const known = bySignature.get(f.signature);
    if (known) {
      known.count++;
      return;
    }
    const file = o.findingsDir ? saveFinding(o.findingsDir, f) : undefined;
    const entry = { ...f, ...(file ? { file } : {}) };
    bySignature.set(f.signature, entry);
    summary.findings.push(entry);
  };

  let skipInitial = 0;
  const carried: { bytes: Uint8Array; ctx: VectorContext }[] = [];
  for (;;) {
    const shared = SharedState.create(SHARED_BYTES);
    const cfg: WorkerConfig = {
      family: o.family,
      vectorsDir: o.vectorsDir,
      seed: seed + summary.restarts * 1_000_003,
      deadline,
      maxInputs: maxInputs - summary.inputs,
      maxLen: o.maxLen ?? 0,
      stages: o.stages ?? STAGES,
      coverage: o.coverage ?? true,
      skipInitial,
      shared: shared.buffer,
      known: [...bySignature.keys()],
      carried,
      ...(o.codecModule ? { codecModule: o.codecModule } : {}),
    };
    const before = summary.inputs;
    const end = await runWorker(cfg, shared, o, summary, record, carried, (s) =>
      o.onProgress?.({ ...s, inputs: before + s.inputs, seconds: (Date.now() - start) / 1000 }),
    );
    if (end.stats) {
      summary.inputs += end.stats.inputs;
      summary.executions += end.stats.executions;
      summary.values += end.stats.values;
      summary.wireErrors += end.stats.wireErrors;
      summary.corpus = Math.max(summary.corpus, end.stats.corpus);
      summary.coverage = Math.max(summary.coverage, end.stats.coverage);
      const st = end.stats;
      if ((st.slowestMs ?? 0) > summary.slowestMs) {
        summary.slowestMs = Math.round(st.slowestMs! * 10) / 10;
        if (st.slowest) summary.slowest = st.slowest;
      }
      if ((st.maxRetainedRatio ?? 0) > summary.maxRetainedRatio) {
        summary.maxRetainedRatio = Math.round(st.maxRetainedRatio! * 100) / 100;
        if (st.mostRetained) {
          summary.mostRetained = st.mostRetained;
          summary.mostRetainedWithinBound = st.mostRetained.retained <= retainedBoundBytes(st.mostRetained.length);
        }
      }
    } else {
      // The worker died: count what it got through (the shared counters) and restart past the input.
      summary.inputs += shared.inputs;
      summary.executions += shared.inputs;
      summary.values += shared.values;
      summary.wireErrors += shared.wireErrors;
    }
    if (!end.death) break;
    record(end.death);
    skipInitial = shared.initialDone + 1;
    summary.restarts++;
    if (Date.now() >= deadline || summary.inputs >= maxInputs || summary.restarts >= MAX_RESTARTS) break;
  }
  summary.seconds = (Date.now() - start) / 1000;
  summary.inputsPerSecond = Math.round(summary.inputs / Math.max(summary.seconds, 0.001));
  return summary;
}

function runWorker(
  cfg: WorkerConfig,
  shared: SharedState,
  o: FuzzOptions,
  summary: FuzzSummary,
  record: (f: Finding) => void,
  carried: { bytes: Uint8Array; ctx: VectorContext }[],
  progress: (s: Stats) => void,
): Promise<WorkerEnd> {
  const hangMs = o.hangMs ?? 1000;
  const contexts = new Map<number, VectorContext>();
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    workerData: cfg,
    resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: o.heapMb ?? 1024 },
    stdout: false,
    stderr: false,
  });
  let stats: Stats | null = null;
  let death: Finding | null = null;
  let pausing = false;
  const deathOf = (kind: Finding['kind'], message: string): Finding | null => {
    const cur = shared.current();
    if (!cur) return null;
    return {
      family: cfg.family,
      kind,
      stage: cur.phase === 'generate' ? 'generate' : cur.stage,
      message: `${message} (${PHASE_TEXT[cur.phase]}; not minimized)`,
      stackTop: '(none)',
      stack: [],
      hex: toHex(cur.bytes),
      length: cur.bytes.length,
      originalLength: cur.bytes.length,
      ctx: contexts.get(cur.ctxIndex) ?? {},
      count: 1,
      signature: `${kind}|${toHex(cur.bytes.subarray(0, 32))}`,
    };
  };
  const watchdog = setInterval(() => {
    const cur = shared.current();
    if (cur && !death && !pausing && Date.now() - cur.startedAt > hangMs) {
      const hung = deathOf('hang', `no result after ${hangMs} ms`);
      pausing = true;
      void stackOfWorker(worker.threadId, 5000).then((frames) => {
        // Without a stack (stuck inside one long native operation) hangs are told apart by stage only.
        const top = frames.length ? stackTopOf(frames).replace(/ \(.*$/, '') : '(no stack)';
        death = hung && { ...hung, stack: frames, stackTop: frames.length ? stackTopOf(frames) : '(none)', signature: `hang|${hung.stage}|${top}` };
        void worker.terminate();
      });
    }
  }, 50);
  return new Promise((resolve) => {
    worker.on('message', (m: WorkerMessage) => {
      switch (m.type) {
        case 'ready':
          summary.codec = m.codec;
          summary.seeds = m.seeds;
          summary.shapes = m.shapes;
          break;
        case 'ctx':
          contexts.set(m.index, m.ctx);
          break;
        case 'progress':
          progress(m.stats);
          break;
        case 'finding':
          record(m.finding);
          break;
        case 'repeat': {
          const f = summary.findings.find((x) => x.signature === m.signature);
          if (f) f.count++;
          break;
        }
        case 'corpus':
          if (carried.length < MAX_CARRIED) carried.push({ bytes: m.bytes, ctx: contexts.get(m.ctxIndex) ?? {} });
          break;
        case 'done':
          stats = m.stats;
          break;
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (death) return;
      death =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? deathOf('heap-limit', `worker heap (${o.heapMb ?? 1024} MiB) exhausted`)
          : deathOf('crash', `worker died: ${e.name}: ${e.message}`);
      if (!death)
        death = {
          family: cfg.family,
          kind: 'crash',
          stage: 'decode',
          message: `worker died between inputs: ${e.name}: ${e.message}`,
          stackTop: '(none)',
          stack: String(e.stack ?? '')
            .split('\n')
            .slice(0, 12),
          hex: '',
          length: 0,
          originalLength: 0,
          ctx: {},
          count: 1,
          signature: `crash|${e.message}`,
        };
    });
    worker.on('exit', () => {
      clearInterval(watchdog);
      resolve({ stats: death ? null : stats, death });
    });
  });
}
