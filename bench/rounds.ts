/**
 * The timing method: a case's operation runs in rounds of a fixed number of calls, TypeScript and Go
 * taking turns (TS, Go, TS, Go, ...) so load drift on the machine moves both sides alike. Each round
 * walks on through the case's corpus, never reusing a payload (or a model) within a round. Both
 * sides get the same statistics: mean ops/s over rounds and its relative margin of error.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Two-sided 95% Student t values by degrees of freedom (1..30; beyond: 1.96), as benchmark.js uses. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
  2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export interface Stats {
  /** Mean of the rounds' ops/s. */
  opsPerSec: number;
  /** Relative margin of error of that mean (95%), percent. */
  rme: number;
  samples: number;
}

/** Mean and relative margin of error (percent, 95%) of samples. */
export function stats(samples: readonly number[]): Stats {
  const n = samples.length;
  if (n === 0) return { opsPerSec: NaN, rme: NaN, samples: 0 };
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { opsPerSec: mean, rme: NaN, samples: 1 };
  const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const sem = Math.sqrt(variance / n);
  const t = T95[n - 2] ?? 1.96;
  return { opsPerSec: mean, rme: mean > 0 ? ((t * sem) / mean) * 100 : NaN, samples: n };
}

/**
 * One side's operation over a corpus: `call(i)` does the operation on item i (0 <= i < count);
 * `refresh`, when given, runs (untimed) before the cursor wraps, e.g. to decode fresh models so an
 * encode never sees the same object twice.
 */
export interface CorpusOp {
  count: number;
  call(i: number): unknown;
  refresh?(): void;
}

/** Runs a CorpusOp in rounds: calibrate once, then rounds of `ops` calls, timed with hrtime. */
export class TsRounds {
  private cursor = 0;
  sink: unknown;
  constructor(private readonly op: CorpusOp) {}

  /** Warms up for about `ms` and returns how many calls fit in it. */
  calibrate(ms: number): number {
    const end = process.hrtime.bigint() + BigInt(Math.round(ms * 1e6));
    let n = 0;
    while (process.hrtime.bigint() < end) {
      this.ensure(1);
      this.sink = this.op.call(this.cursor++);
      n++;
    }
    return n;
  }

  private ensure(ops: number): void {
    if (this.cursor + ops <= this.op.count) return;
    this.op.refresh?.();
    this.cursor = 0;
  }

  /** One round of `ops` calls (ops <= count); returns nanoseconds. */
  round(ops: number): number {
    this.ensure(ops);
    const call = this.op.call;
    let i = this.cursor;
    let sink: unknown;
    const t0 = process.hrtime.bigint();
    for (const end = i + ops; i < end; i++) sink = call(i);
    const ns = Number(process.hrtime.bigint() - t0);
    this.cursor = i;
    this.sink = sink;
    return ns;
  }
}

/** A Go round's result. */
export interface GoRound {
  ns: number;
  allocBytes: number;
  allocs: number;
}

/**
 * The Go side: conformance/gobench's test binary in TestServe mode, one process for the whole run,
 * answering one request line at a time (see TestServe).
 */
export class GoServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string) => void)[] = [];
  private exited: string | undefined;
  /** Lines the server printed that are not replies (skip markers, test output). */
  readonly other: string[] = [];

  constructor(bin: string, cwd: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(bin, ['-test.run', '^TestServe$', '-test.count', '1'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (/^(ok|err)( |$)/.test(line)) this.waiting.shift()?.(line);
      else this.other.push(line);
    });
    createInterface({ input: this.child.stderr }).on('line', (line) => this.other.push(line));
    const gone = (why: string) => {
      this.exited = why;
      for (const w of this.waiting.splice(0)) w(`err Go server exited (${why})`);
    };
    this.child.on('exit', (code, signal) => gone(`exit ${code ?? signal}`));
    this.child.on('error', (e) => gone(e.message));
  }

  private ask(line: string): Promise<string[]> {
    if (this.exited) return Promise.reject(new Error(`Go server exited (${this.exited})`));
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) => (reply.startsWith('ok') ? resolve(reply.split(' ').slice(1)) : reject(new Error(reply.slice(4)))));
      this.child.stdin.write(line + '\n');
    });
  }

  async calibrate(name: string, op: string, ms: number): Promise<number> {
    return Number((await this.ask(`calibrate ${name} ${op} ${Math.round(ms * 1e6)}`))[0]);
  }

  async round(name: string, op: string, ops: number): Promise<GoRound> {
    const [ns, allocBytes, allocs] = (await this.ask(`round ${name} ${op} ${ops}`)).map(Number);
    return { ns: ns!, allocBytes: allocBytes!, allocs: allocs! };
  }

  async retained(name: string, copies: number): Promise<number> {
    return Number((await this.ask(`retain ${name} ${copies}`))[0]);
  }

  async drop(name: string): Promise<void> {
    await this.ask(`drop ${name}`);
  }

  close(): void {
    if (!this.exited) this.child.stdin.end('quit\n');
  }
}
