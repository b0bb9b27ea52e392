/** The streaming Decoder: bytes arriving in any pieces, several values per stream, and the dynamic model. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { canonicalDiff } from '../../testkit/compare.js';
import { WireError } from '../wire/errors.js';
import { decodeObjectSpecGob } from './api.js';
import { GobDecoder, NEED_MORE, END } from './decoder.js';
import { decodeGobStream, type GobTopValue } from './dynamic.js';
import { encodeGobStream } from './dynamic-encode.js';
import { streamToCanonical } from './generic.js';
import { objectSpecGo, objectSpecFromGo, packerRegistry } from './hcldec.js';
import type { GoIface } from './encoder.js';
import { specToCanonical } from '../hclspec/canonical.js';
import { hex, vector, vectors } from '../../testkit/vectors.js';

const gobVectors = [...vectors('gob-generic'), ...vectors('gob-spec'), ...vectors('gob-value')];

/** Feeds `bytes` in the given pieces, collecting every dynamic value as soon as it is complete. */
function feed(bytes: Uint8Array, cuts: number[]): { values: GobTopValue[]; d: GobDecoder } {
  const d = new GobDecoder();
  const values: GobTopValue[] = [];
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    d.push(bytes.subarray(at, c));
    at = c;
    for (;;) {
      const v = d.nextDynamic();
      if (v === NEED_MORE) break;
      if (v === END) assert.unreachable('END before end()');
      values.push(v as GobTopValue);
    }
  }
  d.end();
  assert.is(d.nextDynamic(), END);
  return { values, d };
}

test('every gob vector decodes the same fed one byte at a time', () => {
  for (const v of gobVectors) {
    const whole = decodeGobStream(v.bytes);
    const cuts = Array.from({ length: v.bytes.length - 1 }, (_, i) => i + 1);
    const { values, d } = feed(v.bytes, cuts);
    assert.is(canonicalDiff(streamToCanonical({ ...whole, values }), streamToCanonical(whole)), null, v.id);
    assert.equal([...d.typeIds], [...whole.typeIds], v.id);
  }
});

test('property: any split of a multi-value stream with interleaved definitions gives the same values', () => {
  const v = vector('gob-generic/harness-multi-interleaved-defs');
  const whole = streamToCanonical(decodeGobStream(v.bytes));
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: v.bytes.length - 1 }), { maxLength: 12 }), (cuts) => {
      const { values } = feed(
        v.bytes,
        cuts.sort((a, b) => a - b),
      );
      assert.is(canonicalDiff(streamToCanonical({ ...decodeGobStream(v.bytes), values }), whole), null);
    }),
    { numRuns: 300 },
  );
});

test('a value is handed out as soon as its last message arrives, not before', () => {
  const v = vector('gob-generic/harness-multi-same-type'); // three Points on one stream
  const whole = decodeGobStream(v.bytes);
  assert.is(whole.values.length, 3);
  const d = new GobDecoder();
  let got = 0;
  for (let i = 0; i < v.bytes.length; i++) {
    d.push(v.bytes.subarray(i, i + 1));
    const r = d.nextDynamic();
    if (r !== NEED_MORE) got++;
  }
  assert.is(got, 3);
  assert.is(d.nextDynamic(), NEED_MORE); // more may still come
  d.end();
  assert.is(d.nextDynamic(), END);
});

test('typed streaming: an ObjectSpec whose interfaces define types mid-value, split everywhere', () => {
  for (const v of vectors('gob-spec').slice(0, 12)) {
    const want = specToCanonical(decodeObjectSpecGob(v.bytes));
    for (const step of [1, 7, 64]) {
      const d = new GobDecoder({ registry: packerRegistry() });
      let got: unknown = NEED_MORE;
      for (let i = 0; i < v.bytes.length; i += step) {
        d.push(v.bytes.subarray(i, i + step));
        if (got === NEED_MORE) got = d.next(objectSpecGo);
      }
      d.end();
      assert.not.equal(got, NEED_MORE, v.id);
      assert.is(canonicalDiff(specToCanonical(objectSpecFromGo(got as Map<string, GoIface>)), want), null, v.id);
      assert.is(d.next(objectSpecGo), END);
    }
  }
});

test('the dynamic model re-encodes every byte-exact vector to Go bytes', () => {
  let n = 0;
  for (const v of gobVectors) {
    if (!v.byteExact) continue;
    assert.is(hex(encodeGobStream(decodeGobStream(v.bytes))), hex(v.bytes), v.id);
    n++;
  }
  assert.ok(n > 150);
});

test('a truncated stream is an error once input has ended, a wait before', () => {
  const v = vector('gob-generic/harness-struct-point');
  const d = new GobDecoder();
  d.push(v.bytes.subarray(0, v.bytes.length - 1));
  assert.is(d.nextDynamic(), NEED_MORE);
  d.end();
  assert.throws(
    () => d.nextDynamic(),
    (e: unknown) => e instanceof WireError && e.codec === 'gob' && /truncated/.test(e.reason),
  );
  // The stream stays broken.
  assert.throws(
    () => d.nextDynamic(),
    (e: unknown) => e instanceof WireError,
  );
  assert.throws(
    () => d.push(new Uint8Array(1)),
    (e: unknown) => e instanceof WireError,
  );
});

test('offsets in errors are positions in the whole stream, after earlier values were dropped', () => {
  const v = vector('gob-generic/harness-multi-same-type');
  const whole = decodeGobStream(v.bytes);
  const last = v.bytes.length - 4; // the last value, Point{}, is 4 bytes: count, type id (2 bytes), end
  const d = new GobDecoder();
  d.push(v.bytes.subarray(0, last));
  let n = 0;
  while (d.nextDynamic() !== NEED_MORE) n++;
  assert.is(n, 2);
  const bad = v.bytes.slice(last);
  bad[1] = 0xf0; // a count byte of 16: not a gob integer
  d.push(bad);
  d.end();
  try {
    d.nextDynamic();
    assert.unreachable();
  } catch (e) {
    assert.instance(e, WireError);
    assert.is((e as WireError).offset, last + 1);
  }
  assert.is(whole.values.length, 3);
});

test.run();
