import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WireError } from '../wire/errors.js';
import { decodeGob, GobDecoder, END } from './decoder.js';
import { GobEncoder } from './encoder.js';
import { goArray, goFloat64, goInt, goInt64, goInt8, goPtr, goString, goStruct, goUint, type GoType } from './gotype.js';
import { IdSpace } from './idspace.js';
import { fromHex, hex, vector } from '../../testkit/vectors.js';

const isGobError = (re: RegExp) => (e: unknown) => e instanceof WireError && e.codec === 'gob' && re.test(e.reason);

const Point = goStruct('Point', { X: goInt, Y: goInt });

// encoding/gob doc.go, "For implementers and the curious": type Point struct {X, Y int},
// p := Point{22, 33}, first sent on a fresh Encoder whose process numbers user types from 65.
const DOC_POINT_FIRST = fromHex(`
  1f ff 81 03 01 01 05 50 6f 69 6e 74 01 ff 82 00
  01 02 01 01 58 01 04 00 01 01 59 01 04 00 00 00
  07 ff 82 01 2c 01 42 00`);
// "If p is transmitted a second time, the type is already known so the output will be just:"
const DOC_POINT_AGAIN = fromHex('07 ff 82 01 2c 01 42 00');
// "a signed integer with value 3 presented as the argument to Encode will emit:"
const DOC_INT_3 = fromHex('03 04 00 06');

test('doc.go: Point{22, 33} on a fresh encoder, then again', () => {
  const enc = new GobEncoder({ ids: new IdSpace(65) });
  assert.is(hex(enc.encode(Point, { X: 22n, Y: 33n })), hex(DOC_POINT_FIRST));
  assert.is(hex(enc.encode(Point, { X: 22n, Y: 33n })), hex(DOC_POINT_AGAIN));
});

test('doc.go: a top-level int 3', () => {
  assert.is(hex(new GobEncoder().encode(goInt, 3n)), hex(DOC_INT_3));
});

test('doc.go: the Point bytes decode to Point{22, 33}, twice on one stream', () => {
  const bytes = new Uint8Array([...DOC_POINT_FIRST, ...DOC_POINT_AGAIN]);
  const d = new GobDecoder({}, bytes);
  assert.equal(d.next(Point), { X: 22n, Y: 33n });
  assert.equal(d.next(Point), { X: 22n, Y: 33n });
  assert.is(d.next(Point), END);
  assert.equal(d.typeIds, [65]);
  assert.is(decodeGob(goInt, DOC_INT_3), 3n);
});

test('doc.go: pointers and wider ints send the same bytes (struct { *A, **B int } ~ struct { A, B int64 })', () => {
  const wide = goStruct('Point', { X: goInt64, Y: goPtr(goPtr(goInt)) });
  assert.is(hex(new GobEncoder({ ids: new IdSpace(65) }).encode(wide, { X: 22n, Y: 33n })), hex(DOC_POINT_FIRST));
  assert.is(hex(new GobEncoder({ ids: new IdSpace(65) }).encode(goPtr(Point), { X: 22n, Y: 33n })), hex(DOC_POINT_FIRST));
});

// doc.go "Types and Values": struct { A, B int } can be received into several shapes.
const AB = goStruct('AB', { A: goInt, B: goInt });
const ab = new GobEncoder().encode(AB, { A: 1n, B: 2n });

test('doc.go: fields match by name; extra and missing fields are ignored', () => {
  assert.equal(decodeGob(goStruct('BA', { B: goInt, A: goInt }), ab), { B: 2n, A: 1n });
  assert.equal(decodeGob(goStruct('ABC', { A: goInt, B: goInt, C: goInt }), ab), { A: 1n, B: 2n, C: 0n });
  assert.equal(decodeGob(goStruct('B', { B: goInt }), ab), { B: 2n });
  assert.equal(decodeGob(goStruct('BC', { B: goInt, C: goInt }), ab), { B: 2n, C: 0n });
  assert.equal(decodeGob(goStruct('A8', { A: goInt8, B: goInt8 }), ab), { A: 1, B: 2 });
});

test('doc.go: a change of signedness or kind, or no field in common, is a decode error', () => {
  assert.throws(() => decodeGob(goStruct('AB', { A: goInt, B: goUint }), ab), isGobError(/wrong type \(uint\) for received field AB\.B/));
  assert.throws(() => decodeGob(goStruct('AB', { A: goInt, B: goFloat64 }), ab), isGobError(/wrong type/));
  assert.throws(() => decodeGob(goStruct('CD', { C: goInt, D: goInt }), ab), isGobError(/no fields matched/));
  // doc.go lists struct {} as an error too, but decode.go only refuses a receiver that has fields.
  assert.equal(decodeGob(goStruct('', {}), ab), {});
});

test('an int too large for the receiving width is an error (as Go: value out of range)', () => {
  const b = new GobEncoder().encode(goInt, 300n);
  assert.throws(() => decodeGob(goInt8, b), isGobError(/out of range/));
  assert.is(decodeGob(goInt64, b), 300n);
});

test('Go 1.26 numbers user types from 64: [3]int, [0]int, [2]string as Go wrote them', () => {
  const v = vector('gob-generic/harness-array-int');
  const enc = new GobEncoder(); // fresh process: ids from 64
  const parts: [GoType, unknown][] = [
    [goArray(3, goInt), [1n, -2n, 3n]],
    [goArray(0, goInt), []],
    [goArray(2, goString), ['a', '']],
  ];
  const out = parts.map(([t, x]) => enc.encode(t, x));
  assert.is(hex(new Uint8Array(out.flatMap((b) => [...b]))), hex(v.bytes));
  const d = new GobDecoder({}, v.bytes);
  for (const [t, x] of parts) assert.equal(d.next(t), x);
});

test.run();
