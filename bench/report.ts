/** The bench's results as data (the `--json` shape) and as Markdown tables (stdout and RESULTS.md). */
import type { MissingCase, Op } from './cases.js';

export interface TsNumbers {
  opsPerSec: number | null;
  mbPerSec: number | null;
  /** Bytes allocated per op (heap + external), from v8's GC profiler. */
  allocBytesPerOp: number | null;
  /** benchmark.js relative margin of error, percent. */
  rme?: number;
  /** Which TypeScript entry point was timed: the family adapter or a codec's typed API. */
  api?: string;
  error?: string;
}

export interface GoNumbers {
  opsPerSec: number | null;
  mbPerSec: number | null;
  allocBytesPerOp: number | null;
  allocsPerOp: number | null;
  note?: string;
}

export interface PeerNumbers {
  opsPerSec: number | null;
  mbPerSec: number | null;
  /** TS ops/s over this peer's ops/s. */
  ratio: number | null;
  error?: string;
  note?: string;
}

export interface CaseReport {
  name: string;
  family: string;
  op: Op;
  /** Payload size (decode input; encode output as Go wrote it). */
  bytes: number;
  vector: string;
  ts: TsNumbers;
  go: GoNumbers;
  /** ts.opsPerSec / go.opsPerSec. */
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

export const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a != null && b != null && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null;

const DASH = '—';

/** Groups thousands with commas, independent of locale. */
function group(n: number): string {
  const s = Math.round(Math.abs(n)).toString();
  return (n < 0 ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** ops/s: whole numbers with grouping from 100 up, three significant digits below. */
export function fmtOps(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  return n >= 100 ? group(n) : n.toPrecision(3);
}

export function fmtMBs(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

/** Byte counts: B below 1 KiB, then KiB / MiB with one decimal. */
export function fmtBytes(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** A ratio as `0.42x`; below 0.5 (TypeScript more than 2x slower) marked with `!`. */
export function fmtRatio(r: number | null | undefined): string {
  if (r == null || !Number.isFinite(r)) return DASH;
  return `${r.toFixed(2)}x${r < 0.5 ? ' !' : ''}`;
}

export function fmtPerByte(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  return n.toFixed(2);
}

/** A Markdown table with padded columns; `right` marks right-aligned columns. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[] = []): string {
  const cells = (r: readonly string[]) => headers.map((_, i) => (r[i] ?? '').replace(/\|/g, '\\|'));
  const body = rows.map(cells);
  const width = headers.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length), 3));
  const pad = (s: string, i: number) => (right[i] ? s.padStart(width[i]!) : s.padEnd(width[i]!));
  const line = (r: readonly string[]) => `| ${r.map(pad).join(' | ')} |`;
  const rule = `|${width.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(headers), rule, ...body.map(line)].join('\n');
}

export function mainTable(cases: readonly CaseReport[]): string {
  const headers = ['case', 'op', 'bytes', 'TS ops/s', 'TS MB/s', 'TS alloc/op', 'Go ops/s', 'Go MB/s', 'Go alloc/op', 'Go allocs/op', 'TS/Go'];
  const rows = cases.map((c) => [
    c.name,
    c.op,
    group(c.bytes),
    c.ts.error ? `error: ${c.ts.error.slice(0, 40)}` : fmtOps(c.ts.opsPerSec),
    fmtMBs(c.ts.mbPerSec),
    fmtBytes(c.ts.allocBytesPerOp),
    fmtOps(c.go.opsPerSec),
    fmtMBs(c.go.mbPerSec),
    fmtBytes(c.go.allocBytesPerOp),
    c.go.allocsPerOp == null ? DASH : group(c.go.allocsPerOp),
    fmtRatio(c.ratio),
  ]);
  return markdownTable(headers, rows, [false, false, true, true, true, true, true, true, true, true, true]);
}

export function peerTable(cases: readonly CaseReport[]): string {
  const rows: string[][] = [];
  for (const c of cases) {
    for (const [name, p] of Object.entries(c.peers)) {
      rows.push([c.name, c.op, name, p.error ? `error: ${p.error.slice(0, 50)}` : fmtOps(p.opsPerSec), fmtMBs(p.mbPerSec), fmtRatio(p.ratio)]);
    }
  }
  return markdownTable(['case', 'op', 'peer', 'ops/s', 'MB/s', 'TS/peer'], rows, [false, false, false, true, true, true]);
}

export function memoryTable(mem: readonly MemoryReport[]): string {
  const rows = mem.map((m) => [
    m.name,
    group(m.bytes),
    m.ts.error ? `error: ${m.ts.error.slice(0, 40)}` : fmtBytes(m.ts.retainedPerOp),
    fmtPerByte(m.ts.perByte),
    fmtBytes(m.go.retainedPerOp),
    fmtPerByte(m.go.perByte),
  ]);
  return markdownTable(['case', 'bytes', 'TS retained/decode', 'TS per byte', 'Go retained/decode', 'Go per byte'], rows, [false, true, true, true, true, true]);
}

/** The whole human report: tables, then missing cases and notes. */
export function renderReport(r: BenchReport): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`Machine: ${m.cores} cores, ${m.cpu}; Node ${m.node}; Go ${m.go ?? 'absent'}; load ${m.loadStart.join(' ')} (start) / ${m.loadEnd.join(' ')} (end)${r.quick ? '; --quick' : ''}`);
  if (m.go == null) out.push('', '**GO ABSENT: the Go columns are empty; see the notes.**');
  out.push('', '### Throughput (TS/Go = TypeScript ops/s over Go ops/s; `!` = TypeScript more than 2x slower)', '', mainTable(r.cases));
  if (r.cases.some((c) => Object.keys(c.peers).length > 0)) out.push('', '### JavaScript peers (TS/peer = TypeScript ops/s over peer ops/s)', '', peerTable(r.cases));
  if (r.memory.length > 0) out.push('', '### Decode memory (heap kept alive by one decoded value)', '', memoryTable(r.memory));
  if (r.missing.length > 0) out.push('', '### Cases with no vector yet', '', ...r.missing.map((c) => `- ${c.name}: ${c.what}`));
  if (r.notes.length > 0) out.push('', '### Notes', '', ...r.notes.map((n) => `- ${n.replace(/\n/g, '\n  ')}`));
  return out.join('\n') + '\n';
}

/** The `--json` document. */
export function jsonReport(r: BenchReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}
