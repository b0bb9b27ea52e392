/**
 * parseTypeJSON reads Go's compact type JSON with a reader of its own and falls back to the full
 * JSON reader for anything else: both must give the same type (or the same error) for any text.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { NIL_TYPE_LIST, T, typeEquals, type CtyType } from './types.js';
import { parseTypeJSON, readTypeJSON, typeJSONBytes } from './type-json.js';
import { JsonCursor } from './json-text.js';
import { marshalTypeFor, valueType } from '../../testkit/cty/arbitraries.js';

const te = new TextEncoder();

/** The full reader alone: the type, or the error message. */
function fullRead(bytes: Uint8Array): CtyType | string {
  try {
    const c = new JsonCursor(bytes);
    const t = readTypeJSON(c);
    c.end_();
    return t;
  } catch (e) {
    return (e as Error).message;
  }
}

function parsed(bytes: Uint8Array): CtyType | string {
  try {
    return parseTypeJSON(bytes);
  } catch (e) {
    return (e as Error).message;
  }
}

/** Same type (its type JSON, which shows optional names and nil tuple lists too), or the same error. */
function same(a: CtyType | string, b: CtyType | string): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return typeEquals(a, b) && Buffer.from(typeJSONBytes(a)).equals(typeJSONBytes(b));
}

const anyType = valueType.chain(marshalTypeFor);

test('Go-written type JSON: the compact reader gives what the full reader gives', () => {
  fc.assert(
    fc.property(anyType, (t) => {
      const bytes = typeJSONBytes(t);
      const a = parsed(bytes);
      assert.ok(typeof a !== 'string', a as string);
      assert.ok(same(a, fullRead(bytes)));
      assert.ok(typeEquals(a as CtyType, t));
    }),
    { numRuns: 500 },
  );
});

test('type JSON with a byte changed, cut short or spaced out: same result as the full reader', () => {
  fc.assert(
    fc.property(
      anyType,
      fc.nat(),
      fc.constantFrom(0x20, 0x0a, 0x22, 0x5c, 0x5b, 0x5d, 0x2c, 0x7b, 0x7d, 0x3a, 0x6e, 0xc3, 0x00),
      fc.boolean(),
      (t, at, byte, insert) => {
        const json = typeJSONBytes(t);
        const i = at % (json.length + 1);
        const bytes = insert ? Uint8Array.from([...json.subarray(0, i), byte, ...json.subarray(i)]) : json.subarray(0, i);
        assert.ok(same(parsed(bytes), fullRead(bytes)), new TextDecoder().decode(bytes));
      },
    ),
    { numRuns: 1500 },
  );
});

test('forms only the full reader takes: nil lists, whitespace, escapes, non-ASCII names', () => {
  for (const text of [
    '["tuple",null]',
    '["object",null]',
    '["object",{"a":"string"},null]',
    ' ["list", "string"] ',
    '["object",{"\\u0061":"bool","é":"number"},["\\u0061"]]',
    '["object",{"a":"string","a":"number"}]',
    '["object",{"a":"string"},["b"]]',
    '["object",{"a":"string"},[]]',
    '["tuple",[]]',
    '"strin"',
    '["lis","string"]',
  ]) {
    const bytes = te.encode(text);
    assert.ok(same(parsed(bytes), fullRead(bytes)), text);
  }
  assert.is((parseTypeJSON(te.encode('["tuple",null]')) as { elems: unknown }).elems, NIL_TYPE_LIST);
  assert.ok(typeEquals(parseTypeJSON(te.encode('["object",{"a":"string"},["a"]]')), T.object({ a: T.String }, ['a'])));
});

test.run();
