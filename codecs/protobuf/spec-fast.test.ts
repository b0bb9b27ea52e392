import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { Spec } from '../hclspec/model.js';
import { T } from '../cty/types.js';
import { specToCanonical } from '../hclspec/canonical.js';
import { fromProto } from '../hclspec/from-proto.js';
import { protoSpec } from '../../testkit/hclspec/spec-arbitraries.js';
import { DecodeBudget, DecodeLimitError } from '../wire/limits.js';
import { isWireError } from '../wire/errors.js';
import { readSpecFast } from './spec-fast.js';
import { readSpecMessage } from './spec-reader.js';
import { decodeSpecProto, encodeSpecProto } from './spec.js';
import { ld, pb, str, tag, u8, uint, varint, type Bytes } from '../../testkit/protobuf/test-bytes.js';

/** Canonical JSON text with object attributes in map order (the two paths must agree on it too). */
const ordered = (s: Spec): string =>
  JSON.stringify(specToCanonical(s), (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object)) : v,
  );

/** The general path: the message reader, then FromProto, with its own budget. */
function general(bytes: Uint8Array): { spec: Spec; values: number } {
  const budget = new DecodeBudget(undefined, bytes.length);
  return { spec: fromProto(readSpecMessage(bytes, budget), 'protobuf'), values: budget.values };
}

function fast(bytes: Uint8Array): { spec: Spec; values: number } | undefined {
  const budget = new DecodeBudget(undefined, bytes.length);
  const spec = readSpecFast(bytes, budget);
  return spec && { spec, values: budget.values };
}

test("property: Go's layout (our writer's bytes) takes the fast path, with the general path's model, map order and value count", () => {
  fc.assert(
    fc.property(protoSpec, (spec) => {
      const bytes = encodeSpecProto(spec);
      const f = fast(bytes);
      assert.ok(f, 'fast path declined our own layout');
      const g = general(bytes);
      assert.is(ordered(f.spec), ordered(g.spec));
      assert.is(f.values, g.values, 'values counted');
    }),
    { numRuns: 400 },
  );
});

const a = pb.attr('a', pb.prim('cty.String'));
/** An Attr message's payload: name "a", type cty.String. */
const ATTR_A: Bytes = [...str(1, 'a'), ...ld(2, pb.prim('cty.String'))];

/** Bytes outside Go's layout: the fast path declines, and decodeSpecProto gives the general path's result. */
const OTHER_LAYOUTS: [string, Bytes][] = [
  ['Attr fields out of order', ld(2, ld(2, pb.prim('cty.Bool')), str(1, 'n'))],
  ['an unknown field', [...pb.attr('a', pb.prim('cty.String'), false, uint(9, 7))]],
  ['a repeated Attr (merged)', [...pb.attr('a', null), ...pb.attr('', pb.prim('cty.Number'))]],
  ['required written as 2', ld(2, str(1, 'a'), ld(2, pb.prim('cty.String')), uint(3, 2))],
  ['required written as false', ld(2, str(1, 'a'), ld(2, pb.prim('cty.String')), uint(3, 0))],
  ['a map key repeated (the last wins)', pb.object(['k', a], ['k', pb.attr('b', pb.prim('cty.Bool'))])],
  ['a map entry without key', ld(1, ld(1, ld(2, a)))],
  ['a map entry value before its key', ld(1, ld(1, ld(2, a), str(1, 'k')))],
  ['a length in 5 varint bytes', [...tag(2, 2), 0x80 | ATTR_A.length, 0x80, 0x80, 0x80, 0x00, ...ATTR_A]],
  ['two oneof members (the last wins)', [...pb.attr('a', pb.prim('cty.String')), ...pb.blockList('b', pb.object())]],
  ['a primitive written twice', pb.attr('a', [...ld(1, str(1, 'cty.String')), ...ld(1, str(1, 'cty.Bool'))])],
  ['a Block with its name after nested', ld(3, ld(3, pb.object()), str(1, 'b'))],
];
const NON_ASCII = pb.object(['名前', pb.attr('名前', pb.prim('cty.String'))]);

test('other layouts: the fast path declines them; decodeSpecProto gives the general result', () => {
  for (const [what, parts] of OTHER_LAYOUTS) {
    const bytes = u8(parts);
    assert.is(readSpecFast(bytes, new DecodeBudget(undefined, bytes.length)), undefined, what);
    assert.is(ordered(decodeSpecProto(bytes)), ordered(general(bytes).spec), what);
  }
  // non-ASCII names are Go's layout too: read on the fast path, as the general path reads them
  const f = fast(u8(NON_ASCII));
  assert.ok(f);
  assert.is(ordered(f.spec), ordered(general(u8(NON_ASCII)).spec));
});

/** Error text and offset of a decode, or its canonical model. */
function outcome(f: () => Spec): string {
  try {
    return ordered(f());
  } catch (e) {
    if (!isWireError(e)) throw e;
    return `${e.constructor.name} ${e.codec} ${e.offset} ${e.reason}`;
  }
}

test('refusals come from the general path (same text and offset), whatever the fast path met', () => {
  const cases: Bytes[] = [
    pb.attr('a', null),
    pb.attr('a', pb.prim('cty.DynamicPseudoType')),
    pb.object(['k', []]),
    pb.block('b', null),
    ld(2, ld(1, [0x61, 0xff]), ld(2, pb.prim('cty.String'))),
    pb.object(['k', pb.attr('a', pb.listOf(pb.prim('cty.Nope')))]),
    [0x0a, 0x05, 0x0a, 0x03],
  ];
  for (const parts of cases) {
    const bytes = u8(parts);
    assert.is(readSpecFast(bytes, new DecodeBudget(undefined, bytes.length)), undefined);
    const got = outcome(() => decodeSpecProto(bytes));
    assert.is(
      got,
      outcome(() => fromProto(readSpecMessage(bytes), 'protobuf')),
    );
    assert.match(got, /^WireError protobuf /);
  }
});

test('decode limits: past maxValues the fast path declines and the general path reports the limit', () => {
  const bytes = encodeSpecProto({
    kind: 'object',
    attrs: new Map(Array.from({ length: 40 }, (_, i): [string, Spec] => [`k${i}`, { kind: 'attr', name: `k${i}`, type: T.String, required: false }])),
  });
  const need = general(bytes).values;
  assert.is(need, 1 + 40 * 5);
  // just enough: fast path, and the budget counts the same
  const enough = new DecodeBudget({ maxValues: need, valuesPerInputByte: 0 }, bytes.length);
  assert.ok(readSpecFast(bytes, enough));
  assert.is(enough.values, need);
  // one short: refused as the general reader refuses, at the same offset
  const opts = { maxValues: need - 1, valuesPerInputByte: 0 };
  assert.is(readSpecFast(bytes, new DecodeBudget(opts, bytes.length)), undefined);
  assert.is(
    outcome(() => decodeSpecProto(bytes, opts)),
    outcome(() => fromProto(readSpecMessage(bytes, opts), 'protobuf')),
  );
  assert.throws(
    () => decodeSpecProto(bytes, opts),
    (e: unknown) => e instanceof DecodeLimitError && e.limit === 'maxValues',
  );
  // a shared budget already partly spent counts on from where it stands
  const shared = new DecodeBudget({ maxValues: need + 10, valuesPerInputByte: 0 }, bytes.length);
  shared.addValues(10, 'protobuf', 0);
  decodeSpecProto(bytes, shared);
  assert.is(shared.values, need + 10);
  assert.throws(
    () => decodeSpecProto(bytes, shared),
    (e: unknown) => e instanceof DecodeLimitError,
  );
});

test('deep nesting past the fast path depth is read by the general path', () => {
  let body: Bytes = pb.object(['k', a]);
  for (let i = 0; i < 80; i++) body = pb.block(`b${i}`, body);
  const bytes = u8(body);
  assert.is(readSpecFast(bytes, new DecodeBudget(undefined, bytes.length)), undefined);
  assert.is(ordered(decodeSpecProto(bytes)), ordered(general(bytes).spec));
});

test('long lengths: names of 200 and 20,000 bytes and a value of more than 16 KiB', () => {
  const long = 'n'.repeat(20_000);
  const bytes = u8(pb.object(['x'.repeat(200), pb.attr(long, pb.mapOf(pb.listOf(pb.prim('cty.Number'))), true)]));
  const f = fast(bytes);
  assert.ok(f);
  assert.is(ordered(f.spec), ordered(general(bytes).spec));
  assert.equal(varint(20_000).length, 3);
});

test.run();
