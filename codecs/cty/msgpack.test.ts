/**
 * go-cty msgpack: Go's vectors (decode to Go's view, re-encode to Go's bytes, also from Go's
 * canonical view), refined unknowns as go-cty 1.13 reads them, and bad input.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { vectors } from '../../testkit/vectors.js';
import { marshalCtyMsgpack, unmarshalCtyMsgpack } from './msgpack.js';
import { typeFromJSON, valueFromCanonical, valueToCanonical as toCanonical } from './canonical.js';

/** Canonical JSON as plain objects (the canonical writer uses prototype-free dictionaries). */
const valueToCanonical = (v: Parameters<typeof toCanonical>[0]): unknown => JSON.parse(JSON.stringify(toCanonical(v)));
import { T, type CtyType } from './types.js';
import { Unknown } from './values.js';
import { MAX_DEPTH, WireError } from '../wire/errors.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (...xs: Array<number | number[] | string>) =>
  Uint8Array.from(xs.flatMap((x) => (typeof x === 'number' ? [x] : typeof x === 'string' ? [...new TextEncoder().encode(x)] : x)));
/** A refined unknown: ext8 of type 0x0c around the payload. */
const refined = (...payload: number[]) => bytes(0xc7, payload.length, 0x0c, ...payload);
const isMsgpackErr = (re: RegExp) => (e: unknown) => e instanceof WireError && e.codec === 'msgpack' && re.test(e.reason) && Number.isInteger(e.offset);

test("every msgpack-value vector: decode gives Go's view, encode gives Go's bytes", () => {
  const vs = vectors('msgpack-value');
  for (const v of vs) {
    const t = typeFromJSON(v.ctx['type']);
    const val = unmarshalCtyMsgpack(v.bytes, t);
    assert.equal(valueToCanonical(val), v.expect, v.id);
    assert.is(hex(marshalCtyMsgpack(val, t)), hex(v.bytes), v.id);
    // Canonical numbers do not say whether Go held a float64 (prec 53) or a parsed decimal
    // (prec 512), which decides the msgpack marker; so only number-free values go from canonical.
    if (!JSON.stringify(v.expect).includes('"$number"')) {
      assert.is(hex(marshalCtyMsgpack(valueFromCanonical(v.expect), t)), hex(v.bytes), `${v.id} from canonical`);
    }
  }
});

test('refined unknowns: go-cty collapses what the refinements pin down', () => {
  // ext 0x0c {1: false (not null), 5: 0, 6: 0}: a non-null list of length 0 is the empty list
  const emptyList = refined(0x83, 0x01, 0xc2, 0x05, 0x00, 0x06, 0x00);
  assert.equal(valueToCanonical(unmarshalCtyMsgpack(emptyList, T.list(T.String))), { type: ['list', 'string'], value: [] });
  // {1: true}: a null
  const isNull = refined(0x81, 0x01, 0xc3);
  assert.equal(valueToCanonical(unmarshalCtyMsgpack(isNull, T.Number)), { type: 'number', value: null });
  // {1: false, 3: [5, true], 4: [5, true]}: the number 5
  const five = refined(0x83, 0x01, 0xc2, 0x03, 0x92, 0x05, 0xc3, 0x04, 0x92, 0x05, 0xc3);
  assert.equal(valueToCanonical(unmarshalCtyMsgpack(five, T.Number)), { type: 'number', value: { $number: '5' } });
  // a one-byte payload of any ext type is an unrefined unknown; refinements on dynamic are ignored
  assert.ok(unmarshalCtyMsgpack(bytes(0xd4, 0x05, 0x01), T.Bool).raw === Unknown.plain);
  assert.ok(unmarshalCtyMsgpack(refined(0x81, 0x01, 0xc2), T.DynamicPseudoType).raw === Unknown.plain);
  // go-cty skips unknown keys without reading their values: {9: ... } where the "value" is read as the next key
  assert.equal(valueToCanonical(unmarshalCtyMsgpack(refined(0x82, 0x09, 0x01, 0xc2), T.String)), { type: 'string', value: { $unknown: { notNull: true } } });
});

test('bad refinements are WireErrors', () => {
  const cases: Array<[Uint8Array, CtyType, RegExp]> = [
    [bytes(0xd5, 0x0b, 0x81, 0x01), T.String, /unsupported extension type 0x0b/],
    [refined(0x81, 0x02, 0xa0), T.Number, /string prefix refinement for non-string/],
    [refined(0x81, 0x05, 0x01), T.String, /length bound refinement for non-collection/],
    [refined(0x81, 0x03, 0x92, 0x05, 0xc3), T.String, /numeric bound refinement for non-number/],
    [refined(0x81, 0x01, 0x07), T.String, /null refinement is not boolean/],
    [refined(0x82, 0x01, 0xc2, 0x01, 0xc3), T.String, /refining non-null value as null/],
    [refined(0x82, 0x03, 0x92, 0x09, 0xc3, 0x04, 0x92, 0x01, 0xc3), T.Number, /greater than upper bound/],
    [refined(0x82, 0x05, 0x03, 0x06, 0x01), T.list(T.String), /upper bound 1 is less than lower bound 3/],
    [refined(0x81, 0xa1, 0x61), T.String, /non-integer key/],
    [bytes(0xc8, 0x04, 0x01, 0x0c, ...new Array(1025).fill(0)), T.String, /oversize/],
    [refined(0x81, 0x02, 0xa2, 0xc3, 0x28), T.String, /invalid UTF-8/],
  ];
  for (const [b, t, re] of cases) assert.throws(() => unmarshalCtyMsgpack(b, t), isMsgpackErr(re), hex(b));
});

test('bad input: truncation, lengths past the end, wrong markers, invalid UTF-8, bad type JSON, nesting', () => {
  const cases: Array<[Uint8Array, CtyType, RegExp]> = [
    [bytes(), T.String, /end of input/],
    [bytes(0xa5, 'ab'), T.String, /truncated/],
    [bytes(0xdb, 0xff, 0xff, 0xff, 0xff, 'a'), T.String, /truncated/],
    [bytes(0xdd, 0x7f, 0xff, 0xff, 0xff, 0x01), T.list(T.Number), /longer than the 1 bytes left/],
    [bytes(0xdf, 0x7f, 0xff, 0xff, 0xff), T.map(T.Number), /longer than/],
    [bytes(0xcb, 0x00), T.Number, /truncated/],
    [bytes(0xc3), T.String, /expected a string, found true/],
    [bytes(0xa1, 'a'), T.Bool, /bool is required/],
    [bytes(0x91, 0x01), T.map(T.Number), /expected a map, found fixarray/],
    [bytes(0x81, 0xa1, 'a', 0x01), T.list(T.Number), /expected an array, found fixmap/],
    [bytes(0x92, 0x01, 0x02), T.tuple([T.Number]), /a tuple of length 1 is required/],
    [bytes(0x92, 0x01), T.tuple([T.Number, T.Number]), /longer than the 1 bytes left/],
    [bytes(0x81, 0xa1, 'b', 0x01), T.object({ a: T.Number }), /unsupported attribute "b"/],
    [bytes(0x82, 0xa1, 'a', 0x01, 0xa1, 'b', 0x02), T.object({ a: T.Number }), /1 attributes is required \(2 given\)/],
    [bytes(0xa2, 0xc3, 0x28), T.String, /invalid UTF-8/],
    [bytes(0xa3, '1x0'), T.Number, /number is required/],
    [bytes(0xcb, [0x7f, 0xf8, 0, 0, 0, 0, 0, 0]), T.Number, /NaN/],
    [bytes(0x93, 0x01, 0x02, 0x03), T.DynamicPseudoType, /exactly two elements/],
    [bytes(0x92, 0xc4, 0x05, '"str"', 0xc0), T.DynamicPseudoType, /type JSON: invalid primitive type name/],
    [bytes(0x92, 0xc4, 0x06, '["set"', 0xc0), T.DynamicPseudoType, /type JSON: unexpected end/],
    [bytes(0x92, 0xc0, 0xc0), T.DynamicPseudoType, /type is nil/],
    [bytes(0x92, 0xc4, 0x08, '"string"', 0x01), T.DynamicPseudoType, /expected a string, found fixint/],
    [bytes(0x92, 0x92, 0xc4, 0x08, '"string"', 0xa1, 'a', 0x92, 0xc4, 0x08, '"number"', 0x01), T.list(T.DynamicPseudoType), /inconsistent list element types/],
    [bytes(0x01, 0x02), T.Number, /trailing bytes/],
    [bytes(0xc1), T.Number, /expected a string, found unused marker/],
  ];
  for (const [b, t, re] of cases) assert.throws(() => unmarshalCtyMsgpack(b, t), isMsgpackErr(re), hex(b));
  let deep: CtyType = T.Number;
  for (let i = 0; i < MAX_DEPTH + 5; i++) deep = T.list(deep);
  assert.throws(() => unmarshalCtyMsgpack(new Uint8Array(MAX_DEPTH + 6).fill(0x91), deep), isMsgpackErr(/deeper/));
  // nested dynamic wrappers typed "dynamic" recurse too
  const wrap = bytes(0x92, 0xc4, 0x09, '"dynamic"');
  const chain = new Uint8Array(wrap.length * (MAX_DEPTH + 5) + 1);
  for (let i = 0; i < MAX_DEPTH + 5; i++) chain.set(wrap, i * wrap.length);
  chain[chain.length - 1] = 0xc0;
  assert.throws(() => unmarshalCtyMsgpack(chain, T.DynamicPseudoType), isMsgpackErr(/deeper/));
});

test('error offsets point at the offending marker', () => {
  try {
    unmarshalCtyMsgpack(bytes(0x93, 0x01, 0x02, 0xc3), T.list(T.Number));
    assert.unreachable();
  } catch (e) {
    assert.instance(e, WireError);
    assert.is((e as WireError).offset, 3);
  }
});

test('strings arriving as bin are accepted (vmihailenco decodes either), and NFC-normalised', () => {
  assert.is(unmarshalCtyMsgpack(bytes(0xc4, 0x03, 'e\u0301'), T.String).raw, '\u00e9');
});

test.run();
