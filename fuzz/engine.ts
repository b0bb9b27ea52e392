/**
 * The fuzz loop, run inside the worker: seeds, then hostile shapes, then mutants of the corpus
 * (and a few purely random inputs), each through the oracle. The corpus grows by inputs that reach
 * new code (block coverage) or give a WireError reason not seen before. Findings are minimized
 * here and sent to the supervisor; hangs and heap exhaustion are the supervisor's to see.
 */
import type { Family, FamilyCodec, VectorContext } from '../codecs/family.js';
import type { Coverage } from './coverage.js';
import { framesOf, messageOf, normalize, signatureOf, stackTopOf, toHex, type Finding } from './findings.js';
import { formatOf } from './formats.js';
import type { CostlyInput, Stats, WorkerMessage } from './messages.js';
import { minimize } from './minimize.js';
import { havoc, type MutationEnv } from './mutate.js';
import { mutateCanonical } from './canonical-mutate.js';
import { measureMemory, memoryVerdict, retainedBudget, runInput, type Outcome, type Stage } from './oracle.js';
import { Rng } from './rng.js';
import type { Phase, SharedState } from './shared.js';
import type { Seed, Shape, ShapeInput } from './shapes/shape.js';

/**
 * The memory oracle measures what a decode call retains (its model, after a full GC; the canonical
 * JSON and re-encoded bytes are not held) for inputs of at least RATIO_MIN_INPUT bytes whose
 * cheap heap screen (growth without a GC, over the same floor) passes both RATIO_SCREEN and the
 * largest ratio measured so far (an input retaining more grows at least as much, so a largest
 * ratio over 10 is found), and one input in 1024 besides.
 * The ratio is retained heap over max(input length, RATIO_FLOOR): a decode's fixed cost (a few
 * type objects, a GC's noise) is tens of KiB, which says nothing about a 1 KiB input.
 */
const RATIO_MIN_INPUT = 1024;
export const RATIO_FLOOR = 16 << 10;
const RATIO_SCREEN = 10;

const costly = (bytes: Uint8Array, ctx: VectorContext): CostlyInput => ({ length: bytes.length, hex: toHex(bytes.subarray(0, 256)), ctx });

export interface EngineOptions {
  readonly family: Family;
  readonly codec: FamilyCodec;
  readonly seeds: readonly Seed[];
  readonly shapes: readonly Shape[];
  readonly seed: number;
  readonly maxLen: number;
  readonly stages: readonly Stage[];
  readonly coverage: Coverage | null;
  readonly shared: SharedState;
  readonly skipInitial: number;
  readonly deadline: number;
  readonly maxInputs: number;
  readonly known: readonly string[];
  readonly carried: readonly Entry[];
  post(m: WorkerMessage): void;
}

export interface Entry {
  readonly bytes: Uint8Array;
  readonly ctx: VectorContext;
}

const BATCH = 128;
const MAX_CORPUS = 20_000;

/** What makes an acceptable outcome new for the corpus: its WireError reason, numbers stripped. */
const noveltyKey = (o: Outcome): string | null =>
  o.kind === 'wire-error' ? `${o.stage}|${o.error.codec}|${normalize(o.error.reason).slice(0, 40)}` : o.kind === 'value' ? 'value' : null;

export class Engine {
  private readonly rng: Rng;
  private readonly corpus: Entry[] = [];
  private readonly keys = new Set<string>();
  private readonly findings = new Map<string, number>();
  private readonly ctxIds = new Map<VectorContext, number>();
  private readonly batch: Entry[] = [];
  /** canonical JSON of corpus entries that decode (null: does not) */
  private readonly canonicals = new WeakMap<Entry, unknown>();
  private readonly env: MutationEnv;
  private readonly stats: Stats = { inputs: 0, executions: 0, values: 0, wireErrors: 0, corpus: 0, coverage: 0, findings: 0 };
  private lastProgress = Date.now();
  private readonly onStage = (s: Stage): void => {
    this.o.shared.stage = s;
  };

  constructor(private readonly o: EngineOptions) {
    this.rng = new Rng(o.seed);
    for (const s of o.known) this.findings.set(s, 0);
    this.env = {
      rng: this.rng,
      format: formatOf(o.family),
      maxLen: o.maxLen,
      other: () => (this.corpus.length ? this.rng.pick(this.corpus).bytes : new Uint8Array(0)),
    };
  }

  /** The initial inputs, made lazily: every seed, then every shape at every size. */
  private *initial(): Generator<ShapeInput> {
    for (const s of this.o.seeds) yield s;
    for (const sh of this.o.shapes) {
      for (const n of sh.sizes) {
        const made = sh.make(n, this.o.family, this.o.seeds);
        if (made) yield made;
      }
    }
  }

  run(): Stats {
    let i = 0;
    for (const input of this.initial()) {
      if (this.done()) break;
      // After a restart the inputs a previous worker ran (and the one it died on) are not run
      // again, but they still seed the corpus.
      if (i++ >= this.o.skipInitial) this.fuzzOne(input.bytes, input.ctx);
      if (input.bytes.length <= this.o.maxLen) this.add(input);
      this.o.shared.initialDone = i;
    }
    for (const e of this.o.carried) this.add(e);
    if (this.corpus.length === 0) this.add({ bytes: new Uint8Array(0), ctx: {} });
    while (!this.done()) {
      const r = this.rng.below(100);
      let parent: Entry;
      if (r < 3) parent = { bytes: this.rng.fill(new Uint8Array(this.rng.between(0, 64))), ctx: this.rng.pick(this.corpus).ctx };
      else if (r < 8) parent = this.recent();
      else parent = this.pickSmallish();
      const bytes = r < 3 ? parent.bytes : r < 18 ? (this.viaCanonical(parent) ?? havoc(parent.bytes, this.env)) : havoc(parent.bytes, this.env);
      // Now and then decode the bytes against another seed's context (a request read as a response, …).
      const ctx = this.rng.chance(0.03) ? this.rng.pick(this.corpus).ctx : parent.ctx;
      this.fuzzOne(bytes, ctx);
    }
    this.flushBatch();
    this.stats.corpus = this.corpus.length;
    this.stats.coverage = this.o.coverage?.size ?? 0;
    return this.stats;
  }

  private done(): boolean {
    return this.stats.inputs >= this.o.maxInputs || ((this.stats.inputs & 63) === 0 && Date.now() >= this.o.deadline);
  }

  /**
   * Decodes the entry, changes one node of its canonical JSON and writes it back (see
   * canonical-mutate.ts); null when any step refuses. Every codec call is under the watchdog.
   */
  private viaCanonical(e: Entry): Uint8Array | null {
    const { codec } = this.o;
    let canon = this.canonicals.get(e);
    if (canon === null) return null;
    this.o.shared.begin(e.bytes, this.ctxIndex(e.ctx), 'generate');
    try {
      if (canon === undefined) {
        try {
          canon = codec.toCanonical(codec.decode(e.bytes, e.ctx), e.ctx);
        } catch {
          canon = null;
        }
        this.canonicals.set(e, canon);
        if (canon === null) return null;
      }
      const out = codec.encode(codec.fromCanonical(mutateCanonical(canon, this.rng), e.ctx), e.ctx);
      return out.length <= this.o.maxLen ? out.slice() : null;
    } catch {
      return null;
    } finally {
      this.o.shared.end();
    }
  }

  /** Half the time the shorter of two random entries: short inputs run faster and mutate more sharply. */
  private pickSmallish(): Entry {
    const a = this.rng.pick(this.corpus);
    if (this.rng.chance(0.5)) return a;
    const b = this.rng.pick(this.corpus);
    return b.bytes.length < a.bytes.length ? b : a;
  }

  private recent(): Entry {
    const n = this.corpus.length;
    return this.corpus[n - 1 - this.rng.below(Math.min(n, 64))]!;
  }

  private add(e: Entry): void {
    if (this.corpus.length >= MAX_CORPUS) this.corpus[this.o.seeds.length + this.rng.below(MAX_CORPUS - this.o.seeds.length)] = e;
    else this.corpus.push(e);
  }

  /** A new corpus entry found by fuzzing: kept, and told to the supervisor for a restart. */
  private grow(e: Entry): void {
    this.add(e);
    this.o.post({ type: 'corpus', bytes: e.bytes, ctxIndex: this.ctxIndex(e.ctx) });
  }

  private ctxIndex(ctx: VectorContext): number {
    let i = this.ctxIds.get(ctx);
    if (i === undefined) {
      i = this.ctxIds.size;
      this.ctxIds.set(ctx, i);
      this.o.post({ type: 'ctx', index: i, ctx });
    }
    return i;
  }

  /** Runs one input under the watchdog's eye. */
  private exec(bytes: Uint8Array, ctx: VectorContext, phase: Phase) {
    this.o.shared.begin(bytes, this.ctxIndex(ctx), phase);
    const r = runInput(this.o.codec, bytes, ctx, this.o.stages, this.onStage);
    this.o.shared.end();
    this.stats.executions++;
    return r;
  }

  private fuzzOne(bytes: Uint8Array, ctx: VectorContext): void {
    const t0 = performance.now();
    const { outcome, growth } = this.exec(bytes, ctx, 'fuzz');
    const ms = performance.now() - t0;
    if (ms > (this.stats.slowestMs ?? 0)) {
      this.stats.slowestMs = ms;
      this.stats.slowest = costly(bytes, ctx);
    }
    this.stats.inputs++;
    if (outcome.kind === 'value') this.stats.values++;
    else if (outcome.kind === 'wire-error') this.stats.wireErrors++;
    this.o.shared.count(this.stats.inputs, this.stats.values, this.stats.wireErrors);
    if (outcome.kind !== 'value' && outcome.kind !== 'wire-error') return this.finding(outcome, bytes, ctx);
    if (growth > retainedBudget(bytes.length, this.o.stages.length)) this.checkMemory(bytes, ctx);
    else if (bytes.length >= RATIO_MIN_INPUT) {
      // measure (two full GCs) only where the cheap screen could beat the largest ratio so far
      const screen = growth / Math.max(bytes.length, RATIO_FLOOR);
      if (screen > Math.max(RATIO_SCREEN, this.stats.maxRetainedRatio ?? 0) || (this.stats.inputs & 1023) === 0) this.measureRatio(bytes, ctx);
    }
    const key = noveltyKey(outcome);
    const entry = { bytes, ctx };
    if (key !== null && !this.keys.has(key)) {
      this.keys.add(key);
      if (bytes.length <= this.o.maxLen) this.grow(entry);
    }
    if (this.o.coverage && bytes.length <= this.o.maxLen) {
      this.batch.push(entry);
      if (this.batch.length >= BATCH) this.flushBatch();
    }
    if ((this.stats.inputs & 1023) === 0 && Date.now() - this.lastProgress >= 1000) {
      this.lastProgress = Date.now();
      this.o.post({ type: 'progress', stats: { ...this.stats, corpus: this.corpus.length, coverage: this.o.coverage?.size ?? 0 } });
    }
  }

  /**
   * If the batch reached new blocks, replays its inputs one by one and keeps those that reach
   * some. Blocks only the first run of an input reached (a cache being filled) are recorded too,
   * so that they do not make every later batch look new.
   */
  private flushBatch(): void {
    const cov = this.o.coverage;
    if (!cov || this.batch.length === 0) return;
    const fresh = cov.take();
    if (fresh.size > 0) {
      for (const e of this.batch) {
        this.exec(e.bytes, e.ctx, 'replay');
        const mine = cov.take();
        if (mine.size > 0) {
          cov.commit(mine);
          this.grow(e);
        }
      }
      cov.commit(fresh);
    }
    this.batch.length = 0;
  }

  /** The memory oracle: retained heap (after a full GC) over input length, the largest kept. */
  private noteRatio(bytes: Uint8Array, ctx: VectorContext, retained: number): void {
    if (bytes.length < RATIO_MIN_INPUT) return;
    const ratio = retained / Math.max(bytes.length, RATIO_FLOOR);
    if (ratio > (this.stats.maxRetainedRatio ?? 0)) {
      this.stats.maxRetainedRatio = ratio;
      this.stats.mostRetained = { ...costly(bytes, ctx), retained };
    }
  }

  private measureRatio(bytes: Uint8Array, ctx: VectorContext): void {
    // what a decode call retains: its model (canonical JSON and re-encoded bytes not held)
    this.o.shared.begin(bytes, this.ctxIndex(ctx), 'fuzz');
    const m = measureMemory(this.o.codec, bytes, ctx, ['decode']);
    this.o.shared.end();
    this.noteRatio(bytes, ctx, m.retained);
  }

  private checkMemory(bytes: Uint8Array, ctx: VectorContext): void {
    if (bytes.length >= RATIO_MIN_INPUT) this.measureRatio(bytes, ctx);
    const m = measureMemory(this.o.codec, bytes, ctx, this.o.stages);
    const verdict = memoryVerdict(m, bytes.length, this.o.stages.length);
    if (verdict === null) return;
    const outcome: Outcome = { kind: 'memory', stage: 'decode', error: null, detail: verdict };
    this.report(outcome, `memory|${noveltyKey(m.outcome) ?? m.outcome.kind}`, [], bytes, ctx, (c) => {
      this.o.shared.begin(c, this.ctxIndex(ctx), 'minimize');
      const again = measureMemory(this.o.codec, c, ctx, this.o.stages);
      this.o.shared.end();
      return memoryVerdict(again, c.length, this.o.stages.length) !== null;
    });
  }

  private finding(outcome: Outcome, bytes: Uint8Array, ctx: VectorContext): void {
    const frames = 'error' in outcome ? framesOf(outcome.error) : [];
    const sig = signatureOf(outcome, frames);
    this.report(outcome, sig, frames, bytes, ctx, (c) => {
      const r = this.exec(c, ctx, 'minimize').outcome;
      return signatureOf(r, 'error' in r ? framesOf(r.error) : []) === sig;
    });
  }

  private report(outcome: Outcome, sig: string, frames: readonly string[], bytes: Uint8Array, ctx: VectorContext, still: (b: Uint8Array) => boolean): void {
    const seen = this.findings.get(sig);
    if (seen !== undefined) {
      this.findings.set(sig, seen + 1);
      this.o.post({ type: 'repeat', signature: sig });
      return;
    }
    this.findings.set(sig, 1);
    this.stats.findings++;
    const small = minimize(bytes, still, outcome.kind === 'memory' ? { runs: 300, ms: 5000 } : { runs: 4000, ms: 5000 });
    const finding: Finding = {
      family: this.o.family,
      kind: outcome.kind as Finding['kind'],
      stage: 'stage' in outcome ? outcome.stage : 'decode',
      message: messageOf(outcome),
      stackTop: frames.length ? stackTopOf(frames) : '(none)',
      stack: frames.slice(0, 12),
      hex: toHex(small),
      length: small.length,
      originalLength: bytes.length,
      ctx,
      count: 1,
      signature: sig,
    };
    this.o.post({ type: 'finding', finding });
  }
}
