/** The bench's results as data (the `--json` shape) and as Markdown tables (stdout and RESULTS.md). */
import { checkGoals, type GoalRow } from './goals.js';

export type { Content, TsNumbers, GoNumbers, PeerNumbers, CaseReport, MemoryReport, Machine, BenchReport } from './report-types.js';
import type { BenchReport, CaseReport, MemoryReport } from './report-types.js';

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

/** A margin of error as `±4%`. */
export function fmtRme(r: number | null | undefined): string {
  if (r == null || !Number.isFinite(r)) return DASH;
  return `±${r < 10 ? r.toFixed(1) : r.toFixed(0)}%`;
}

export function fmtMs(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  return n >= 100 ? n.toFixed(0) : n.toPrecision(3);
}

export function mainTable(cases: readonly CaseReport[]): string {
  const headers = [
    'case',
    'op',
    'content',
    'bytes',
    'TS ops/s',
    'TS rme',
    'TS alloc/op',
    'Go ops/s',
    'Go rme',
    'Go alloc/op',
    'Go allocs/op',
    'TS/Go',
    'TS same-bytes ops/s',
  ];
  const rows = cases
    .filter((c) => c.content !== 'cold')
    .map((c) => [
      c.name,
      c.op,
      c.content,
      group(c.bytes),
      c.ts.error ? `error: ${c.ts.error.slice(0, 40)}` : fmtOps(c.ts.opsPerSec),
      fmtRme(c.ts.rme),
      fmtBytes(c.ts.allocBytesPerOp),
      fmtOps(c.go.opsPerSec),
      fmtRme(c.go.rme),
      fmtBytes(c.go.allocBytesPerOp),
      c.go.allocsPerOp == null ? DASH : group(c.go.allocsPerOp),
      fmtRatio(c.ratio),
      c.content === 'distinct' ? fmtOps(c.ts.sameOpsPerSec) : DASH,
    ]);
  return markdownTable(headers, rows, [false, false, false, true, true, true, true, true, true, true, true, true, true]);
}

export function coldTable(cases: readonly CaseReport[]): string {
  const rows = cases
    .filter((c) => c.content === 'cold')
    .map((c) => [
      c.name,
      c.op,
      group(c.bytes),
      c.ts.error ? `error: ${c.ts.error.slice(0, 40)}` : fmtMs(c.ts.ms),
      fmtRme(c.ts.rme),
      fmtMs(c.go.ms),
      fmtRme(c.go.rme),
      fmtRatio(c.ratio),
    ]);
  return markdownTable(['case', 'op', 'bytes', 'TS ms', 'TS rme', 'Go ms', 'Go rme', 'Go ms / TS ms'], rows, [
    false,
    false,
    true,
    true,
    true,
    true,
    true,
    true,
  ]);
}

export function peerTable(cases: readonly CaseReport[]): string {
  const rows: string[][] = [];
  for (const c of cases) {
    for (const [name, p] of Object.entries(c.peers)) {
      rows.push([c.name, c.op, name, p.error ? `error: ${p.error.slice(0, 50)}` : fmtOps(p.opsPerSec), fmtRme(p.rme), fmtMBs(p.mbPerSec), fmtRatio(p.ratio)]);
    }
  }
  return markdownTable(['case', 'op', 'peer', 'ops/s', 'rme', 'MB/s', 'TS/peer'], rows, [false, false, false, true, true, true, true]);
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
  return markdownTable(['case', 'bytes', 'TS retained/decode', 'TS per byte', 'Go retained/decode', 'Go per byte'], rows, [
    false,
    true,
    true,
    true,
    true,
    true,
  ]);
}

export function goalTable(goals: readonly GoalRow[]): string {
  const fig = (g: GoalRow) =>
    g.figure == null ? DASH : !Number.isFinite(g.figure) ? 'inf' : g.unit === 'ms' ? `${fmtMs(g.figure)} ms` : `${g.figure.toFixed(2)}x`;
  const rows = goals.map((g) => [g.goal, g.case, fig(g), `${fmtRme(g.rme[0])} / ${fmtRme(g.rme[1])}`, g.met ? 'met' : '**MISSED**']);
  return markdownTable(['goal', 'case', 'figure', 'rme TS / other', 'status'], rows, [false, false, true, true, false]);
}

/** The whole human report: tables, then missing cases and notes. */
export function renderReport(r: BenchReport): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `Machine: ${m.cores} cores, ${m.cpu}; Node ${m.node}; Go ${m.go ?? 'absent'}; load ${m.loadStart.join(' ')} (start) / ${m.loadEnd.join(' ')} (end)${r.quick ? '; --quick' : ''}`,
  );
  if (m.go == null) out.push('', '**GO ABSENT: the Go columns are empty; see the notes.**');
  out.push(
    '',
    '### Throughput (TS/Go = TypeScript ops/s over Go ops/s, rounds alternating; `!` = TypeScript more than 2x slower)',
    '',
    "`distinct`: every call a payload (or a fresh model decoded from one) not seen before in its round, from the corpus Go made; `same`: the vector's bytes every call (no corpus). The last column is the warm same-bytes figure of a distinct case, for reference only.",
    '',
    mainTable(r.cases),
  );
  if (r.cases.some((c) => c.content === 'cold'))
    out.push(
      '',
      '### Cold (fresh processes; above 1x: TypeScript faster)',
      '',
      "`decode`: the first decode of the family's largest payload in a fresh process (Node after importing the core entry; Go after its package inits). `import`: the core entry's import in Node; Go: the sum of its package inits (GODEBUG=inittrace=1).",
      '',
      coldTable(r.cases),
    );
  const goals = checkGoals(r);
  if (goals.length > 0) out.push('', `### Goals (issue 15): ${goals.filter((g) => g.met).length} of ${goals.length} met`, '', goalTable(goals));
  if (r.cases.some((c) => Object.keys(c.peers).length > 0))
    out.push('', '### JavaScript peers, same bytes every call (TS/peer = TypeScript same-bytes ops/s over peer ops/s)', '', peerTable(r.cases));
  if (r.memory.length > 0) out.push('', '### Decode memory (heap kept alive by one decoded value)', '', memoryTable(r.memory));
  if (r.missing.length > 0) out.push('', '### Cases with no vector yet', '', ...r.missing.map((c) => `- ${c.name}: ${c.what}`));
  if (r.notes.length > 0) out.push('', '### Notes', '', ...r.notes.map((n) => `- ${n.replace(/\n/g, '\n  ')}`));
  return out.join('\n') + '\n';
}

/** The `--json` document. */
export function jsonReport(r: BenchReport): string {
  return JSON.stringify({ ...r, goals: checkGoals(r) }, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
