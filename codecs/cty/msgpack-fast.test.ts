/**
 * The encoder's shortcuts give go-cty's bytes:
 *
 * - strings are NFC-normalised only when they hold non-ASCII text: model strings in NFD (as a
 *   caller may build them) still give Go's bytes for Go's unicode vectors;
 * - writeNumber's fast path (mantissas of at most 53 bits written from JS numbers) picks the marker
 * and bytes go-cty's rule picks on the exact value (writeNumberByRule, checked against Go's
 * number vectors in msgpack.test.ts), for numbers at and around every edge: int64 and safe-integer
 * bounds, float64 subnormals and overflow, mantissas with trailing zeros as other codecs build them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { ByteWriter } from '../wire/writer.js';
import { CtyNumber } from './number.js';
import { marshalCtyMsgpack, unmarshalCtyMsgpack, writeNumber, writeNumberByRule } from './msgpack.js';
import { vectors } from '../../testkit/vectors.js';
import { typeFromJSON } from './canonical.js';
import type { Raw } from './values.js';

/** raw with every string value (not map keys or attribute names) decomposed to NFD. */
function decomposed(raw: Raw): Raw {
  if (typeof raw === 'string') return raw.normalize('NFD');
  if (Array.isArray(raw)) return raw.map(decomposed);
  if (raw instanceof Map) return new Map([...raw].map(([k, v]) => [k, decomposed(v)]));
  return raw;
}

test("strings given in NFD are written NFC: Go's bytes for every vector with decomposable text", () => {
  let n = 0;
  for (const v of vectors('msgpack-value')) {
    const t = typeFromJSON(v.ctx['type']);
    const val = unmarshalCtyMsgpack(v.bytes, t);
    if (!hasDecomposable(val.raw)) continue;
    const nfd = { type: val.type, raw: decomposed(val.raw) };
    assert.equal(marshalCtyMsgpack(nfd, t), v.bytes, v.id);
    n++;
  }
  assert.ok(n >= 5, `only ${n} vectors with decomposable strings`);
});

function hasDecomposable(raw: Raw): boolean {
  if (typeof raw === 'string') return raw.normalize('NFD') !== raw;
  if (Array.isArray(raw)) return raw.some(hasDecomposable);
  if (raw instanceof Map) return [...raw.values()].some(hasDecomposable);
  return false;
}

const mantissa = fc.oneof(
  fc.bigInt({ min: 1n, max: 1n << 12n }),
  fc.bigInt({ min: (1n << 52n) - 8n, max: (1n << 54n) + 8n }),
  fc.bigInt({ min: 1n, max: 1n << 70n }),
  fc.integer({ min: 0, max: 60 }).map((k) => 1n << BigInt(k)),
  fc
    .integer({ min: 0, max: 64 })
    .map((k) => (1n << BigInt(k)) - 1n)
    .filter((m) => m > 0n),
);
const exponent = fc.oneof(
  fc.integer({ min: -80, max: 80 }),
  fc.integer({ min: -1140, max: -1000 }),
  fc.integer({ min: 960, max: 1100 }),
  fc.constantFrom(0, 10, 11, 52, 53, 63, 64, -1074, -1075, 971, 972),
);
const finiteNumber = fc
  .record({ neg: fc.boolean(), mant: mantissa, exp: exponent, prec: fc.constantFrom(53, 64, 512) })
  .map((x) => new CtyNumber('finite', x.neg, x.mant, x.exp, x.prec));
const special = fc.constantFrom(
  new CtyNumber('zero', false, 0n, 0, 53),
  new CtyNumber('zero', true, 0n, 0, 64),
  new CtyNumber('inf', false, 0n, 0, 53),
  new CtyNumber('inf', true, 0n, 0, 512),
);

const bytesOf = (f: (w: ByteWriter, n: CtyNumber) => void, n: CtyNumber): number[] => {
  const w = new ByteWriter(16);
  f(w, n);
  return [...w.bytes()];
};

test('the fast path writes what the exact rule writes', () => {
  fc.assert(
    fc.property(fc.oneof({ weight: 12, arbitrary: finiteNumber }, { weight: 1, arbitrary: special }), (n) => {
      assert.equal(bytesOf(writeNumber, n), bytesOf(writeNumberByRule, n), `${n.neg ? '-' : ''}${n.mant}p${n.exp}`);
    }),
    { numRuns: 20000 },
  );
});

test.run();
