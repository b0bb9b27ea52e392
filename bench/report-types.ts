/** The bench report's data types (the `--json` shape), apart from report.ts so goals.ts can read them without an import cycle. */
import type { MissingCase, Op } from './cases.js';

/**
 * What a case's payloads were: `distinct` (every call a payload, or a model decoded from one, that
 * no call of the round saw before: the corpus Go made), `same` (the vector's bytes every call: warm
 * caches), `cold` (a fresh process's first decode, or the import of the core entry).
 */
export type Content = 'distinct' | 'same' | 'cold';

/** What both sides report for a case. */
interface SideNumbers {
  /** Mean ops/s over rounds (throughput cases). */
  opsPerSec: number | null;
  /** Mean milliseconds over fresh processes (cold cases). */
  ms?: number | null;
  /** Relative margin of error of the mean (95%), percent. */
  rme: number | null;
  /** Rounds (or processes) measured. */
  samples?: number;
  mbPerSec: number | null;
  /** Bytes allocated per op (TypeScript: heap + external, from v8's GC profiler). */
  allocBytesPerOp: number | null;
}

export interface TsNumbers extends SideNumbers {
  /** Extra, labelled warm figure of a distinct case: the same payload (and model) every call. */
  sameOpsPerSec?: number | null;
  sameRme?: number | null;
  /** Which TypeScript entry point was timed: the family adapter or a codec's typed API. */
  api?: string;
  error?: string;
}

export interface GoNumbers extends SideNumbers {
  allocsPerOp: number | null;
  note?: string;
}

export interface PeerNumbers {
  opsPerSec: number | null;
  rme?: number | null;
  mbPerSec: number | null;
  /** TS ops/s on the same bytes (ts.sameOpsPerSec, else ts.opsPerSec) over this peer's ops/s. */
  ratio: number | null;
  error?: string;
  note?: string;
}

export interface CaseReport {
  name: string;
  family: string;
  /** `import`: the cold import of the core entry. */
  op: Op | 'import';
  content: Content;
  /** Payload size (mean over the corpus for distinct cases). */
  bytes: number;
  /** Distinct payloads the case cycles through (1 for same, the payload for cold). */
  payloads: number;
  vector: string;
  ts: TsNumbers;
  go: GoNumbers;
  /** Throughput: ts.opsPerSec / go.opsPerSec. Cold: go.ms / ts.ms. Above 1: TypeScript faster. */
  ratio: number | null;
  peers: Record<string, PeerNumbers>;
}

export interface MemoryReport {
  name: string;
  family: string;
  bytes: number;
  /** Heap+external kept alive by one decoded value, and that over the payload size. */
  ts: { retainedPerOp: number | null; perByte: number | null; error?: string };
  go: { retainedPerOp: number | null; perByte: number | null };
}

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  go: string | null;
  /** `uptime` load averages (1, 5, 15 min) at the start and end of the run. */
  loadStart: number[];
  loadEnd: number[];
}

export interface BenchReport {
  date: string;
  quick: boolean;
  machine: Machine;
  cases: CaseReport[];
  memory: MemoryReport[];
  missing: MissingCase[];
  notes: string[];
}
