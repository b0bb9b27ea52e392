/**
 * The fuzz oracle: runs one input through a family codec and says whether the outcome is
 * acceptable. Acceptable: a value, or a WireError (sane codec, offset and reason). Anything else is
 * a finding: another exception, a stack overflow, a WireError with a broken offset or reason, or
 * memory out of proportion to the input (see MEMORY below). Hangs and heap exhaustion are caught by
 * the supervisor around the worker this runs in.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { FamilyCodec, VectorContext } from '../codecs/family.js';
import { isWireError, type WireError } from '../codecs/wire/errors.js';
import { DEFAULT_LIMITS } from '../codecs/wire/limits.js';

export type Stage = 'decode' | 'canonical' | 'encode';
export const STAGES: readonly Stage[] = ['decode', 'canonical', 'encode'];

export type FindingKind = 'exception' | 'stack-overflow' | 'bad-wire-error' | 'memory' | 'hang' | 'heap-limit' | 'crash';

export type Outcome =
  | { readonly kind: 'value' }
  | { readonly kind: 'wire-error'; readonly error: WireError; readonly stage: Stage }
  | { readonly kind: FindingKind; readonly stage: Stage; readonly error: unknown; readonly detail?: string };

/**
 * Memory rule: what one input leaves held after a full GC must stay under RETAINED_FACTOR x input
 * + RETAINED_SLACK for each product kept (the decoded model, its canonical JSON, the re-encoded
 * bytes); the heap used while running it (from a fresh GC, before the next) under
 * TRANSIENT_FACTOR x that. A JS object per input byte costs about 50-60 bytes (a msgpack fixarray
 * 0x91 becomes a one-element Array), which is why the factor is 64. The worker's heap is capped
 * too (supervisor), which catches a blow-up before it takes the machine with it.
 */
export const MEMORY = {
  RETAINED_FACTOR: 64,
  RETAINED_SLACK: 1 << 20,
  TRANSIENT_FACTOR: 16,
};

/**
 * The documented bound on what one decode retains with the default limits (issue 16: "at most 10x
 * its input, or the limit refuses it"): retainedBytesPerInputByte (10) x input plus the fixed
 * maxRetainedBytes allowance (512 KiB: the deepest nesting accepted, 1,000 levels of one-entry maps, must fit). The decoders
 * charge each created value a measured upper estimate of its heap (codecs/wire/limits.ts,
 * RETAINED_BYTES) and refuse with DecodeLimitError 'maxRetainedBytes' past it; fuzz/worst.ts
 * checks the estimate against the heap V8 really keeps.
 */
export const retainedBoundBytes = (inputLength: number): number => DEFAULT_LIMITS.retainedBytesPerInputByte * inputLength + DEFAULT_LIMITS.maxRetainedBytes;
export const RETAINED_BOUND_TEXT = `retained <= ${DEFAULT_LIMITS.retainedBytesPerInputByte} x input + ${DEFAULT_LIMITS.maxRetainedBytes / 1024} KiB, or refused by maxRetainedBytes`;

export const retainedBudget = (inputLength: number, products = 1): number => products * (MEMORY.RETAINED_FACTOR * inputLength + MEMORY.RETAINED_SLACK);

const KNOWN_CODECS = new Set(['gob', 'protobuf', 'msgpack', 'cty-json', 'cty', 'hclspec', 'rpc', 'yamux', 'protocol', 'canonical']);

export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /Maximum call stack size exceeded/.test(e.message);
}

/** Why a WireError is itself broken (empty reason, offset not an index into the input), or null. */
function wireErrorProblem(e: WireError, stage: Stage, inputLength: number): string | null {
  if (!KNOWN_CODECS.has(e.codec)) return `unknown codec ${JSON.stringify(e.codec)}`;
  if (typeof e.reason !== 'string' || e.reason.length === 0) return 'empty reason';
  if (!Number.isSafeInteger(e.offset) || e.offset < 0) return `offset ${e.offset} is not a byte index`;
  if (stage === 'decode' && e.offset > inputLength) return `offset ${e.offset} is past the end of the ${inputLength}-byte input`;
  return null;
}

const heapNow = (): number => {
  const h = v8.getHeapStatistics();
  return h.used_heap_size + h.external_memory;
};

/** The last model/canonical/bytes produced, kept alive until the memory check has looked. */
let held: unknown[] = [];

function classify(e: unknown, stage: Stage, inputLength: number): Outcome {
  if (isWireError(e)) {
    const problem = wireErrorProblem(e, stage, inputLength);
    return problem ? { kind: 'bad-wire-error', stage, error: e, detail: problem } : { kind: 'wire-error', error: e, stage };
  }
  if (isStackOverflow(e)) return { kind: 'stack-overflow', stage, error: e };
  return { kind: 'exception', stage, error: e };
}

/** Runs the stages; the products stay in `held` until the caller clears them. */
function runStages(codec: FamilyCodec, bytes: Uint8Array, ctx: VectorContext, stages: readonly Stage[], onStage?: (s: Stage) => void): Outcome {
  let stage: Stage = 'decode';
  try {
    onStage?.(stage);
    const model = codec.decode(bytes, ctx);
    held.push(model);
    if (stages.includes('canonical')) {
      onStage?.((stage = 'canonical'));
      held.push(codec.toCanonical(model, ctx));
    }
    if (stages.includes('encode')) {
      onStage?.((stage = 'encode'));
      held.push(codec.encode(model, ctx));
    }
    return { kind: 'value' };
  } catch (e) {
    return classify(e, stage, bytes.length);
  }
}

export interface RunResult {
  readonly outcome: Outcome;
  /** heap growth across the run, without a GC (a cheap screen) */
  readonly growth: number;
}

/** One input, fast path: no GC, a cheap heap screen. */
export function runInput(codec: FamilyCodec, bytes: Uint8Array, ctx: VectorContext, stages: readonly Stage[], onStage?: (s: Stage) => void): RunResult {
  held = [];
  const before = heapNow();
  const outcome = runStages(codec, bytes, ctx, stages, onStage);
  const growth = heapNow() - before;
  held = [];
  return { outcome, growth };
}

let gcFn: (() => void) | undefined;
/** A full garbage collection (exposed on first use). */
export function gc(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
}

/**
 * The careful measurement, for inputs whose cheap screen went over budget: from a full GC, the
 * heap used while running (transient) and what stays held by the products (retained).
 */
export function measureMemory(
  codec: FamilyCodec,
  bytes: Uint8Array,
  ctx: VectorContext,
  stages: readonly Stage[],
): { outcome: Outcome; transient: number; retained: number } {
  held = [];
  gc();
  const before = heapNow();
  const outcome = runStages(codec, bytes, ctx, stages);
  const transient = heapNow() - before;
  gc();
  const retained = heapNow() - before;
  held = [];
  return { outcome, transient, retained };
}

/** A memory finding for this measurement, or null when within the rule. */
export function memoryVerdict(m: { transient: number; retained: number }, inputLength: number, products: number): string | null {
  const budget = retainedBudget(inputLength, products);
  if (m.retained > budget) return `retains ${m.retained} bytes of heap for a ${inputLength}-byte input (budget ${budget} for ${products} products)`;
  if (m.transient > MEMORY.TRANSIENT_FACTOR * budget)
    return `uses ${m.transient} bytes of heap while running a ${inputLength}-byte input (budget ${MEMORY.TRANSIENT_FACTOR * budget})`;
  return null;
}
