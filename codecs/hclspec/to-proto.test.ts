import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { T } from '../cty/types.js';
import { WireError } from '../wire/errors.js';
import { Spec as PbSpec } from '../../proto/hcl_spec.js';
import type { Spec } from './model.js';
import { toProto, toProtoRefusal, GO_SPEC_TYPE } from './to-proto.js';
import { fromProto, objectFromProto } from './from-proto.js';
import { goQuote } from '../golang/strconv.js';
import { protoSpec } from '../../testkit/hclspec/spec-arbitraries.js';
import { encodeSpecProto } from '../protobuf/spec.js';
import { canonicalSpecText as canon } from '../../testkit/hclspec/canonical-text.js';

const obj = (...e: [string, Spec][]): Spec => ({ kind: 'object', attrs: new Map(e) });
const attr = (name: string, type = T.String): Spec => ({ kind: 'attr', name, type, required: false });

const refusedWith = (f: () => unknown, codec: string, reason: RegExp): void => {
  try {
    f();
  } catch (e) {
    assert.instance(e, WireError, String(e));
    assert.is((e as WireError).codec, codec);
    assert.match((e as WireError).reason, reason);
    return;
  }
  assert.unreachable('accepted');
};

test("goQuote: the examples of Go's strconv documentation and tests", () => {
  // strconv ExampleQuote
  assert.is(goQuote('"Fran & Freddie\'s Diner\t☺"'), '"\\"Fran & Freddie\'s Diner\\t☺\\""');
  // strconv quote_test.go quotetests (column Quote)
  assert.is(goQuote('\x07\b\f\r\n\t\v'), '"\\a\\b\\f\\r\\n\\t\\v"');
  assert.is(goQuote('\\'), '"\\\\"');
  assert.is(goQuote('\u263a'), '"☺"');
  assert.is(goQuote('\u{10ffff}'), '"\\U0010ffff"');
  assert.is(goQuote('\x04'), '"\\x04"');
  assert.is(goQuote('!\u00a0!\u2000!\u3000!'), '"!\\u00a0!\\u2000!\\u3000!"');
  assert.is(goQuote('\x7f'), '"\\x7f"');
});

test('property: FromProto(ToProto(spec)) gives the spec back for everything protobuf can express', () => {
  fc.assert(
    fc.property(protoSpec, (s) => assert.is(canon(fromProto(toProto(s))), canon(s))),
    { numRuns: 300 },
  );
});

test('ToProto messages are protobufjs messages: protobufjs encodes them and decodes them back', () => {
  fc.assert(
    fc.property(protoSpec, (s) => assert.is(canon(fromProto(PbSpec.decode(PbSpec.encode(toProto(s)).finish()))), canon(s))),
    { numRuns: 100 },
  );
});

test('BlockListSpec MinItems / MaxItems are dropped, as Go drops them', () => {
  const s: Spec = { kind: 'blockList', typeName: 'b', nested: obj(), minItems: 2, maxItems: 7 };
  const back = fromProto(toProto(s));
  assert.equal(back.kind === 'blockList' && [back.minItems, back.maxItems], [0, 0]);
});

test('every refused spec kind names its Go type; refusals are WireError(hclspec) at offset 0', () => {
  const refused: Spec[] = [
    { kind: 'tuple', items: [] },
    { kind: 'literal', value: { type: T.String, raw: 'x' } },
    { kind: 'blockTuple', typeName: 't', nested: obj(), minItems: 0, maxItems: 0 },
    { kind: 'blockSet', typeName: 't', nested: obj(), minItems: 0, maxItems: 0 },
    { kind: 'blockMap', typeName: 't', labelNames: [], nested: obj() },
    { kind: 'blockObject', typeName: 't', labelNames: [], nested: obj() },
    { kind: 'blockAttrs', typeName: 't', elementType: T.String, required: false },
    { kind: 'blockLabel', index: 0, name: 'n' },
    { kind: 'default', primary: null, default: null },
  ];
  for (const s of refused) {
    assert.is(toProtoRefusal(s), `unsupported hcldec.Spec type: "${GO_SPEC_TYPE[s.kind]}"`);
    try {
      toProto(s);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, WireError);
      assert.is((e as WireError).codec, 'hclspec');
      assert.is((e as WireError).offset, 0);
    }
    // The fast writer refuses with the same text.
    refusedWith(() => encodeSpecProto(obj(['a', s])), 'hclspec', /unsupported hcldec.Spec type/);
  }
});

test('the fast writer and ToProto refuse the same spec with the same text', () => {
  fc.assert(
    fc.property(fc.constantFrom(T.DynamicPseudoType, T.set(T.String), T.tuple([T.Bool]), T.object({ a: T.Number }), T.list(T.map(T.set(T.Bool)))), (type) => {
      const s = obj(['x', { kind: 'block', typeName: 'b', required: true, nested: obj(['a', attr('a', type)]) }]);
      const text = toProtoRefusal(s);
      assert.ok(
        text !== null &&
          text.startsWith(
            'failed to decode object spec: failed to convert object attribute "x" to hcldec.Spec: failed to decode object spec: failed to decode block nested spec: ',
          ),
      );
      try {
        encodeSpecProto(s);
        assert.unreachable();
      } catch (e) {
        assert.is((e as WireError).reason, text);
      }
    }),
  );
});

test('a nil nested spec (Go panics) and a cyclic or very deep model are WireErrors', () => {
  refusedWith(() => toProto({ kind: 'block', typeName: 'b', required: false, nested: null }), 'hclspec', /nil hcldec.Spec/);
  const cyclic = { kind: 'block', typeName: 'b', required: false, nested: null as unknown } as { nested: unknown };
  cyclic.nested = cyclic;
  refusedWith(() => toProto(cyclic as Spec), 'hclspec', /nested deeper than 1000 levels/);
  refusedWith(() => encodeSpecProto(cyclic as Spec), 'hclspec', /nested deeper than 1000 levels/);
  let deepType = T.String;
  for (let i = 0; i < 5000; i++) deepType = T.list(deepType);
  refusedWith(() => toProto(attr('a', deepType)), 'hclspec', /nested deeper than 1000 levels/);
});

test('a name without a UTF-8 form (lone surrogate) is refused by the writer', () => {
  refusedWith(() => encodeSpecProto(obj(['a\ud800', attr('a')])), 'protobuf', /lone UTF-16 surrogate/);
  refusedWith(() => encodeSpecProto(attr('\udc00x')), 'protobuf', /lone UTF-16 surrogate/);
  assert.ok(encodeSpecProto(attr('\ud83d\ude00')).length > 0);
});

test('FromProto on hand-built messages: oneof with several members, top that is not an Object', () => {
  refusedWith(() => fromProto({ attr: { name: 'a' }, object: {} }), 'hclspec', /more than one member of oneof "block"/);
  refusedWith(
    () => fromProto({ attr: { name: 'a', type: { primitive: { typeString: 'cty.String' }, list: {} } } }),
    'hclspec',
    /more than one member of oneof "typeDef"/,
  );
  refusedWith(() => objectFromProto({ blockList: { name: 'b', nested: { object: {} } } }), 'hclspec', /not an object spec: \*hcldec.BlockListSpec/);
  assert.is(canon(objectFromProto({ object: { attributes: null } })), canon(obj()));
});

test.run();
