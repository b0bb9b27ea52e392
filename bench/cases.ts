/**
 * Which vectors the bench times: one case per hot path, picked from vectors/manifest.json by a
 * fixed rule (the largest vector of a kind, ties broken by id), under a stable name.
 */
import type { Family, VectorContext } from '../codecs/family.js';

/** The manifest fields the bench reads (vectors/README.md). */
export interface BenchVector {
  id: string;
  family: string;
  file: string;
  expect: string;
  source?: { plugin?: string };
  context?: VectorContext;
}

export type Op = 'decode' | 'encode';
export const OPS: readonly Op[] = ['decode', 'encode'];

/** A kind of payload worth timing and how to recognise its vectors. */
export interface CaseRule {
  /** Stable case name: `<family>.<kind>`, only [a-z0-9.-] (it is also a Go sub-benchmark name). */
  name: string;
  family: Family;
  /** What the rule picks, for the report. */
  what: string;
  /** What "largest" means: payload size (default), or the number of JSON nodes in the expect file. */
  by?: Metric;
  matches(v: BenchVector): boolean;
}

/** `bytes`: size of the payload file; `nodes`: values in the canonical expect (structure, not string length). */
export type Metric = 'bytes' | 'nodes';

/** A rule with the vector it picked. */
export interface BenchCase {
  name: string;
  family: Family;
  what: string;
  vector: BenchVector;
  /** Size of the payload file in bytes. */
  bytes: number;
}

/** Measures a vector: its payload size, or the JSON nodes of its expect file. */
export type Measure = (v: BenchVector, metric: Metric) => number;

const str = (ctx: VectorContext | undefined, key: string): string | undefined => {
  const v = ctx?.[key];
  return typeof v === 'string' ? v : undefined;
};
const fromPlugin = (v: BenchVector) => (v.source?.plugin ?? 'harness') !== 'harness';
/** A spec vector of a ConfigSpec call (vectors that do not say which call are taken as ConfigSpec). */
const isConfigSpec = (v: BenchVector) => (str(v.context, 'call') ?? 'ConfigSpec') === 'ConfigSpec';
const rpcIs = (v: BenchVector, direction: string, method: (m: string) => boolean) =>
  v.family === 'rpc' && str(v.context, 'direction') === direction && method(str(v.context, 'serviceMethod') ?? '');

export const CASE_RULES: readonly CaseRule[] = [
  {
    name: 'gob-spec.configspec',
    family: 'gob-spec',
    what: 'largest plugin ConfigSpec, gob',
    matches: (v) => v.family === 'gob-spec' && fromPlugin(v) && isConfigSpec(v),
  },
  {
    name: 'proto-spec.configspec',
    family: 'proto-spec',
    what: 'largest plugin ConfigSpec, protobuf',
    matches: (v) => v.family === 'proto-spec' && fromPlugin(v) && isConfigSpec(v) && str(v.context, 'kind') !== 'reject',
  },
  { name: 'gob-value.largest', family: 'gob-value', what: 'largest cty.Value, gob', matches: (v) => v.family === 'gob-value' },
  { name: 'gob-value.most-nodes', family: 'gob-value', what: 'cty.Value with the most nodes, gob', by: 'nodes', matches: (v) => v.family === 'gob-value' },
  { name: 'msgpack-value.largest', family: 'msgpack-value', what: 'largest cty.Value, msgpack', matches: (v) => v.family === 'msgpack-value' },
  {
    name: 'msgpack-value.most-nodes',
    family: 'msgpack-value',
    what: 'cty.Value with the most nodes, msgpack',
    by: 'nodes',
    matches: (v) => v.family === 'msgpack-value',
  },
  { name: 'json-value.largest', family: 'json-value', what: 'largest cty.Value, cty JSON', matches: (v) => v.family === 'json-value' },
  { name: 'gob-generic.largest', family: 'gob-generic', what: 'largest generic gob stream', matches: (v) => v.family === 'gob-generic' },
  {
    name: 'rpc.prepare-request',
    family: 'rpc',
    what: 'largest Prepare request (configs as cty JSON)',
    matches: (v) => rpcIs(v, 'request', (m) => m.endsWith('.Prepare')),
  },
  { name: 'rpc.ui-say', family: 'rpc', what: 'largest Ui.Say request', matches: (v) => rpcIs(v, 'request', (m) => m === 'Ui.Say') },
  {
    name: 'rpc.configspec-response',
    family: 'rpc',
    what: 'largest ConfigSpec response',
    matches: (v) => rpcIs(v, 'response', (m) => m.endsWith('.ConfigSpec')),
  },
];

/** A rule that found no vector. */
export interface MissingCase {
  name: string;
  family: Family;
  what: string;
}

/**
 * Applies every rule to the manifest: the largest matching vector wins (by the rule's metric),
 * ties go to the smallest id, so the choice is stable across regenerations that do not change
 * sizes. A vector picked by an earlier rule of the same family is not picked again when another
 * one matches (a `most-nodes` rule then names a different payload than `largest`).
 */
export function selectCases(
  vectors: readonly BenchVector[],
  measure: Measure,
  rules: readonly CaseRule[] = CASE_RULES,
): { cases: BenchCase[]; missing: MissingCase[] } {
  const cases: BenchCase[] = [];
  const missing: MissingCase[] = [];
  const taken = new Set<string>();
  for (const r of rules) {
    const metric = r.by ?? 'bytes';
    let best: { v: BenchVector; score: number } | undefined;
    let bestFresh: typeof best;
    for (const v of vectors) {
      if (!r.matches(v)) continue;
      const score = measure(v, metric);
      const better = (b: typeof best) => !b || score > b.score || (score === b.score && v.id < b.v.id);
      if (better(best)) best = { v, score };
      if (!taken.has(v.id) && better(bestFresh)) bestFresh = { v, score };
    }
    const pick = bestFresh ?? best;
    if (pick) {
      taken.add(pick.v.id);
      cases.push({ name: r.name, family: r.family, what: r.what, vector: pick.v, bytes: metric === 'bytes' ? pick.score : measure(pick.v, 'bytes') });
    } else missing.push({ name: r.name, family: r.family, what: r.what });
  }
  return { cases, missing };
}

/** The number of values (objects, arrays, primitives) in a JSON document. */
export function countJsonNodes(j: unknown): number {
  if (Array.isArray(j)) return j.reduce((n: number, x) => n + countJsonNodes(x), 1);
  if (j !== null && typeof j === 'object') return Object.values(j).reduce((n: number, x) => n + countJsonNodes(x), 1);
  return 1;
}

/** Keeps the cases whose name contains one of the filter words (all cases when there are none). */
export function filterCases<C extends { name: string }>(cases: readonly C[], words: readonly string[]): C[] {
  if (words.length === 0) return [...cases];
  return cases.filter((c) => words.some((w) => c.name.includes(w)));
}
