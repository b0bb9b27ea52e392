/**
 * Number text and number encoding against Go-produced values: the number vectors of the
 * json-value and msgpack-value families (loaded at test time).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { vector, vectors } from '../../testkit/vectors.js';
import { formatNumberText, parseNumberText } from './numtext.js';
import { numberFromFloat64, withPrec } from './number-ops.js';
import { unmarshalCtyMsgpack, writeNumber } from './msgpack.js';
import { CtyNumber } from './number.js';
import { T } from './types.js';
import { ByteWriter } from '../wire/writer.js';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const expectedNumber = (expect: unknown): string | undefined => {
  const v = (expect as { value: unknown }).value;
  return typeof v === 'object' && v !== null && '$number' in v ? String((v as { $number: unknown }).$number) : undefined;
};

const numberVectors = (family: string) => vectors(family).filter((v) => v.ctx['type'] === 'number' && expectedNumber(v.expect) !== undefined);

test("json-value: ParseNumberVal(Go text) then Text(f, -1) gives Go's decoded text", () => {
  const vs = numberVectors('json-value');
  assert.ok(vs.length >= 20, `only ${vs.length} number vectors`);
  for (const v of vs) assert.is(formatNumberText(parseNumberText(text(v.bytes))), expectedNumber(v.expect), v.id);
});

test("msgpack-value: decoded numbers print as Go prints them, and re-encode with Go's marker choice", () => {
  const vs = numberVectors('msgpack-value');
  assert.ok(vs.length >= 20, `only ${vs.length} number vectors`);
  for (const v of vs) {
    const n = unmarshalCtyMsgpack(v.bytes, T.Number).raw as CtyNumber;
    assert.instance(n, CtyNumber, v.id);
    assert.is(formatNumberText(n), expectedNumber(v.expect), v.id);
    const w = new ByteWriter(16);
    writeNumber(w, n);
    assert.equal([...w.finish()], [...v.bytes], v.id);
  }
});

test("Text at the value's own precision: a prec-24 number (float64 bits from msgpack) prints as Go's JSON", () => {
  const bits = unmarshalCtyMsgpack(vector('msgpack-value/harness-msgpack-number-prec24').bytes, T.Number).raw as CtyNumber;
  assert.is(bits.prec, 53);
  assert.is(formatNumberText(bits), '1.100000023841858');
  assert.is(formatNumberText(withPrec(bits, 24)), text(vector('json-value/harness-json-number-prec24').bytes));
});

test("float64 0.1 (SetFloat64, prec 53) prints as Go's JSON does", () => {
  const v = unmarshalCtyMsgpack(vector('msgpack-value/harness-msgpack-number-float-0.1').bytes, T.Number).raw as CtyNumber;
  assert.is(formatNumberText(v), text(vector('json-value/harness-json-number-float-0.1').bytes));
  assert.is(formatNumberText(numberFromFloat64(0.1)), formatNumberText(v));
});

test("prec-512 numbers that are not float64s travel in msgpack as Go's decimal text", () => {
  for (const name of ['prec512-0.1', 'third', 'huge-decimal', '1e400', 'neg-1e400']) {
    const m = vector(`msgpack-value/harness-msgpack-number-${name}`);
    const j = vector(`json-value/harness-json-number-${name}`);
    const n = parseNumberText(text(j.bytes));
    const w = new ByteWriter(16);
    writeNumber(w, n);
    assert.equal([...w.finish()], [...m.bytes], name);
  }
});

test.run();
