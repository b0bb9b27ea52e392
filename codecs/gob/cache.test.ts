/**
 * The program-wide caches (compiled decoders, interned definitions, nested cty.Type streams both
 * ways) change nothing but speed: a warm run decodes the same values, teaches the id space the
 * same ids, writes the same bytes and fails the same way as a cold one.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalDiff } from '../../testkit/compare.js';
import { valueToCanonical } from '../cty/canonical.js';
import { specToCanonical } from '../hclspec/canonical.js';
import { MAX_DEPTH, WireError } from '../wire/errors.js';
import { decodeCtyValueGob, decodeObjectSpecGob, encodeCtyValueGob, encodeObjectSpecGob, gobIdSpaceOf } from './api.js';
import { clearGobCaches } from './caches.js';
import { ctyTypeGo } from './cty.js';
import { decodeGob } from './decoder.js';
import { decodeGobStream, type GobValue } from './dynamic.js';
import { encodeGob } from './encoder.js';
import { goInt, goPtr, goSlice, goString, goStruct, type GobField, type GobStructType } from './gotype.js';
import { packerRegistry } from './hcldec.js';
import { IdSpace } from './idspace.js';
import { hex, vector, vectors, type LoadedVector } from '../../testkit/vectors.js';

/** Everything a decode shows: the canonical value, the ids it taught, the bytes it re-encodes to. */
function outcome(v: LoadedVector): { canonical: unknown; ids: unknown; again: string; fresh: string } {
  const spec = v.id.startsWith('gob-spec/');
  const model = spec ? decodeObjectSpecGob(v.bytes) : decodeCtyValueGob(v.bytes);
  const canonical = spec ? specToCanonical(model as never) : valueToCanonical(model as never, { withPrec: true });
  const ids = gobIdSpaceOf(model)!.entries();
  const encode = (opts: object) => (spec ? encodeObjectSpecGob(model as never, opts) : encodeCtyValueGob(model as never, opts));
  // Re-encoding with the decoded space, and with a fresh process numbering from 64.
  return { canonical, ids, again: hex(encode({})), fresh: hex(encode({ ids: new IdSpace(64) })) };
}

const same = (got: unknown, want: unknown, what: string) => assert.is(canonicalDiff(got, want), null, what);

test('every gob-spec and gob-value vector: cold, warm and reverse-order runs agree in value, ids and bytes', () => {
  const all = [...vectors('gob-spec'), ...vectors('gob-value')];
  const cold = all.map((v) => {
    clearGobCaches();
    return outcome(v);
  });
  clearGobCaches();
  for (const order of [all.map((_, i) => i), all.map((_, i) => all.length - 1 - i)]) {
    for (const i of order) {
      const warm = outcome(all[i]!);
      const want = cold[i]!;
      same(warm.canonical, want.canonical, all[i]!.id);
      assert.equal(warm.ids, want.ids, `${all[i]!.id}: ids`);
      assert.is(warm.again, want.again, `${all[i]!.id}: re-encoded`);
      assert.is(warm.fresh, want.fresh, `${all[i]!.id}: fresh process`);
    }
  }
});

/** The bytes of the cty.Type (gobValue.Ty) inside a gob-value vector. */
function typeStreamOf(id: string): Uint8Array {
  const outer = decodeGobStream(vector(id).bytes).values[0]!.value as GobValue & { kind: 'encoded' };
  const inner = decodeGobStream(outer.bytes).values[0]!.value as GobValue & { kind: 'struct' };
  const ty = inner.fields.find((f) => f.value.kind === 'encoded')!.value as GobValue & { kind: 'encoded' };
  return ty.bytes;
}

const reasonAt = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.instance(e, WireError);
    return `${(e as WireError).offset}: ${(e as WireError).reason}`;
  }
  return 'no error';
};

test('a cached cty.Type stream still honours MAX_DEPTH where it is used: the same error as a cold decode', () => {
  const bytes = typeStreamOf('gob-value/harness-gob-map-of-objects-with-numbers');
  const decodeAt = (depth: number) => () => ctyTypeGo.decode(bytes, { ids: new IdSpace(), registry: packerRegistry(), depth, offset: 7 });
  // The deepest starting depth that still decodes, found cold.
  let fits = MAX_DEPTH;
  for (; fits >= 0; fits--) {
    clearGobCaches();
    if (reasonAt(decodeAt(fits)) === 'no error') break;
  }
  assert.ok(fits > 0 && fits < MAX_DEPTH, 'the type stream nests a few levels');
  clearGobCaches();
  const coldError = reasonAt(decodeAt(fits + 1));
  assert.match(coldError, /nests deeper/);
  clearGobCaches();
  assert.is(reasonAt(decodeAt(0)), 'no error');
  // Warm: the cached result serves where it fits and not one level deeper.
  assert.is(reasonAt(decodeAt(fits)), 'no error');
  assert.is(reasonAt(decodeAt(fits + 1)), coldError);
});

test('recursive Go types: decoders compiled in one id space teach another the same ids', () => {
  const fields: GobField[] = [];
  const node: GobStructType = goStruct('Node', () => fields);
  fields.push({ name: 'Name', type: goString }, { name: 'Kids', type: goSlice(goPtr(node)) }, { name: 'N', type: goInt });
  const tree = {
    Name: 'a',
    Kids: [
      { Name: 'b', Kids: [], N: 2n },
      { Name: 'c', Kids: [{ Name: 'd', Kids: [], N: 4n }], N: 3n },
    ],
    N: 1n,
  };
  const bytes = encodeGob(node, tree, { ids: new IdSpace(70) });
  const run = () => {
    const ids = new IdSpace();
    const v = decodeGob(node, bytes, { ids });
    return { v, ids: ids.entries() };
  };
  clearGobCaches();
  const cold = run();
  const warm = run();
  assert.equal(warm.v, cold.v);
  assert.equal(warm.ids, cold.ids);
  assert.equal(cold.v, tree);
});

test('recursive Go types: an op compiled inside a cycle is not reused by another space (it lacks what the cycle taught)', () => {
  // Node's decoder compiles Meta, then Kids ([]*Node), whose element refers back to Node.
  const fields: GobField[] = [];
  const node: GobStructType = goStruct('Node', () => fields);
  const meta = goStruct('Meta', { K: goString });
  fields.push({ name: 'Name', type: goString }, { name: 'Meta', type: meta }, { name: 'Kids', type: goSlice(goPtr(node)) });
  const forest = goStruct('Forest', { Trees: goSlice(goPtr(node)) });
  const process = new IdSpace(64);
  const leaf = { Name: 'leaf', Meta: { K: 'k' }, Kids: [] };
  const nodeBytes = encodeGob(node, { Name: 'root', Meta: { K: 'm' }, Kids: [leaf] }, { ids: process });
  const forestBytes = encodeGob(forest, { Trees: [leaf] }, { ids: process });
  const forestIds = () => {
    const ids = new IdSpace();
    decodeGob(forest, forestBytes, { ids });
    return ids.entries();
  };
  clearGobCaches();
  const cold = forestIds();
  assert.ok(
    cold.some((e) => e.type === 'Meta'),
    'a cold decode of a Forest learns Meta',
  );
  clearGobCaches();
  decodeGob(node, nodeBytes, { ids: new IdSpace() });
  assert.equal(forestIds(), cold);
});

test('a nested encoding is reused only by a space holding the same ids: a fresh process numbers as Go does', () => {
  const v = vector('gob-spec/tester-sdk0.6.4-post-processor-tester-configspec-gob');
  const spec = decodeObjectSpecGob(v.bytes);
  // Warm the encode cache with the decoded space's ids, then encode as a fresh process.
  encodeObjectSpecGob(spec);
  assert.is(hex(encodeObjectSpecGob(spec, { ids: new IdSpace(64) })), hex(v.bytes));
  // A space numbering from elsewhere gets its own bytes, the same as with cold caches.
  const shifted = hex(encodeObjectSpecGob(spec, { ids: new IdSpace(90) }));
  clearGobCaches();
  assert.is(hex(encodeObjectSpecGob(decodeObjectSpecGob(v.bytes), { ids: new IdSpace(90) })), shifted);
});

test.run();
