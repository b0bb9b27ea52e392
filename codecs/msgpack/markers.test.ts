/**
 * msgpack markers as vmihailenco/msgpack v5 writes them, checked against Go's bytes: the integer
 * edge vector (fixint / uint8 / uint16 / uint32 / negative fixint / int8 / int16 boundaries) and
 * the string/array lengths of the vectors; plus bounds checks on lengths.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { vector, vectors } from '../../testkit/vectors.js';
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { WireError } from '../wire/errors.js';
import { readArrayLen, readExtHeader, readInteger, readMapLen, readStrOrBinLen, writeInt, writeStr } from './markers.js';

test("integers: every element of Go's fixint-edges tuple reads back and re-encodes with the same marker", () => {
  const v = vector('msgpack-value/harness-msgpack-number-fixint-edges');
  const r = new ByteReader(v.bytes, 'msgpack');
  const n = readArrayLen(r, 'tuple');
  const expect = (v.expect as { value: Array<{ $number: string }> }).value;
  assert.is(n, expect.length);
  const w = new ByteWriter(8);
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const x = readInteger(r, 'number');
    assert.is(String(x), expect[i]!.$number);
    w.reset();
    writeInt(w, x);
    assert.equal([...w.bytes()], [...v.bytes.subarray(at, r.pos)], `element ${i}`);
  }
  assert.ok(r.atEnd());
});

test('str lengths: fixstr / str8 / str16 chosen as Go chose them for every plain string vector', () => {
  const strings = vectors('msgpack-value').filter((v) => v.ctx['type'] === 'string' && typeof (v.expect as { value: unknown }).value === 'string');
  assert.ok(strings.length >= 5);
  const w = new ByteWriter(8);
  for (const v of strings) {
    w.reset();
    writeStr(w, (v.expect as { value: string }).value);
    assert.equal(Buffer.from(w.finish()).toString('hex'), Buffer.from(v.bytes).toString('hex'), v.id);
  }
});

test('lengths past the end and truncated headers are WireErrors with offsets', () => {
  const r = (...b: number[]) => new ByteReader(Uint8Array.from(b), 'msgpack');
  const isErr = (re: RegExp) => (e: unknown) => e instanceof WireError && e.codec === 'msgpack' && re.test(e.reason);
  assert.throws(() => readArrayLen(r(0xdd, 0xff, 0xff, 0xff, 0xff), 'x'), isErr(/longer than the 0 bytes left/));
  assert.throws(() => readMapLen(r(0x8f, 0x01), 'x'), isErr(/longer than/));
  assert.throws(() => readStrOrBinLen(r(0xc6, 0x00, 0x00, 0x01, 0x00, 0x61), 'x'), isErr(/truncated/));
  assert.throws(() => readStrOrBinLen(r(0xda, 0x00), 'x'), isErr(/truncated uint16/));
  assert.throws(() => readExtHeader(r(0xc9, 0x00, 0x00, 0x00, 0x05, 0x0c, 0x01), 'x'), isErr(/truncated/));
  assert.throws(() => readInteger(r(0xcf, 0x00), 'x'), isErr(/truncated uint64/));
  assert.throws(() => readInteger(r(0xa0), 'x'), isErr(/expected an integer, found fixstr/));
});

test.run();
