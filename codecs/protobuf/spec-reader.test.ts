import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { T } from '../cty/types.js';
import { WireError, MAX_DEPTH } from '../wire/errors.js';
import type { Spec } from '../hclspec/model.js';
import { specToCanonical } from '../hclspec/canonical.js';
import { decodeSpecProto, decodeObjectSpecProto } from './spec.js';
import { pbjsDecodeSpec } from '../../testkit/protobuf/pbjs-peer.js';
import { ld, pb, str, tag, u8, uint, varint, type Bytes } from '../../testkit/protobuf/test-bytes.js';
import { canonicalSpecText as canon } from '../../testkit/hclspec/canonical-text.js';

const attr = (name: string, type = T.String, required = false): Spec => ({ kind: 'attr', name, type, required });
const object = (...entries: [string, Spec][]): Spec => ({ kind: 'object', attrs: new Map(entries) });

/** Decodes with our reader and with protobufjs; both must give `want`. */
function decodesTo(bytes: Uint8Array, want: Spec): void {
  assert.is(canon(decodeSpecProto(bytes)), canon(want), 'fast reader');
  assert.is(canon(pbjsDecodeSpec(bytes)), canon(want), 'protobufjs');
}

/** Our reader must refuse with a WireError('protobuf') whose reason matches `reason` at `offset`. */
function refuses(bytes: Uint8Array, reason: RegExp, offset?: number): void {
  try {
    decodeSpecProto(bytes);
  } catch (e) {
    assert.instance(e, WireError, `not a WireError: ${String(e)}`);
    const w = e as WireError;
    assert.is(w.codec, 'protobuf');
    assert.match(w.reason, reason);
    assert.ok(w.offset >= 0 && w.offset <= bytes.length, `offset ${w.offset} outside the input`);
    if (offset !== undefined) assert.is(w.offset, offset, 'offset');
    // The peer refuses too (its own wording).
    assert.throws(
      () => pbjsDecodeSpec(bytes),
      (x: unknown) => x instanceof WireError && x.codec === 'protobuf',
    );
    return;
  }
  assert.unreachable(`accepted ${Buffer.from(bytes).toString('hex')}`);
}

const UNKNOWNS: Bytes = [
  ...uint(99, 300),
  ...tag(98, 1),
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  ...tag(97, 5),
  1,
  2,
  3,
  4,
  ...ld(96, [0xff, 0xfe]),
  ...tag(95, 3),
  ...uint(1, 7),
  ...ld(2, [0]),
  ...tag(95, 4),
];

test('fields in any order, unknown fields of every wire type skipped at every level', () => {
  const typeBody = [...UNKNOWNS, ...pb.listOf([...UNKNOWNS, ...pb.prim('cty.Number')])];
  const attrBody = ld(2, UNKNOWNS, uint(3, 1), ld(2, typeBody), str(1, 'n'));
  const entry = ld(1, UNKNOWNS, ld(2, UNKNOWNS, attrBody), str(1, 'k'));
  decodesTo(u8(UNKNOWNS, ld(1, UNKNOWNS, entry), UNKNOWNS), object(['k', attr('n', T.list(T.Number), true)]));
});

test('a known field number with another wire type is an unknown field (as protobuf-go treats it)', () => {
  // Attr.required (varint) sent as bytes, Attr.name (bytes) sent as a varint: both skipped.
  decodesTo(u8(ld(2, ld(3, [1]), uint(1, 5), ld(2, pb.prim('cty.Bool')))), attr('', T.Bool, false));
});

test('scalars: the last occurrence wins; any non-zero varint is true', () => {
  decodesTo(u8(ld(2, str(1, 'first'), ld(2, pb.prim('cty.String')), str(1, 'second'), uint(3, 2 ** 40))), attr('second', T.String, true));
  decodesTo(u8(ld(2, uint(3, 1), ld(2, pb.prim('cty.String')), uint(3, 0))), attr('', T.String, false));
});

test('a message field seen twice is merged', () => {
  // Spec.attr twice: name + type from the first, required from the second.
  decodesTo(u8(pb.attr('a', pb.prim('cty.String')), pb.attr('', null, true)), attr('a', T.String, true));
  // Attr.type twice: CtyType.list twice, element type replaced within the merged list.
  decodesTo(u8(ld(2, ld(2, pb.listOf(pb.prim('cty.String'))), ld(2, pb.listOf(pb.prim('cty.Bool'))))), attr('', T.list(T.Bool)));
  // Block.nested twice: the object entries accumulate.
  decodesTo(u8(ld(3, ld(3, pb.object(['x', pb.attr('x', pb.prim('cty.Number'))])), ld(3, pb.object(['y', pb.attr('y', pb.prim('cty.Bool'))])))), {
    kind: 'block',
    typeName: '',
    required: false,
    nested: object(['x', attr('x', T.Number)], ['y', attr('y', T.Bool)]),
  });
});

test('oneof: a different member replaces the current one, and starts afresh', () => {
  decodesTo(u8(pb.attr('a', pb.prim('cty.String'), true), pb.block('b', pb.object())), { kind: 'block', typeName: 'b', required: false, nested: object() });
  decodesTo(u8(pb.attr('a', pb.prim('cty.String'), true), pb.block('b', pb.object()), pb.attr('c', pb.prim('cty.Number'))), attr('c', T.Number, false));
  // CtyType: primitive replaced by map.
  decodesTo(u8(ld(2, ld(2, pb.prim('cty.String'), pb.mapOf(pb.prim('cty.Bool'))))), attr('', T.map(T.Bool)));
});

test('map entries: any field order, missing key is "", a repeated key replaces the earlier entry', () => {
  const a = pb.attr('a', pb.prim('cty.String'));
  const b = pb.attr('b', pb.prim('cty.Bool'));
  decodesTo(u8(ld(1, ld(1, ld(2, a), str(1, 'k')))), object(['k', attr('a')]));
  decodesTo(u8(ld(1, ld(1, ld(2, a)))), object(['', attr('a')]));
  decodesTo(u8(ld(1, ld(1, str(1, 'k'), ld(2, a)), ld(1, str(1, 'k'), ld(2, b)))), object(['k', attr('b', T.Bool)]));
  // A value repeated inside one entry is merged.
  decodesTo(u8(ld(1, ld(1, str(1, 'k'), ld(2, a), ld(2, pb.attr('', null, true))))), object(['k', attr('a', T.String, true)]));
  // Two Object fields merge their maps.
  decodesTo(u8(pb.object(['k', a]), pb.object(['j', b])), object(['k', attr('a')], ['j', attr('b', T.Bool)]));
});

test('object keys that are special to JS objects stay plain keys', () => {
  const a = pb.attr('a', pb.prim('cty.String'));
  const bytes = u8(pb.object(['__proto__', a], ['constructor', a], ['0', a]));
  decodesTo(bytes, object(['__proto__', attr('a')], ['constructor', attr('a')], ['0', attr('a')]));
  for (const s of [decodeSpecProto(bytes), pbjsDecodeSpec(bytes)]) {
    assert.equal(s.kind === 'object' && [...s.attrs.keys()].sort(), ['0', '__proto__', 'constructor']);
    assert.ok(Object.hasOwn(specToCanonical(s) as { $object: object }, '$object'));
    assert.ok(Object.hasOwn((specToCanonical(s) as { $object: object }).$object, '__proto__'), 'canonical keeps "__proto__" as a key');
  }
});

test('names: many distinct keys (string cache collisions), cache-size boundaries, non-ASCII', () => {
  const names = Array.from({ length: 3000 }, (_, i) => `k${i}`);
  names.push('x'.repeat(48), 'x'.repeat(49), 'y'.repeat(47) + 'é', 'ü', '名前', '𝄞', '');
  const a = pb.attr('a', pb.prim('cty.String'));
  const spec = decodeSpecProto(u8(pb.object(...names.map((n): [string, Bytes] => [n, pb.attr(n, pb.prim('cty.String'))]))));
  assert.ok(spec.kind === 'object');
  assert.equal([...spec.attrs.keys()], names);
  for (const [k, v] of spec.attrs) assert.ok(v.kind === 'attr' && v.name === k, k);
  // Decoding again hits the cache and still gives the same names.
  const again = decodeSpecProto(u8(pb.object(...names.map((n): [string, Bytes] => [n, a]))));
  assert.equal(again.kind === 'object' && [...again.attrs.keys()], names);
});

test('BlockList decodes with MinItems / MaxItems 0', () => {
  decodesTo(u8(pb.blockList('bl', pb.object())), { kind: 'blockList', typeName: 'bl', nested: object(), minItems: 0, maxItems: 0 });
});

test('truncated input: varints, tags, lengths, payloads', () => {
  refuses(u8([0x12, 0x80]), /truncated length/, 1);
  refuses(u8([0x92]), /truncated field tag/, 0);
  refuses(u8([0x12, 0x05, 0x0a, 0x01]), /length 5 of Spec.attr runs past the end/, 1);
  refuses(u8(ld(2, [0x0a, 0x05, 0x61])), /length 5 of Attr.name runs past the end/, 3);
  refuses(u8(ld(2, [0x18])), /truncated Attr.required/, 3);
  refuses(u8(ld(2, [0x18, 0xff])), /truncated Attr.required/, 3);
  refuses(u8(tag(9, 1), [1, 2, 3]), /truncated fixed64 field 9/);
  refuses(u8(tag(9, 5), [1, 2]), /truncated fixed32 field 9/);
});

test('a length inside a message may not run past that message, even if the input is longer', () => {
  // Attr of 2 bytes claims a 3-byte name; the bytes after the Attr would fit.
  refuses(u8([0x12, 0x02, 0x0a, 0x03], str(1, 'abc')), /length 3 of Attr.name runs past the end of its message \(0 bytes left\)/, 3);
});

test('varints longer than 10 bytes or overflowing 64 bits', () => {
  refuses(u8(ld(2, [0x18, ...new Array<number>(9).fill(0xff), 0x02])), /overflows 64 bits/);
  refuses(u8(ld(2, [0x18, ...new Array<number>(10).fill(0xff), 0x01])), /longer than 10 bytes|overflows/);
});

test('invalid tags: field number 0, wire types 6 and 7, stray and mismatched group ends', () => {
  refuses(u8([0x02, 0x00]), /invalid field number 0/, 0);
  refuses(u8(tag(5, 6)), /invalid wire type 6/, 0);
  refuses(u8(ld(2, str(1, 'x'), tag(31, 7))), /invalid wire type 7 \(field 31\)/, 5);
  refuses(u8(tag(7, 4)), /end-group tag for field 7 without a matching start/, 0);
  refuses(u8(tag(7, 3), uint(1, 1), tag(8, 4)), /end-group tag for field 8 inside group of field 7/);
  refuses(u8(tag(7, 3), uint(1, 1)), /group of field 7 has no end-group tag/);
  refuses(u8(varint(2n ** 29n * 8n + 2n)), /invalid field number/);
});

test('strings must be valid UTF-8 (proto3), names and map keys alike', () => {
  refuses(u8(ld(2, ld(1, [0x61, 0xff]), ld(2, pb.prim('cty.String')))), /invalid UTF-8 in Attr.name/, 4);
  refuses(u8(ld(1, ld(1, ld(1, [0xc3, 0x28]), ld(2, pb.attr('a', pb.prim('cty.String')))))), /invalid UTF-8 in Object.attributes key/);
});

test("a Spec or CtyType with no oneof member set is refused, with Go's wrapping", () => {
  refuses(u8([]), /^unsupported spec type: no member of oneof "block" is set$/, 0);
  refuses(u8(uint(9, 1)), /^unsupported spec type: no member/, 0);
  refuses(u8(pb.object(['k', []])), /^failed to decode object attribute "k": unsupported spec type: no member/);
  refuses(u8(pb.block('b', null)), /^failed to decode block nested type from proto: unsupported spec type: no member/);
  refuses(u8(pb.blockList('b', [])), /^failed to decode block list nested type from proto: unsupported spec type/);
  refuses(u8(pb.attr('a', null)), /^failed to convert type of attribute "a": unsupported cty.Type: no member of oneof "typeDef" is set$/, 2);
  refuses(u8(pb.attr('a', ld(2, []))), /^failed to convert type of attribute "a": failed to convert list element type: unsupported cty.Type: no member/);
  refuses(
    u8(pb.attr('a', pb.mapOf(pb.prim('cty.DynamicPseudoType')))),
    /^failed to convert type of attribute "a": failed to convert map element type: unsupported cty.Type: primitive typeString "cty.DynamicPseudoType"$/,
  );
});

test('the ConfigSpec payload must hold an Object at the top', () => {
  assert.throws(
    () => decodeObjectSpecProto(u8(pb.attr('a', pb.prim('cty.String')))),
    (e: unknown) => e instanceof WireError && e.codec === 'protobuf' && /not an object spec: \*hcldec.AttrSpec/.test(e.reason),
  );
  assert.is(decodeObjectSpecProto(u8(pb.object())).kind, 'object');
});

/** Spec -> Block -> Spec -> ... `levels` blocks deep, built inside out without quadratic copying. */
function nestedBlocks(levels: number): Uint8Array {
  const inner = pb.object();
  const heads: Bytes[] = [];
  let len = inner.length;
  for (let i = 0; i < levels; i++) {
    for (let j = 0; j < 2; j++) {
      const head = [...tag(3, 2), ...varint(len)]; // Block.nested, then Spec.block_value
      len += head.length;
      heads.push(head);
    }
  }
  const out: number[] = [];
  for (let i = heads.length - 1; i >= 0; i--) out.push(...heads[i]!);
  out.push(...inner);
  return Uint8Array.from(out);
}

test('nesting: within MAX_DEPTH decodes, past it is a WireError (never a stack overflow)', () => {
  const ok = decodeSpecProto(nestedBlocks(Math.floor(MAX_DEPTH / 2) - 1));
  assert.is(ok.kind, 'block');
  refuses(nestedBlocks(MAX_DEPTH), /nested deeper than 1000 levels/);
  refuses(nestedBlocks(5000), /nested deeper than 1000 levels/);
  // Groups count too.
  const groups: Bytes = [];
  for (let i = 0; i < 3000; i++) groups.push(...tag(9, 3));
  refuses(u8(groups), /groups nested deeper than 1000 levels/);
});

test.run();
