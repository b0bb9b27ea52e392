/**
 * go-cty set order and deduplication, checked against the sets Go wrote into the vectors: every
 * set found in a decoded vector is shuffled, padded with duplicates and rebuilt; the result must
 * be Go's order again.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { vectors } from '../../testkit/vectors.js';
import { buildSet, ctyEquivalent, setHashString } from './set-order.js';
import { goQuote } from '../golang/strconv.js';
import { crc32String } from './gostring.js';
import { valueToCanonical } from './canonical.js';
import { unmarshalCtyMsgpack } from './msgpack.js';
import { unmarshalCtyJSON } from './json.js';
import { typeFromJSON } from './canonical.js';
import { T, type CtyType } from './types.js';
import { Unknown, type CtyValue, type Raw } from './values.js';
import { numberFromFloat64, numberFromInt64 } from './number-ops.js';
import { parseNumberText } from './numtext.js';

/** Every set (element type, elements in Go's order) inside a value. */
function setsIn(t: CtyType, r: Raw, out: Array<{ et: CtyType; elems: Raw[] }>): void {
  if (r === null || r instanceof Unknown) return;
  switch (t.kind) {
    case 'set':
      out.push({ et: t.elem, elems: r as Raw[] });
      for (const e of r as Raw[]) setsIn(t.elem, e, out);
      return;
    case 'list':
      for (const e of r as Raw[]) setsIn(t.elem, e, out);
      return;
    case 'map':
      for (const e of (r as Map<string, Raw>).values()) setsIn(t.elem, e, out);
      return;
    case 'tuple':
      (r as Raw[]).forEach((e, i) => setsIn(t.elems[i]!, e, out));
      return;
    case 'object':
      for (const [k, at] of t.attrs) setsIn(at, (r as Map<string, Raw>).get(k)!, out);
      return;
  }
}

function goSets(): Array<{ id: string; et: CtyType; elems: Raw[] }> {
  const found: Array<{ id: string; et: CtyType; elems: Raw[] }> = [];
  for (const fam of ['msgpack-value', 'json-value']) {
    for (const v of vectors(fam)) {
      const type = typeFromJSON(v.ctx['type']);
      const val: CtyValue = fam === 'msgpack-value' ? unmarshalCtyMsgpack(v.bytes, type) : unmarshalCtyJSON(v.bytes, type);
      const sets: Array<{ et: CtyType; elems: Raw[] }> = [];
      setsIn(val.type, val.raw, sets);
      for (const s of sets) if (s.elems.length > 1) found.push({ id: v.id, ...s });
    }
  }
  return found;
}

const canon = (et: CtyType, elems: Raw[]) => JSON.stringify(valueToCanonical({ type: T.set(et), raw: elems }));

test("rebuilding Go's sets from shuffled, duplicated elements gives Go's order back", () => {
  const sets = goSets();
  assert.ok(sets.length >= 10, `only ${sets.length} sets with 2+ elements in the vectors`);
  for (const s of sets) {
    const want = canon(s.et, s.elems);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(s.elems, { minLength: s.elems.length }),
        fc.array(fc.nat({ max: s.elems.length - 1 }), { maxLength: 3 }),
        (shuffled, dups) => {
          const input = [...shuffled, ...dups.map((i) => shuffled[i]!)];
          const known = s.elems.every((e) => !(e instanceof Unknown));
          // Unknown elements never deduplicate (go-cty: unknowns are not equivalent), so only add
          // duplicates when every element is known.
          assert.is(canon(s.et, buildSet(s.et, known ? input : shuffled)), want, s.id);
        },
      ),
      { numRuns: 20 },
    );
  }
});

test('strings order bytewise (UTF-8), nulls after unknowns after known values', () => {
  const got = buildSet(T.String, [null, Unknown.plain, 'b', '\u{1F600}', '\uFFFD', 'a', 'B']);
  assert.equal(got.slice(0, 5), ['B', 'a', 'b', '\uFFFD', '\u{1F600}']);
  assert.ok(got[5] instanceof Unknown);
  assert.is(got[6], null);
});

test('numbers order numerically; -0 and 0 sit in different buckets and are both kept', () => {
  const got = buildSet(T.Number, [numberFromInt64(10n), numberFromFloat64(-0), parseNumberText('1e400'), numberFromInt64(0n), numberFromFloat64(-1.5)]);
  const hashes = got.map((n) => setHashString(T.Number, n));
  // go-cty's Less orders by value; -0 and 0 compare equal, so between them the bucket order decides.
  assert.is(hashes.length, 5);
  assert.equal([hashes[0], hashes[3], hashes[4]], ['-1.5', '10', '1e+400']);
  assert.equal(new Set(hashes.slice(1, 3)), new Set(['-0', '0']));
  // equal values at different precisions are one element
  assert.is(buildSet(T.Number, [parseNumberText('0.5'), numberFromFloat64(0.5)]).length, 1);
});

test('unknowns are never equivalent; nulls always are', () => {
  assert.is(buildSet(T.String, [Unknown.plain, Unknown.plain]).length, 2);
  assert.is(buildSet(T.String, [null, null]).length, 1);
  assert.not.ok(ctyEquivalent(T.list(T.String), ['a', Unknown.plain], ['a', Unknown.plain]));
  assert.ok(ctyEquivalent(T.list(T.String), ['a', null], ['a', null]));
});

test('hash strings: Go %q quoting of set elements (strconv ExampleQuote)', () => {
  assert.is(goQuote('"Fran & Freddie\'s Diner\t☺"'), '"\\"Fran & Freddie\'s Diner\\t☺\\""');
  assert.is(goQuote('\x07\x01\x7f\u00ad\u{E0001}é'), '"\\a\\x01\\x7f\\u00ad\\U000e0001é"');
  assert.is(
    setHashString(
      T.object({ b: T.Bool, a: T.list(T.String) }),
      new Map<string, Raw>([
        ['b', true],
        ['a', ['x', null]],
      ]),
    ),
    '<["x";~;];T;>',
  );
  assert.is(
    setHashString(
      T.map(T.Number),
      new Map<string, Raw>([
        ['z', numberFromInt64(1n)],
        ['a', Unknown.plain],
      ]),
    ),
    '{"a":?;"z":1;}',
  );
});

test('crc32 IEEE: the CRC-32 check value of "123456789"', () => {
  assert.is(crc32String('123456789'), 0xcbf43926);
  assert.is(crc32String(''), 0);
});

test.run();
