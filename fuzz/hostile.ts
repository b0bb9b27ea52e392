/**
 * Hostile vectors (vectors/hostile/, family `hostile`): inputs built by the hostile shapes, kept
 * as regression vectors with the WireError our codec gives for them today. Only inputs whose
 * current outcome is already a sane WireError become vectors; anything else is a finding to fix
 * first (reported, not written).
 *
 * `npm run fuzz -- --write-hostile` rewrites vectors/hostile/ and the `hostile` entries of
 * vectors/manifest.json (one compact line per entry, sorted by id, as the Go vectorizer keeps them).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Family, VectorContext } from '../codecs/family.js';
import { familyCodec } from '../codecs/families.js';
import { isWireError } from '../codecs/wire/errors.js';
import type { HostileExpect } from '../conformance/runner/check.js';
import { loadSeeds } from './corpus.js';
import { ALL_SHAPES } from './shapes/index.js';
import { buildHelper, goVersion, helperBinaryOf } from '../conformance/runner/crosslang.js';

interface PlanItem {
  readonly shape: string;
  readonly family: Family;
  readonly sizes: readonly number[];
  /** what Go does with the same input, where we checked (facts for the reader, not checked) */
  readonly go?: string;
}

const U32 = 0xffff_ffff;

const GO_PROTO = "Go's protobuf runtime (v1.33.0, used by SDK v0.6.4) stops at 10,000 levels (protowire.DefaultRecursionLimit); we stop at MAX_DEPTH (1000).";
const GO_UGORJI = 'Go\'s ugorji codec (v1.2.6, used by SDK v0.6.4) stops at 1024 levels ("maximum decoding depth exceeded"); we stop at MAX_DEPTH (1000).';

const GO_TINY =
  'Go decodes it and needs minutes to write it in decimal; we refuse numbers past maxNumberExponent (1000), a deliberate difference (vectors/README.md).';
const GO_LIMIT = 'Go decodes it; our decode limits refuse it (a deliberate difference: callers who trust the input raise the limit).';

const GO_ACCEPTS = "Go's encoding/gob decodes it (it limits nesting only while skipping types, at 10,000); we stop at MAX_DEPTH (1000) levels.";

/** Which shapes, at which sizes, become vectors for which family. */
export const HOSTILE_PLAN: readonly PlanItem[] = [
  { shape: 'gob-recursive-slice', family: 'gob-generic', sizes: [1001, 20_000], go: GO_ACCEPTS },
  { shape: 'gob-nested-slice-types', family: 'gob-generic', sizes: [1001], go: GO_ACCEPTS },
  { shape: 'gob-interface-chain', family: 'gob-generic', sizes: [1001], go: GO_ACCEPTS },
  { shape: 'gob-huge-slice-count', family: 'gob-generic', sizes: [U32, 2 ** 53], go: 'Go refuses it ("int slice too big").' },
  { shape: 'gob-huge-string-length', family: 'gob-generic', sizes: [U32], go: 'Go refuses it ("bad string slice length").' },
  { shape: 'gob-blockspec-chain', family: 'gob-spec', sizes: [1001], go: GO_ACCEPTS },
  {
    shape: 'gob-ignored-deep-field',
    family: 'gob-spec',
    sizes: [1001, 20_000],
    go: "Go's encoding/gob skips the ignored field and decodes the spec (CVE-2024-34156 capped only the depth of ignored types, not of ignored values of a recursive type).",
  },
  {
    shape: 'gob-huge-map-count',
    family: 'gob-spec',
    sizes: [U32],
    go: "Go's encoding/gob sizes the map from the declared count before reading entries: go1.26 used 24 GB of memory on this input before failing.",
  },
  { shape: 'gob-huge-message-length', family: 'gob-value', sizes: [U32], go: 'Go refuses it (unexpected EOF).' },
  { shape: 'proto-block-chain', family: 'proto-spec', sizes: [1001], go: GO_PROTO },
  { shape: 'proto-list-type-chain', family: 'proto-spec', sizes: [1001], go: GO_PROTO },
  { shape: 'proto-huge-length', family: 'proto-spec', sizes: [U32] },
  { shape: 'msgpack-deep-arrays', family: 'rpc', sizes: [1001, 20_000], go: GO_UGORJI },
  { shape: 'msgpack-deep-maps', family: 'rpc', sizes: [1001], go: GO_UGORJI },
  { shape: 'msgpack-huge-array-count', family: 'rpc', sizes: [U32] },
  { shape: 'msgpack-huge-map-count', family: 'rpc', sizes: [U32] },
  { shape: 'msgpack-huge-str-length', family: 'rpc', sizes: [U32] },
  // msgpack-value and json-value follow a type, so their values nest only as deep as a type in
  // the input (the dynamic form); deep arrays against a list(string) type test the parser only.
  { shape: 'msgpack-deep-arrays', family: 'msgpack-value', sizes: [20_000] },
  { shape: 'msgpack-dynamic-deep-type', family: 'msgpack-value', sizes: [1001] },
  { shape: 'msgpack-huge-array-count', family: 'msgpack-value', sizes: [U32] },
  { shape: 'msgpack-huge-str-length', family: 'msgpack-value', sizes: [U32] },
  { shape: 'json-deep-arrays', family: 'json-value', sizes: [20_000] },
  { shape: 'json-dynamic-deep-type', family: 'json-value', sizes: [1001] },
  // Valid but too costly (issue 16): refused by the decode limits (codecs/wire/limits.ts).
  { shape: 'cty-tiny-number', family: 'msgpack-value', sizes: [600_000], go: GO_TINY },
  { shape: 'cty-tiny-number', family: 'json-value', sizes: [600_000], go: GO_TINY },
  { shape: 'cty-tiny-number', family: 'gob-value', sizes: [600_000], go: GO_TINY },
  { shape: 'cty-many-small-exponents', family: 'msgpack-value', sizes: [120], go: GO_LIMIT },
  { shape: 'cty-many-small-exponents', family: 'json-value', sizes: [120], go: GO_LIMIT },
  {
    shape: 'msgpack-refined-unknown-lists',
    family: 'msgpack-value',
    sizes: [1000],
    go: 'go-cty builds every list of 65,536 unknowns; our maxRetainedBytes refuses the input once the lists together would retain more than 10 x the input plus 512 KiB.',
  },
  { shape: 'msgpack-fixint-flood', family: 'msgpack-value', sizes: [100_000], go: GO_LIMIT },
  { shape: 'gob-empty-struct-flood', family: 'gob-generic', sizes: [100_000], go: GO_LIMIT },
  {
    shape: 'transcript-empty-records',
    family: 'transcript',
    sizes: [40_000],
    go: 'The Go harness reads every record; our maxRetainedBytes refuses the input (records and their frames count as values, each charged as retained heap).',
  },
];

export interface HostileVector {
  readonly id: string;
  readonly bytes: Uint8Array;
  /** the manifest context: `family` (the target) plus the context its codec needs */
  readonly context: VectorContext;
  readonly expect: HostileExpect;
  /** the manifest source; the fuzz tool's when not set */
  readonly source?: Readonly<Record<string, string>>;
}

const FUZZ_SOURCE = { plugin: 'fuzz', pluginVersion: 'v0.0.0', sdkVersion: 'none', goVersion: 'none', mode: 'none' };

/** How a planned input fares with today's codec: its WireError, or why it cannot be a vector. */
function outcomeOf(family: Family, bytes: Uint8Array, ctx: VectorContext): HostileExpect['error'] | string {
  const codec = familyCodec(family);
  if (!codec) return `family ${family} has no codec yet`;
  try {
    codec.decode(bytes, ctx);
    return 'decodes to a value';
  } catch (e) {
    const typed = isWireError(e) && e.offset >= 0 && e.offset <= bytes.length && e.reason;
    return typed ? { codec: e.codec, reason: e.reason } : `FINDING: throws ${(e as Error)?.name}: ${(e as Error)?.message}`;
  }
}

interface GoHostileLine {
  id: string;
  context: { family: Family } & Record<string, unknown>;
  bytes: string;
  about: string;
  goVersion: string;
  sdkVersion: string;
}

/**
 * The hostile inputs Go makes (conformance/cmd/payloads -hostile: requests written by the SDK's
 * own rpc codec), each with the WireError our codec gives it. Without Go the Go-made vectors
 * already in vectorsDir are kept as they are.
 */
export function goHostileVectors(vectorsDir: string): { vectors: HostileVector[]; skipped: string[]; note: string } {
  const made = goVersion() === null ? 'no `go` on PATH' : buildHelper(undefined, 'payloads');
  let lines: GoHostileLine[] | null = null;
  let note = '';
  if (made === null) {
    const r = spawnSync(helperBinaryOf('payloads'), ['-hostile'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    if (r.status === 0)
      lines = r.stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as GoHostileLine);
    else note = `payloads -hostile failed (exit ${r.status}): ${r.stderr.slice(-500)}`;
  } else note = made;
  if (lines === null) return { vectors: keptGoVectors(vectorsDir), skipped: [], note: `Go-made hostile vectors kept as they were: ${note}` };
  const vectors: HostileVector[] = [];
  const skipped: string[] = [];
  for (const l of lines) {
    const id = `hostile/${l.id}`;
    const bytes = new Uint8Array(Buffer.from(l.bytes, 'base64'));
    const { family, ...ctx } = l.context;
    const outcome = outcomeOf(family, bytes, ctx);
    if (typeof outcome === 'string') {
      skipped.push(`${id}: ${outcome}`);
      continue;
    }
    const source = { plugin: 'harness', pluginVersion: 'v0.0.0', sdkVersion: l.sdkVersion, goVersion: l.goVersion, mode: 'none' };
    vectors.push({ id, bytes, context: l.context, expect: { about: l.about, error: outcome }, source });
  }
  return { vectors, skipped, note: `${vectors.length} hostile vectors made by Go (${lines[0]?.goVersion ?? '?'})` };
}

/** The Go-made hostile vectors of the manifest in vectorsDir, read back unchanged. */
function keptGoVectors(vectorsDir: string): HostileVector[] {
  const manifest = JSON.parse(readFileSync(join(vectorsDir, 'manifest.json'), 'utf8')) as {
    vectors: { id: string; family: string; file: string; expect: string; source: Record<string, string>; context: VectorContext }[];
  };
  return manifest.vectors
    .filter((e) => e.family === 'hostile' && e.source.plugin !== 'fuzz')
    .map((e) => ({
      id: e.id,
      bytes: new Uint8Array(readFileSync(join(vectorsDir, e.file))),
      context: e.context,
      expect: JSON.parse(readFileSync(join(vectorsDir, e.expect), 'utf8')) as HostileExpect,
      source: e.source,
    }));
}

const stem = (shape: string, family: Family, n: number): string => `${family}-${shape.replace(/^(gob|proto|msgpack|json|cty|transcript)-/, '')}-${n}`;

/** Builds every planned vector that is a WireError today; `skipped` says why the others are not. */
export function planHostileVectors(vectorsDir: string): { vectors: HostileVector[]; skipped: string[] } {
  const vectors: HostileVector[] = [];
  const skipped: string[] = [];
  for (const item of HOSTILE_PLAN) {
    const shape = ALL_SHAPES.find((s) => s.name === item.shape);
    if (!shape) throw new Error(`no shape ${item.shape}`);
    const codec = familyCodec(item.family);
    for (const n of item.sizes) {
      const id = `hostile/${stem(item.shape, item.family, n)}`;
      if (!codec) {
        skipped.push(`${id}: family ${item.family} has no codec yet`);
        continue;
      }
      const made = shape.make(n, item.family, loadSeeds(vectorsDir, item.family));
      if (!made) {
        skipped.push(`${id}: no seed gives the context this shape needs`);
        continue;
      }
      const outcome = outcomeOf(item.family, made.bytes, made.ctx);
      if (typeof outcome === 'string') {
        skipped.push(`${id}: ${outcome}`);
        continue;
      }
      const about = `${shape.about.replace(/\bN\b/g, n.toLocaleString('en-US'))}.${item.go ? ` ${item.go}` : ''}`;
      vectors.push({ id, bytes: made.bytes, context: { family: item.family, ...made.ctx }, expect: { about, error: outcome } });
    }
  }
  return { vectors, skipped };
}

/** JSON with object keys sorted at every level, as Go writes maps. */
function sortedJson(v: unknown, indent?: number): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
          )
        : x;
  return JSON.stringify(sort(v), null, indent);
}

/** The manifest line of a vector: the Go vectorizer's field order, compact. */
function manifestLine(v: HostileVector): string {
  const entry = {
    id: v.id,
    family: 'hostile',
    file: `${v.id}.bin`,
    expect: `${v.id}.expect.json`,
    source: v.source ?? FUZZ_SOURCE,
    byteExact: false,
  };
  return `${JSON.stringify(entry).slice(0, -1)},"context":${sortedJson(v.context)}}`;
}

/**
 * Replaces vectors/hostile/ and the manifest's hostile entries with `vectors`, keeping every
 * other manifest line byte for byte and the whole list sorted by id.
 */
export function writeHostileVectors(vectorsDir: string, vectors: readonly HostileVector[]): void {
  const dir = join(vectorsDir, 'hostile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const v of vectors) {
    writeFileSync(join(vectorsDir, `${v.id}.bin`), v.bytes);
    writeFileSync(join(vectorsDir, `${v.id}.expect.json`), sortedJson(v.expect, 2) + '\n');
  }
  const path = join(vectorsDir, 'manifest.json');
  const text = readFileSync(path, 'utf8');
  const open = text.indexOf('"vectors": [\n');
  const close = text.lastIndexOf('\n  ]\n}');
  if (open < 0 || close < 0) throw new Error(`${path} is not in the vectorizer's layout`);
  const head = text.slice(0, open + '"vectors": [\n'.length);
  const lines = text
    .slice(head.length, close)
    .split('\n')
    .map((l) => l.trim().replace(/,$/, ''))
    .filter((l) => l.length > 0 && (JSON.parse(l) as { family: string }).family !== 'hostile');
  const all = [...lines, ...vectors.map(manifestLine)].map((l) => ({ id: (JSON.parse(l) as { id: string }).id, l }));
  all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  writeFileSync(path, head + all.map((x) => `    ${x.l}`).join(',\n') + '\n  ]\n}\n');
}
