/**
 * Cross-language property tests, TypeScript <-> Go: for every family, random values go through
 * Go's real libraries (conformance/cmd/roundtrip) and our codecs, both ways.
 *
 * For each drawn value (canonical JSON):
 *   0. Go builds the value, writes it, reads it back and writes what it read (Go's bytes B0, a
 *      fixpoint: -0 in msgpack, for one, comes back as 0), and reads B0 (Go's view C0). A value
 *      Go itself cannot write or read back is outside Go's domain: counted, skipped.
 *   1. We read B0: our canonical must be C0.
 *   2. Where Go's bytes do not depend on map order, re-encoding what we read gives B0 exactly
 *      (gob: with the type ids B0 used, which a long-lived Go process assigns by history).
 *   3. We write the value afresh (gob: a fresh id space; gob-generic: from canonical JSON alone);
 *      Go must read our bytes as C0.
 *   4. Go writes what it read again; we must read that as C0 (and, outside gob, where Go is
 *      deterministic, Go's bytes must equal ours).
 * and, as a separate test for the families our codec can write from canonical JSON alone:
 *   5. The draw as it is, not normalised by Go: we write it, and where Go reads those bytes we
 *      must read them as Go does (Go NFC-normalises strings, orders and de-duplicates sets, …).
 *
 * Runs per family: PROPS_RUNS or `--runs N` (default 1000); `--seed N` / PROPS_SEED replays,
 * `--family F` / PROPS_FAMILY limits to one family. Without Go on PATH nothing runs and a line
 * starting with SKIPPED says so; a family whose codec is not registered yet gets a NOTE line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Family, FamilyCodec, VectorContext } from '../../codecs/family.js';
import { familyCodec } from '../../codecs/index.js';
import { isWireError } from '../../codecs/wire/errors.js';
import { specToCanonical } from '../../codecs/hclspec/canonical.js';
import { protoObjectSpec } from '../../testkit/hclspec/spec-arbitraries.js';
import { rpcMessage } from '../../testkit/rpc/arbitraries.js';
import { canonicalDiff, bytesEqual } from './compare.js';
import { loadManifest } from './run.js';
import { GoHelper, isUnavailable, option, type GoReply } from './crosslang.js';
import { configsRequest, ctyValue, gobObjectSpec, marshalledValue } from './crosslang-cty-arbitraries.js';
import { GobValueArbitraries } from './crosslang-gob-arbitraries.js';

const runs = Number(option('runs', 'PROPS_RUNS') ?? 1000);
const seedText = option('seed', 'PROPS_SEED');
const onlyFamily = option('family', 'PROPS_FAMILY');
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`bad run count ${runs}`);

const vectorsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../vectors');

/** One drawn value: canonical JSON plus the vector context its family needs. */
interface Case {
  readonly canonical: unknown;
  readonly context: VectorContext;
}

interface Stats {
  /** Counting stops at the first disagreement (shrinking reruns the property). */
  failed: boolean;
  checked: number;
  /** gob-generic: Go refused a type our canonical-only encoding had to guess. */
  ambiguous: number;
  bytesCompared: number;
  mapOrder: number;
  goCannotRewrite: number;
  /** gob: Go panicked reading our bytes where go-cty's GobDecode is known to (numbers in sets). */
  goPanicsOnNumbers: number;
  /** Step 5: draws written as they are and compared, and those we or Go refused that way. */
  rawChecked: number;
  rawRefused: number;
  outside: Map<string, number>;
}

const newStats = (): Stats => ({
  failed: false,
  checked: 0,
  ambiguous: 0,
  bytesCompared: 0,
  mapOrder: 0,
  goCannotRewrite: 0,
  goPanicsOnNumbers: 0,
  rawChecked: 0,
  rawRefused: 0,
  outside: new Map(),
});

/**
 * go-cty's GobDecode leaves numbers inside set elements as big.Float values, and set hashing then
 * panics; whether it does depends on Go's map order, so Go reads the same bytes only sometimes.
 */
const GO_CTY_SET_NUMBER_PANIC = /is big\.Float, not \*big\.Float/;

/** Our bytes, for a message: base64, shortened when long. */
const showBytes = (b: Uint8Array): string => {
  const s = Buffer.from(b).toString('base64');
  return s.length > 240 ? `${b.length} bytes, base64 ${s.slice(0, 240)}…` : `base64 ${s}`;
};

class Disagreement extends Error {}

const GOB: ReadonlySet<Family> = new Set(['gob-spec', 'gob-value', 'gob-generic']);

function step<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const msg = isWireError(e) ? e.message : `${(e as Error)?.name ?? 'Error'} (not a WireError): ${(e as Error)?.message ?? String(e)}`;
    throw new Disagreement(`${what}: ${msg}`);
  }
}

function same(got: unknown, want: unknown, what: string): void {
  const d = canonicalDiff(JSON.parse(JSON.stringify(got)) as unknown, want);
  if (d) throw new Disagreement(`${what}: ${d}`);
}

function sameBytes(ours: Uint8Array, gos: Uint8Array, what: string): void {
  const at = bytesEqual(ours, gos);
  if (at >= 0) {
    const hex = (b: Uint8Array) => Buffer.from(b.subarray(Math.max(0, at - 4), at + 12)).toString('hex');
    throw new Disagreement(`${what}: first difference at byte ${at} (ours ${ours.length} bytes …${hex(ours)}…, Go's ${gos.length} bytes …${hex(gos)}…)`);
  }
}

/** JSON with every non-ASCII UTF-16 unit escaped, so a counterexample's exact code points show. */
const asciiJson = (v: unknown): string => JSON.stringify(v).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

/** A short key for why Go refused a drawn value: the stage and the innermost two causes. */
function reasonKey(r: GoReply): string {
  const e = r.error
    .split(': ')
    .slice(-2)
    .join(': ')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N');
  return `${r.stage}: ${e.length > 100 ? e.slice(0, 100) + '…' : e}`;
}

/** The model we write in step 3: no memory of Go's bytes. */
function freshModel(family: Family, codec: FamilyCodec, fromGo: unknown, c0: unknown, ctx: VectorContext): unknown {
  if (family === 'gob-generic') return step('our canonical -> model', () => codec.fromCanonical(c0, ctx));
  // A decoded spec or value remembers its id space by object identity: a shallow copy does not.
  if (family === 'gob-spec' || family === 'gob-value') return { ...(fromGo as object) };
  return fromGo;
}

/**
 * Whether gob-generic canonical JSON leaves a Go type open: an empty slice, map or array (its
 * element type is not written) or an anonymous struct (Go's wire name for every unnamed struct
 * type is "", so two of them cannot be told apart).
 */
function leavesTypeOpen(n: unknown): boolean {
  if (Array.isArray(n)) return n.some(leavesTypeOpen);
  if (typeof n !== 'object' || n === null) return false;
  const o = n as Record<string, unknown>;
  if (Object.keys(o).length === 1) {
    for (const k of ['$slice', '$map', '$array']) if (Array.isArray(o[k]) && (o[k] as unknown[]).length === 0) return true;
    const st = o['$struct'] as Record<string, unknown> | undefined;
    if (st && st['name'] === '') return true;
  }
  return Object.values(o).some(leavesTypeOpen);
}

type Check = (go: GoHelper, family: Family, codec: FamilyCodec, c: Case, st: Stats) => Promise<boolean>;

async function checkCase(check: Check, go: GoHelper, family: Family, codec: FamilyCodec, c: Case, st: Stats): Promise<boolean> {
  try {
    return await check(go, family, codec, c, st.failed ? newStats() : st);
  } catch (e) {
    st.failed = true;
    throw e;
  }
}

/** JSON with every string and key NFC-normalised. */
function nfcDeep(j: unknown): unknown {
  if (typeof j === 'string') return j.normalize('NFC');
  if (Array.isArray(j)) return j.map(nfcDeep);
  if (typeof j !== 'object' || j === null) return j;
  const o = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(j)) o[k.normalize('NFC')] = nfcDeep(v);
  return o;
}

/** Families whose canonical JSON our codec can write without Go's help (step 5). */
const RAW: ReadonlySet<Family> = new Set(['gob-spec', 'gob-value', 'proto-spec', 'msgpack-value', 'json-value']);

/**
 * 5. The draw as it is (strings not NFC-normalised, set elements in any order or repeated,
 *    numbers as written): we write it, and where Go reads our bytes, we must read them as Go does.
 *    Returns false when we or Go refuse the draw that way.
 */
async function checkRawDraw(go: GoHelper, family: Family, codec: FamilyCodec, c: Case, st: Stats): Promise<boolean> {
  const ctx = c.context;
  // go-cty's GobDecode does not NFC-normalise (a non-NFC attribute name even makes it panic), yet
  // its API normalises on every access: for gob only sets' order and duplicates are compared.
  const drawn = GOB.has(family) ? nfcDeep(c.canonical) : c.canonical;
  let bytes: Uint8Array;
  try {
    bytes = codec.encode(codec.fromCanonical(drawn, ctx), ctx);
  } catch {
    st.rawRefused++;
    return false;
  }
  const g = await go.roundtrip(family, bytes, ctx);
  if (g.stage === 'decode' || g.stage === 'panic' || g.stage === 'request') {
    st.rawRefused++;
    return false;
  }
  const ours = step(`decoding our own bytes (${showBytes(bytes)}), which Go reads`, () => codec.toCanonical(codec.decode(bytes, ctx), ctx));
  same(ours, g.canonical, `we read our bytes (${showBytes(bytes)}) of the draw as drawn differently from Go`);
  st.rawChecked++;
  return true;
}

async function checkCaseSteps(go: GoHelper, family: Family, codec: FamilyCodec, c: Case, st: Stats): Promise<boolean> {
  const ctx = c.context;
  const g0 = await go.encode(family, c.canonical, ctx);
  if (g0.error || !g0.bytes) {
    const k = reasonKey(g0);
    st.outside.set(k, (st.outside.get(k) ?? 0) + 1);
    return false;
  }
  const c0 = g0.canonical;
  // 1. We read Go's bytes as Go does.
  const fromGo = step("decoding Go's bytes", () => codec.decode(g0.bytes!, ctx));
  same(
    step('model -> canonical', () => codec.toCanonical(fromGo, ctx)),
    c0,
    "we read Go's bytes as a different value",
  );
  // 2. We write Go's bytes.
  if (g0.deterministic) {
    sameBytes(
      step("re-encoding what we read from Go's bytes", () => codec.encode(fromGo, ctx)),
      g0.bytes,
      "our re-encoding of Go's bytes differs",
    );
    st.bytesCompared++;
  } else st.mapOrder++;
  // 3. Go reads what we write.
  const fresh = freshModel(family, codec, fromGo, c0, ctx);
  const ours = step('encoding', () => codec.encode(fresh, ctx));
  const g1 = await go.roundtrip(family, ours, ctx);
  if (family === 'gob-generic' && g1.stage === 'decode' && /local type|type mismatch|wrong type/.test(g1.error) && leavesTypeOpen(c0)) {
    // The encoder had to guess a Go type canonical JSON does not give (interface{} elements for
    // an empty []int; one wire type for two anonymous structs) and Go's decoder refused it.
    st.ambiguous++;
    st.checked++;
    return true;
  }
  if ((g1.stage === 'decode' || g1.stage === 'panic') && GOB.has(family) && GO_CTY_SET_NUMBER_PANIC.test(g1.error)) {
    st.goPanicsOnNumbers++;
    st.checked++;
    return true;
  }
  if (g1.stage === 'decode' || g1.stage === 'panic') throw new Disagreement(`Go cannot read our bytes (${showBytes(ours)}): ${g1.error}`);
  same(g1.canonical, c0, `Go reads our bytes (${showBytes(ours)}) as a different value`);
  // 4. We read Go's re-encoding of our bytes.
  if (g1.error || !g1.bytes) {
    st.goCannotRewrite++;
  } else {
    const back = step("decoding Go's re-encoding", () => codec.decode(g1.bytes!, ctx));
    same(
      step('model -> canonical', () => codec.toCanonical(back, ctx)),
      c0,
      "we read Go's re-encoding of our bytes as a different value",
    );
    if (!GOB.has(family) && g1.deterministic) sameBytes(ours, g1.bytes, "Go's re-encoding of our bytes differs from them");
  }
  st.checked++;
  return true;
}

function report(family: Family, st: Stats): string {
  if (st.rawChecked || st.rawRefused)
    return `crosslang ${family}, draws as drawn: ${st.rawChecked} read alike by Go and us, ${st.rawRefused} refused by us or Go (not compared)`;
  const outside = [...st.outside].sort((a, b) => b[1] - a[1]);
  const n = outside.reduce((a, [, k]) => a + k, 0);
  const lines = [
    `crosslang ${family}: ${st.checked} values checked both ways; ${st.bytesCompared} byte-compared, ${st.mapOrder} with map order in Go's bytes (value-compared only)` +
      (st.goCannotRewrite ? `, ${st.goCannotRewrite} Go could read but not write again` : '') +
      (st.goPanicsOnNumbers ? `, ${st.goPanicsOnNumbers} where Go's gob decoding panicked on our bytes (go-cty: numbers in set elements)` : '') +
      (st.ambiguous
        ? `, ${st.ambiguous} Go could not read from canonical-only bytes (a type canonical JSON leaves open: empty container, anonymous struct)`
        : '') +
      (n ? `; ${n} draws outside Go's domain skipped` : ''),
  ];
  for (const [k, v] of outside.slice(0, 5)) lines.push(`    ${v} x ${k}`);
  return lines.join('\n');
}

const cases: Partial<Record<Family, (go: GoHelper, codec: FamilyCodec) => Promise<fc.Arbitrary<Case>>>> = {
  'gob-spec': async () => gobObjectSpec.map((canonical) => ({ canonical, context: {} })),
  'gob-value': async () => ctyValue({ unknowns: 'none', withPrec: true, dynamic: false }).map((canonical) => ({ canonical, context: {} })),
  'gob-generic': async (go) => {
    const arbs = new GobValueArbitraries(await go.types());
    return arbs.stream().map(({ goTypes, canonical }) => ({ canonical, context: { goTypes } }));
  },
  'proto-spec': async () => protoObjectSpec.map((s) => ({ canonical: specToCanonical(s), context: { kind: 'accept' } })),
  'msgpack-value': async () =>
    marshalledValue({ unknowns: 'refined', withPrec: false, dynamic: true }).map(({ canonical, marshalType }) => ({
      canonical,
      context: { type: marshalType },
    })),
  'json-value': async () =>
    marshalledValue({ unknowns: 'none', withPrec: false, dynamic: true }).map(({ canonical, marshalType }) => ({ canonical, context: { type: marshalType } })),
  rpc: async (_go, codec) => {
    const messages = rpcMessage({ canonicalSafe: true }).map((m) => {
      const context = { direction: m.direction, serviceMethod: m.header.serviceMethod, bodyType: m.bodyType.name };
      return { canonical: codec.toCanonical(m, context), context };
    });
    return fc.oneof({ weight: 4, arbitrary: messages }, { weight: 1, arbitrary: configsRequest });
  },
};

const started = GoHelper.start();
if (isUnavailable(started) && started.goMissing) {
  console.error(`SKIPPED: cross-language property tests (TypeScript <-> Go) did not run: ${started.reason}`);
} else if (isUnavailable(started)) {
  test('the Go round-trip helper builds', () => {
    assert.unreachable(started.reason);
  });
} else {
  const go = started;
  test("the Go helper reads every vector's bytes as its expect file says", async () => {
    const vectors = loadManifest(vectorsDir).filter((v) => v.family in cases && !(v.family === 'proto-spec' && v.context?.['kind'] === 'reject'));
    assert.ok(vectors.length > 0, 'no vectors to check the helper with');
    const replies = await Promise.all(
      vectors.map((v) => go.roundtrip(v.family as Family, new Uint8Array(readFileSync(join(vectorsDir, v.file))), v.context ?? {})),
    );
    const bad: string[] = [];
    vectors.forEach((v, i) => {
      const r = replies[i]!;
      const d = r.error && r.stage !== 'encode' ? r.error : canonicalDiff(r.canonical, JSON.parse(readFileSync(join(vectorsDir, v.expect), 'utf8')));
      if (d) bad.push(`${v.id}: ${d}`);
    });
    assert.equal(bad.slice(0, 5), [], `${bad.length} of ${vectors.length} vectors read differently by the helper`);
  });
  for (const family of Object.keys(cases) as Family[]) {
    if (onlyFamily && family !== onlyFamily) continue;
    const codec = familyCodec(family);
    if (!codec) {
      console.error(`NOTE crosslang: family ${family} has no codec yet; its TypeScript <-> Go property test did not run`);
      continue;
    }
    const property = (title: string, check: Check) =>
      test(`${family}: ${runs} ${title}`, async () => {
        const st = newStats();
        const arb = await cases[family]!(go, codec);
        const t0 = Date.now();
        const result = await fc.check(
          fc.asyncProperty(arb, async (c) => {
            fc.pre(await checkCase(check, go, family, codec, c, st));
          }),
          { numRuns: runs, ...(seedText ? { seed: Number(seedText) } : {}), maxSkipsPerRun: 10 },
        );
        console.log(report(family, st) + ` (${Date.now() - t0} ms)`);
        if (result.failed) {
          const err = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
          const example = result.counterexample ? `\nCounterexample (JSON, non-ASCII escaped): ${asciiJson(result.counterexample[0])}` : '';
          assert.unreachable(`${family}: ${err}${example}\n${fc.defaultReportMessage(result)}`);
        }
      });
    property('random values, TypeScript <-> Go', checkCaseSteps);
    if (RAW.has(family)) property('draws as drawn (not normalised by Go): we read our bytes as Go does', checkRawDraw);
  }
  test.after(async () => {
    await go.close();
  });
}

test.run();
