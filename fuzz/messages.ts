/** What the fuzz worker tells its supervisor, and how it is configured. */
import type { Family, VectorContext } from '../codecs/family.js';
import type { Finding } from './findings.js';
import type { Stage } from './oracle.js';

export interface WorkerConfig {
  readonly family: Family;
  readonly vectorsDir: string;
  readonly seed: number;
  /** wall-clock end (ms since epoch) */
  readonly deadline: number;
  /** stop after this many inputs */
  readonly maxInputs: number;
  readonly maxLen: number;
  readonly stages: readonly Stage[];
  readonly coverage: boolean;
  /** initial inputs (seeds, shapes) a previous worker already ran */
  readonly skipInitial: number;
  readonly shared: SharedArrayBuffer;
  /** signatures already reported (not reported again after a restart) */
  readonly known: readonly string[];
  /** corpus entries a previous worker found (carried over a restart) */
  readonly carried: readonly { readonly bytes: Uint8Array; readonly ctx: VectorContext }[];
  /** for tests of the fuzzer itself: a module URL exporting `codec` to fuzz instead of the family's */
  readonly codecModule?: string;
}

export interface Stats {
  inputs: number;
  executions: number;
  values: number;
  wireErrors: number;
  corpus: number;
  coverage: number;
  findings: number;
  /** the time oracle: the slowest input (all stages), in ms */
  slowestMs?: number;
  slowest?: CostlyInput;
  /** the memory oracle: the largest retained heap / input length measured (see oracle.ts) */
  maxRetainedRatio?: number;
  mostRetained?: CostlyInput & { retained: number };
}

/** An input the time or memory oracle singled out (hex cut to 512 characters). */
export interface CostlyInput {
  readonly length: number;
  readonly hex: string;
  readonly ctx: VectorContext;
}

export type WorkerMessage =
  | { readonly type: 'ready'; readonly seeds: number; readonly shapes: number; readonly codec: boolean }
  | { readonly type: 'ctx'; readonly index: number; readonly ctx: VectorContext }
  | { readonly type: 'progress'; readonly stats: Stats }
  | { readonly type: 'finding'; readonly finding: Finding }
  | { readonly type: 'repeat'; readonly signature: string }
  | { readonly type: 'corpus'; readonly bytes: Uint8Array; readonly ctxIndex: number }
  | { readonly type: 'done'; readonly stats: Stats };
