/** hcldec.ObjectSpec and cty.Value over gob: Go's vectors both ways, properties, and refusals. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { canonicalDiff } from '../../testkit/compare.js';
import { valueFromCanonical, valueToCanonical } from '../cty/canonical.js';
import { T } from '../cty/types.js';
import { Unknown } from '../cty/values.js';
import { specFromCanonical, specToCanonical } from '../hclspec/canonical.js';
import type { ObjectSpec } from '../hclspec/model.js';
import { WireError } from '../wire/errors.js';
import {
  decodeCtyGobEncoding,
  decodeCtyValueGob,
  decodeObjectSpecGob,
  encodeCtyGobEncoding,
  encodeCtyValueGob,
  encodeObjectSpecGob,
  gobIdSpaceOf,
} from './api.js';
import { decodeGobStream, type GobValue } from './dynamic.js';
import { IdSpace } from './idspace.js';
import { ctyValue, objectSpec } from '../../testkit/gob/arbitraries.js';
import { hex, vector, vectors } from '../../testkit/vectors.js';

const isGobError = (re: RegExp) => (e: unknown) => e instanceof WireError && e.codec === 'gob' && re.test(e.reason);
const same = (got: unknown, want: unknown, what: string) => assert.is(canonicalDiff(got, want), null, what);

test('gob-spec vectors: decode matches Go; re-encode gives Go bytes (byte-exact) or the same spec', () => {
  for (const v of vectors('gob-spec')) {
    const spec = decodeObjectSpecGob(v.bytes);
    same(specToCanonical(spec), v.expect, v.id);
    const again = encodeObjectSpecGob(spec);
    if (v.byteExact) assert.is(hex(again), hex(v.bytes), v.id);
    else same(specToCanonical(decodeObjectSpecGob(again)), v.expect, v.id);
  }
});

test('gob-value vectors: decode matches Go (with precision and mode); re-encode gives Go bytes or the same value', () => {
  for (const v of vectors('gob-value')) {
    const val = decodeCtyValueGob(v.bytes);
    same(valueToCanonical(val, { withPrec: true }), v.expect, v.id);
    const again = encodeCtyValueGob(val);
    if (v.byteExact) assert.is(hex(again), hex(v.bytes), v.id);
    else same(valueToCanonical(decodeCtyValueGob(again), { withPrec: true }), v.expect, v.id);
  }
});

test('the bare GobEncode bytes of a cty.Value (nested inside the Execute stream) decode and encode alike', () => {
  for (const id of ['gob-value/harness-gob-set-of-objects', 'gob-value/harness-gob-map-of-objects-with-numbers', 'gob-value/harness-gob-tuple-mixed']) {
    const v = vector(id);
    const inner = (decodeGobStream(v.bytes).values[0]!.value as GobValue & { kind: 'encoded' }).bytes;
    const val = decodeCtyGobEncoding(inner);
    same(valueToCanonical(val, { withPrec: true }), v.expect, id);
    assert.is(hex(encodeCtyGobEncoding(val)), hex(inner), id);
  }
});

test('canonical JSON -> model -> gob -> model gives the same canonical JSON (every spec and value vector)', () => {
  for (const v of vectors('gob-spec')) {
    const spec = specFromCanonical(v.expect) as ObjectSpec;
    same(specToCanonical(decodeObjectSpecGob(encodeObjectSpecGob(spec, { gobTypeIds: v.ctx['gobTypeIds'] as number[] }))), v.expect, v.id);
  }
  for (const v of vectors('gob-value')) {
    const val = valueFromCanonical(v.expect);
    same(valueToCanonical(decodeCtyValueGob(encodeCtyValueGob(val)), { withPrec: true }), v.expect, v.id);
  }
});

test("a plugin's first ConfigSpec: a fresh id space numbers types as the plugin process did", () => {
  // The tester post-processor's ConfigSpec is the first gob value its process encodes.
  const v = vector('gob-spec/tester-sdk0.6.4-post-processor-tester-configspec-gob');
  const spec = specFromCanonical(v.expect) as ObjectSpec;
  assert.is(hex(encodeObjectSpecGob(spec)), hex(v.bytes));
});

test('a decoded value keeps the id space its bytes showed, nested streams included', () => {
  const v = vector('gob-value/harness-gob-set-of-objects');
  const val = decodeCtyValueGob(v.bytes);
  const ids = gobIdSpaceOf(val)!;
  assert.ok(ids instanceof IdSpace);
  const seen = new Map(ids.entries().map((e) => [e.type, e.id]));
  assert.is(seen.get('cty.Value'), (v.ctx['gobTypeIds'] as number[])[0]);
  for (const t of ['cty.gobValue', 'cty.Type', 'cty.gobType', 'set.Set', 'set.gobSet', 'cty.setRules', 'cty.typeObject']) {
    assert.ok(seen.has(t), `${t} recorded`);
  }
  const num = new Map(
    gobIdSpaceOf(decodeCtyValueGob(vector('gob-value/harness-gob-number-one').bytes))!
      .entries()
      .map((e) => [e.type, e.id]),
  );
  assert.ok(num.has('*big.Float'), '*big.Float recorded');
  // A model built from canonical JSON has none and is numbered afresh.
  assert.is(gobIdSpaceOf(valueFromCanonical(v.expect)), undefined);
});

test('values decoded from one process share its id space; gobIdSpaceOf hands out a copy', () => {
  const v = vector('gob-value/harness-gob-set-of-objects');
  const a = decodeCtyValueGob(v.bytes);
  const b = decodeCtyValueGob(v.bytes.slice());
  const ia = gobIdSpaceOf(a)!;
  const ib = gobIdSpaceOf(b)!;
  assert.ok(ia !== ib, 'each call a copy');
  assert.ok(ia.sameState(ib), 'equal spaces');
  assert.is(ia.stateHash(), ib.stateHash());
  // Writing into a copy (encoding a new type with it) changes neither the model's space nor the other's.
  const before = ia.entries();
  encodeCtyValueGob(valueFromCanonical({ type: ['map', 'bool'], value: { x: true } }), { ids: ia });
  assert.ok(!ia.sameState(ib), 'the copy was written to');
  assert.equal(gobIdSpaceOf(a)!.entries(), before);
  assert.equal(gobIdSpaceOf(b)!.entries(), before);
  assert.is(hex(encodeCtyValueGob(b)), hex(v.bytes));
  // A space from another process (other ids) is not equal.
  const other = gobIdSpaceOf(decodeCtyValueGob(vector('gob-value/harness-gob-number-one').bytes))!;
  assert.not.ok(other.sameState(ia));
});

test('property: any spec of the registered kinds survives encode -> decode', () => {
  fc.assert(
    fc.property(objectSpec, (spec) => {
      same(specToCanonical(decodeObjectSpecGob(encodeObjectSpecGob(spec))), specToCanonical(spec), 'spec');
    }),
    { numRuns: 150 },
  );
});

test('property: any gob-encodable cty value survives encode -> decode (numbers with precision and mode)', () => {
  fc.assert(
    fc.property(ctyValue, (v) => {
      same(valueToCanonical(decodeCtyValueGob(encodeCtyValueGob(v)), { withPrec: true }), valueToCanonical(v, { withPrec: true }), 'value');
    }),
    { numRuns: 200 },
  );
});

test('what go-cty cannot gob-encode is refused, as Go refuses it', () => {
  assert.throws(() => encodeCtyValueGob({ type: T.String, raw: Unknown.plain }), isGobError(/unknown value/));
  assert.throws(() => encodeCtyValueGob({ type: T.DynamicPseudoType, raw: null }), isGobError(/DynamicPseudoType/));
  assert.throws(() => encodeCtyValueGob({ type: T.list(T.String), raw: 'x' }), isGobError(/does not fit/));
  const tupleSpec: ObjectSpec = {
    kind: 'object',
    attrs: new Map([['t', { kind: 'blockTuple', typeName: 't', nested: null, minItems: 0, maxItems: 0 }]]),
  };
  assert.throws(() => encodeObjectSpecGob(tupleSpec), isGobError(/not registered for interface: hcldec\.BlockTupleSpec/));
});

test('bytes that are gob but not a spec or a cty value are WireErrors', () => {
  const value = vector('gob-value/harness-gob-string-ascii').bytes;
  const spec = vector('gob-spec/harness-spec-attr-string').bytes;
  assert.throws(() => decodeObjectSpecGob(value), isGobError(/received remote type|type mismatch/));
  assert.throws(() => decodeCtyValueGob(spec), isGobError(/received remote type|type mismatch/));
  assert.throws(() => decodeObjectSpecGob(new Uint8Array(0)), isGobError(/no value/));
  assert.throws(() => decodeObjectSpecGob(new Uint8Array([...spec, ...spec])), isGobError(/extra data/));
});

test.run();
