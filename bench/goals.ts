/**
 * The goals of issue 15, checked against a report: TS/Go on new content, the msgpackr peer, cold
 * starts, retained memory. Each goal row names its case, the figure, and whether it is met; a
 * goal whose figure is missing counts as not met.
 */
import type { BenchReport } from './report-types.js';

export interface GoalRow {
  goal: string;
  case: string;
  /** The figure compared with the goal (a ratio, or ms for the import). */
  figure: number | null;
  unit: 'x' | 'ms';
  /** Error estimates of the two sides the figure comes from, percent. */
  rme: [number | null, number | null];
  met: boolean;
}

const DECODE_GOALS: Record<string, number> = { 'gob-spec': 6, 'gob-value': 5, 'msgpack-value': 5, 'proto-spec': 3, rpc: 3 };
const ENCODE_GOAL = 2;
const IMPORT_MS = 30;

export function checkGoals(r: BenchReport): GoalRow[] {
  const rows: GoalRow[] = [];
  for (const c of r.cases) {
    if (c.content === 'cold') {
      if (c.op === 'import')
        rows.push({
          goal: `core entry imports in <= ${IMPORT_MS} ms`,
          case: c.name,
          figure: c.ts.ms ?? null,
          unit: 'ms',
          rme: [c.ts.rme, null],
          met: c.ts.ms != null && c.ts.ms <= IMPORT_MS,
        });
      else
        rows.push({
          goal: 'first decode no slower than Go (Go ms / TS ms >= 1)',
          case: c.name,
          figure: c.ratio,
          unit: 'x',
          rme: [c.ts.rme, c.go.rme],
          met: c.ratio != null && c.ratio >= 1,
        });
      continue;
    }
    if (c.content !== 'distinct') continue;
    const want = c.op === 'decode' ? DECODE_GOALS[c.family] : c.family in DECODE_GOALS ? ENCODE_GOAL : undefined;
    if (want !== undefined)
      rows.push({
        goal: `${c.family} ${c.op} on new content >= ${want}x Go`,
        case: c.name,
        figure: c.ratio,
        unit: 'x',
        rme: [c.ts.rme, c.go.rme],
        met: c.ratio != null && c.ratio >= want,
      });
    const peer = c.peers['msgpackr'];
    if (c.family === 'msgpack-value' && c.op === 'decode' && peer)
      rows.push({
        goal: 'msgpack-value decode >= msgpackr on the same bytes',
        case: c.name,
        figure: peer.ratio,
        unit: 'x',
        rme: [c.ts.sameRme ?? null, peer.rme ?? null],
        met: peer.ratio != null && peer.ratio >= 1,
      });
  }
  for (const m of r.memory) {
    // A decoded value keeps something: zero is a failed measurement, not a met goal.
    const ts = m.ts.retainedPerOp != null && m.ts.retainedPerOp > 0 ? m.ts.retainedPerOp : null;
    const ratio = ts != null && m.go.retainedPerOp != null ? m.go.retainedPerOp / ts : null;
    rows.push({
      goal: 'retained memory after a decode <= Go (Go bytes / TS bytes >= 1)',
      case: m.name,
      figure: ratio,
      unit: 'x',
      rme: [null, null],
      met: ratio != null && ratio >= 1,
    });
  }
  return rows;
}
