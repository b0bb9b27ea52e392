/**
 * Code coverage feedback from V8's own block coverage (the inspector's precise coverage, the same
 * data `c8` uses), for the codec scripts only. Counters are reset on every `take()`, so a take
 * after a batch of inputs tells whether the batch reached any block not reached before; only then
 * are the batch's inputs replayed one by one to find which did.
 *
 * Must be started before the codec modules are loaded: V8 only counts blocks of functions it
 * compiles after coverage is on.
 */
import { Session } from 'node:inspector';

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface ScriptCoverage {
  url: string;
  functions: { ranges: Range[] }[];
}

export class Coverage {
  private readonly session = new Session();
  private readonly seen = new Set<string>();
  private readonly urlIds = new Map<string, number>();

  constructor(private readonly wanted: (url: string) => boolean) {}

  start(): void {
    this.session.connect();
    this.post('Profiler.enable');
    this.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }

  /** Number of distinct blocks reached so far. */
  get size(): number {
    return this.seen.size;
  }

  /** Blocks reached since the last take that were never recorded as reached. */
  take(): Set<string> {
    const res = this.post('Profiler.takePreciseCoverage') as { result: ScriptCoverage[] };
    const fresh = new Set<string>();
    for (const sc of res.result) {
      if (!this.wanted(sc.url)) continue;
      let u = this.urlIds.get(sc.url);
      if (u === undefined) this.urlIds.set(sc.url, (u = this.urlIds.size));
      for (const fn of sc.functions) {
        for (const r of fn.ranges) {
          if (r.count === 0) continue;
          const key = `${u}:${r.startOffset}:${r.endOffset}`;
          if (!this.seen.has(key)) fresh.add(key);
        }
      }
    }
    return fresh;
  }

  /** Records blocks as reached. */
  commit(keys: Iterable<string>): void {
    for (const k of keys) this.seen.add(k);
  }

  private post(method: string, params?: object): unknown {
    let out: unknown;
    let err: Error | null = null;
    this.session.post(method, params ?? {}, (e, r) => {
      err = e;
      out = r;
    });
    if (err) throw err;
    return out;
  }
}
