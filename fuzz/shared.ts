/**
 * Memory shared between the fuzz worker and its supervisor: which input is running and since
 * when, so that the supervisor can name the input when the worker hangs or runs out of heap.
 *
 * Layout: 8 int32 (RUNNING, LENGTH, CTX, PHASE, INITIAL_DONE, STAGE), 4 float64 (STARTED_AT ms,
 * INPUTS, VALUES, WIRE_ERRORS), then the bytes of the running input.
 */
const RUNNING = 0;
const LENGTH = 1;
const CTX = 2;
const PHASE = 3;
const INITIAL_DONE = 4;
const STAGE = 5;
const STARTED_AT = 0;
const INPUTS = 1;
const VALUES = 2;
const WIRE_ERRORS = 3;
const HEADER = 64;

import { STAGES, type Stage } from './oracle.js';

export type Phase = 'fuzz' | 'replay' | 'minimize' | 'generate';
const PHASES: readonly Phase[] = ['fuzz', 'replay', 'minimize', 'generate'];

export class SharedState {
  readonly ctl: Int32Array;
  readonly num: Float64Array;
  readonly data: Uint8Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.ctl = new Int32Array(buffer, 0, 8);
    this.num = new Float64Array(buffer, 32, 4);
    this.data = new Uint8Array(buffer, HEADER);
  }

  static create(capacity: number): SharedState {
    return new SharedState(new SharedArrayBuffer(HEADER + capacity));
  }

  /** Worker: `bytes` starts running now (inputs longer than the buffer are recorded cut short). */
  begin(bytes: Uint8Array, ctxIndex: number, phase: Phase): void {
    const n = Math.min(bytes.length, this.data.length);
    this.data.set(n === bytes.length ? bytes : bytes.subarray(0, n));
    this.ctl[LENGTH] = n;
    this.ctl[CTX] = ctxIndex;
    this.ctl[PHASE] = PHASES.indexOf(phase);
    this.num[STARTED_AT] = Date.now();
    Atomics.store(this.ctl, RUNNING, 1);
  }

  end(): void {
    Atomics.store(this.ctl, RUNNING, 0);
  }

  set stage(s: Stage) {
    this.ctl[STAGE] = STAGES.indexOf(s);
  }

  /** Worker: running totals, readable after the worker died. */
  count(inputs: number, values: number, wireErrors: number): void {
    this.num[INPUTS] = inputs;
    this.num[VALUES] = values;
    this.num[WIRE_ERRORS] = wireErrors;
  }

  get values(): number {
    return this.num[VALUES]!;
  }

  get wireErrors(): number {
    return this.num[WIRE_ERRORS]!;
  }

  set inputs(n: number) {
    this.num[INPUTS] = n;
  }

  get inputs(): number {
    return this.num[INPUTS]!;
  }

  set initialDone(n: number) {
    this.ctl[INITIAL_DONE] = n;
  }

  get initialDone(): number {
    return this.ctl[INITIAL_DONE]!;
  }

  /** Supervisor: the running input, or null when the worker is between inputs. */
  current(): { bytes: Uint8Array; ctxIndex: number; phase: Phase; stage: Stage; startedAt: number } | null {
    if (Atomics.load(this.ctl, RUNNING) !== 1) return null;
    return {
      bytes: this.data.slice(0, this.ctl[LENGTH]!),
      ctxIndex: this.ctl[CTX]!,
      phase: PHASES[this.ctl[PHASE]!] ?? 'fuzz',
      stage: STAGES[this.ctl[STAGE]!] ?? 'decode',
      startedAt: this.num[STARTED_AT]!,
    };
  }
}
