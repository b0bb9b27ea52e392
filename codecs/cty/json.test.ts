/**
 * cty JSON: Go's vectors (decode to Go's view, re-encode to Go's bytes), encoding/json's documented
 * string escaping, go-cty's lenient primitive decoding, and bad input.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { vectors } from '../../testkit/vectors.js';
import { marshalCtyJSON, unmarshalCtyJSON } from './json.js';
import { typeFromJSON, valueFromCanonical, valueToCanonical as toCanonical } from './canonical.js';

/** Canonical JSON as plain objects (the canonical writer uses prototype-free dictionaries). */
const valueToCanonical = (v: Parameters<typeof toCanonical>[0]): unknown => JSON.parse(JSON.stringify(toCanonical(v)));
import { parseTypeJSON, typeJSONBytes } from './type-json.js';
import { T, type CtyType } from './types.js';
import { Unknown } from './values.js';
import { formatNumberText, parseNumberText } from './numtext.js';
import { WireError } from '../wire/errors.js';
import { MAX_DEPTH } from '../wire/errors.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const u = (s: string) => unmarshalCtyJSON(enc.encode(s), T.DynamicPseudoType);
const m = (s: string, t: CtyType) => unmarshalCtyJSON(enc.encode(s), t);
const isJsonErr = (re: RegExp) => (e: unknown) => e instanceof WireError && e.codec === 'cty-json' && re.test(e.reason) && Number.isInteger(e.offset);

test("every json-value vector: decode gives Go's view, encode gives Go's bytes", () => {
  const vs = vectors('json-value');
  for (const v of vs) {
    const t = typeFromJSON(v.ctx['type']);
    const val = unmarshalCtyJSON(v.bytes, t);
    assert.equal(valueToCanonical(val), v.expect, v.id);
    // from Go's canonical view too, not only from our own decode
    assert.equal(dec.decode(marshalCtyJSON(valueFromCanonical(v.expect), t)), dec.decode(v.bytes), v.id);
  }
});

test('type JSON of every vector re-encodes byte for byte (object names sorted, optional list)', () => {
  for (const v of vectors('json-value')) {
    const t = typeFromJSON(v.ctx['type']);
    const bytes = typeJSONBytes(t);
    assert.equal(valueToCanonical({ type: parseTypeJSON(bytes), raw: null }), valueToCanonical({ type: t, raw: null }), v.id);
  }
});

test('strings escape as encoding/json documents: HTML-safe <, >, &, U+2028, U+2029', () => {
  // encoding/json: "<", ">", "&", U+2028 and U+2029 are escaped to \u003c, \u003e, \u0026, \u2028, \u2029.
  const b = marshalCtyJSON({ type: T.String, raw: '<a href="x">&\u2028\u2029' }, T.String);
  assert.is(dec.decode(b), '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u2028\\u2029"');
  const c = marshalCtyJSON({ type: T.String, raw: '\b\f\n\r\t\u0001\u007f\\é😀' }, T.String);
  assert.is(dec.decode(c), '"\\b\\f\\n\\r\\t\\u0001\u007f\\\\é😀"');
});

test('go-cty leniency: numbers from strings, strings from numbers and bools, bools from "1"/"0"', () => {
  assert.is(formatNumberText(m('"12.50"', T.Number).raw as never), '12.5');
  assert.is(m('1.50', T.String).raw, '1.50');
  assert.is(m('true', T.String).raw, 'true');
  assert.is(m('"1"', T.Bool).raw, true);
  assert.is(m('"false"', T.Bool).raw, false);
  assert.throws(() => m('"TRUE"', T.Bool), isJsonErr(/bool is required/));
  assert.throws(() => m('"0x10"', T.Number), isJsonErr(/number is required/));
});

test('objects: missing attributes are null, optional markers do not survive, unknown names refused', () => {
  const t = T.object({ a: T.String, b: T.Number }, ['b']);
  const v = m('{"a":"x"}', t);
  assert.equal(valueToCanonical(v), { type: ['object', { a: 'string', b: 'number' }], value: { a: 'x', b: null } });
  assert.throws(() => m('{"c":1}', t), isJsonErr(/unsupported attribute "c"/));
});

test('dynamic: {"type","value"} in either order; a value at a dynamic position carries its own type', () => {
  const a = u('{"type":["list","number"],"value":[1,2]}');
  const b = u('{"value":[1,2],"type":["list","number"]}');
  assert.equal(valueToCanonical(a), valueToCanonical(b));
  assert.equal((valueToCanonical(a) as { type: unknown }).type, ['list', 'number']);
  const l = m('[{"value":"s","type":"string"},null]', T.list(T.DynamicPseudoType));
  assert.equal(valueToCanonical(l), { type: ['list', 'string'], value: ['s', null] });
  assert.equal(valueToCanonical(u('null')), { type: 'dynamic', value: null });
});

test('unknowns and infinities cannot be written, as in go-cty', () => {
  assert.throws(
    () => marshalCtyJSON({ type: T.String, raw: Unknown.plain }, T.String),
    (e: unknown) => e instanceof WireError && e.codec === 'cty-json' && /not known/.test(e.reason),
  );
  assert.throws(
    () => marshalCtyJSON({ type: T.Number, raw: parseNumberText('+Inf') }, T.DynamicPseudoType),
    (e: unknown) => e instanceof WireError && /infinity/.test(e.reason),
  );
  assert.throws(
    () => marshalCtyJSON({ type: T.String, raw: 'x' }, T.Number),
    (e: unknown) => e instanceof WireError && /does not conform/.test(e.reason),
  );
});

test('bad input: truncation, syntax, wrong kinds, invalid UTF-8, bad types, nesting, trailing data', () => {
  const cases: Array<[string | Uint8Array, CtyType, RegExp]> = [
    ['', T.String, /end of JSON input/],
    ['[1,2', T.list(T.Number), /end of JSON input/],
    ['[1,]', T.list(T.Number), /beginning of value/],
    ['{"a" 1}', T.map(T.Number), /':'/],
    ['"abc', T.String, /end of JSON input/],
    ['"\\x"', T.String, /invalid escape/],
    ['"\\u12g4"', T.String, /hexadecimal/],
    ['01', T.Number, /after value|after top-level/],
    ['tru', T.Bool, /end of JSON input|literal/],
    ['[1]', T.Number, /number is required/],
    ['{}', T.list(T.String), /list is required/],
    ['[1,2,3]', T.tuple([T.Number, T.Number]), /too many tuple elements/],
    ['[1]', T.tuple([T.Number, T.Number]), /not enough tuple elements/],
    [Uint8Array.from([0x22, 0xff, 0xfe, 0x22]), T.String, /invalid UTF-8/],
    ['"a\u0001"', T.String, /in string literal/],
    ['{"value":1}', T.DynamicPseudoType, /missing type/],
    ['{"type":"number"}', T.DynamicPseudoType, /missing value/],
    ['{"type":"numbr","value":1}', T.DynamicPseudoType, /invalid primitive type name/],
    ['{"type":["lst","number"],"value":1}', T.DynamicPseudoType, /invalid complex type kind/],
    ['{"type":["object",{"a":"string"},["b"]],"value":null}', T.DynamicPseudoType, /undeclared attribute/],
    ['{"type":7,"value":1}', T.DynamicPseudoType, /invalid type description/],
    ['{"type":"number","value":1,"extra":2}', T.DynamicPseudoType, /invalid key "extra"/],
    ['[1,2] x', T.list(T.Number), /after top-level value/],
    ['[1,[1,2],3]', T.list(T.list(T.Number)), /list is required/],
    ['[[1,2],[true]]', T.list(T.list(T.Number)), /number is required/],
    ['[{"value":1,"type":"number"},{"value":"a","type":"string"}]', T.list(T.DynamicPseudoType), /inconsistent list element types/],
  ];
  for (const [input, t, re] of cases) {
    const bytes = typeof input === 'string' ? enc.encode(input) : input;
    assert.throws(() => unmarshalCtyJSON(bytes, t), isJsonErr(re), typeof input === 'string' ? input : 'bytes');
  }
  let deep: CtyType = T.String;
  for (let i = 0; i < MAX_DEPTH + 5; i++) deep = T.list(deep);
  assert.throws(() => unmarshalCtyJSON(enc.encode('['.repeat(MAX_DEPTH + 5) + ']'.repeat(MAX_DEPTH + 5)), deep), isJsonErr(/deeper/));
  assert.throws(() => u(`{"type":${'["list",'.repeat(MAX_DEPTH + 5)}"string"${']'.repeat(MAX_DEPTH + 5)},"value":null}`), isJsonErr(/deeper/));
  assert.throws(
    () => u('{"type":"dynamic","value":' + '{"type":"dynamic","value":'.repeat(MAX_DEPTH + 5) + 'null' + '}'.repeat(MAX_DEPTH + 6)),
    isJsonErr(/deeper/),
  );
});

test('error offsets point at the offending byte', () => {
  try {
    m('[1, 2, "x"]', T.list(T.Number));
    assert.unreachable();
  } catch (e) {
    assert.instance(e, WireError);
    assert.is((e as WireError).offset, 7);
  }
});

test.run();
