import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { CtyNumber, ROUNDING_MODES } from '../cty/number.js';
import { formatNumberText } from '../cty/numtext.js';
import { WireError } from '../wire/errors.js';
import { decodeBigFloat, encodeBigFloat, writeBigFloatBytes } from './bigfloat.js';
import { ByteWriter } from '../wire/writer.js';
import { decodeGobStream, type GobValue } from './dynamic.js';
import { hex, vector, vectors } from '../../testkit/vectors.js';

const isGobError = (re: RegExp) => (e: unknown) => e instanceof WireError && e.codec === 'gob' && re.test(e.reason);

/** The math/big.Float GobEncode bytes inside a gob-value vector (outer stream -> cty.Value stream -> V). */
function floatBytesOf(id: string): Uint8Array {
  const outer = decodeGobStream(vector(id).bytes).values[0]!.value as GobValue & { kind: 'encoded' };
  const gv = decodeGobStream(outer.bytes).values[0]!.value as GobValue & { kind: 'struct' };
  const v = gv.fields.find((f) => f.value.kind === 'interface')!.value as GobValue & { kind: 'interface' };
  assert.is(v.concrete!.name, 'math/big.Float');
  return (v.concrete!.value as GobValue & { kind: 'encoded' }).bytes;
}

test("Go's big.Float bytes decode to the number Go printed, and encode back to the same bytes", () => {
  const cases: [string, string][] = [
    ['gob-value/harness-gob-number-one', '1'],
    ['gob-value/harness-gob-number-pi', ''],
    ['gob-value/harness-gob-number-neg-inf', '-Inf'],
    ['gob-value/harness-gob-number-neg-zero', '-0'],
    ['gob-value/harness-gob-number-1e400', ''],
    ['gob-value/harness-gob-number-decimal-0.1', ''],
  ];
  for (const [id, text] of cases) {
    const b = floatBytesOf(id);
    const n = decodeBigFloat(b);
    const want = vector(id).expect as { value: { $number: string; prec: number; mode: string } };
    assert.is(formatNumberText(n), want.value.$number, id);
    if (text) assert.is(want.value.$number, text);
    assert.is(n.prec, want.value.prec, id);
    assert.is(n.mode, want.value.mode, id);
    assert.is(hex(encodeBigFloat(n)), hex(b), id);
  }
});

test('every number in the gob-value vectors survives decode -> encode bit for bit', () => {
  let n = 0;
  for (const v of vectors('gob-value')) {
    if ((v.expect as { type: unknown }).type !== 'number' || (v.expect as { value: unknown }).value === null) continue;
    const b = floatBytesOf(v.id);
    assert.is(hex(encodeBigFloat(decodeBigFloat(b))), hex(b), v.id);
    n++;
  }
  assert.ok(n >= 15);
});

test('an empty buffer is the zero Float (precision 0), as GobDecode reads it', () => {
  const z = decodeBigFloat(new Uint8Array(0));
  assert.is(z.form, 'zero');
  assert.is(z.prec, 0);
});

test('malformed big.Float bytes are WireErrors', () => {
  const one = floatBytesOf('gob-value/harness-gob-number-one');
  const bad = (f: (b: Uint8Array) => void) => {
    const b = one.slice();
    f(b);
    return b;
  };
  assert.throws(() => decodeBigFloat(one.subarray(0, 5)), isGobError(/too small/));
  assert.throws(() => decodeBigFloat(one.subarray(0, 8)), isGobError(/too small for finite/));
  assert.throws(() => decodeBigFloat(bad((b) => (b[0] = 2))), isGobError(/version 2/));
  assert.throws(() => decodeBigFloat(bad((b) => (b[1] = (7 << 5) | (b[1]! & 0x1f)))), isGobError(/rounding mode/));
  assert.throws(() => decodeBigFloat(bad((b) => (b[1] = b[1]! | (3 << 3)))), isGobError(/accuracy/));
  assert.throws(() => decodeBigFloat(bad((b) => (b[1] = b[1]! | (3 << 1)))), isGobError(/form/));
  assert.throws(() => decodeBigFloat(bad((b) => (b[10] = 0x40))), isGobError(/msb not set/));
  assert.throws(() => decodeBigFloat(bad((b) => b.fill(0, 2, 6))), isGobError(/zero precision/));
  assert.throws(() => decodeBigFloat(bad((b) => b.fill(0, 10))), isGobError(/empty mantissa/));
});

// ---- properties ----

const finite = fc
  .record({
    words: fc.integer({ min: 1, max: 4 }),
    mant: fc.bigInt({ min: 1n, max: (1n << 256n) - 1n }),
    exp: fc.integer({ min: -100000, max: 100000 }),
    neg: fc.boolean(),
    mode: fc.constantFrom(...ROUNDING_MODES),
    acc: fc.constantFrom(-1 as const, 0 as const, 1 as const),
  })
  .map(({ words, mant, exp, neg, mode, acc }) => {
    const m = (mant % (1n << BigInt(words * 64))) | (1n << BigInt(words * 64 - 1)); // msb of the top word set
    return new CtyNumber('finite', neg, m, exp, words * 64 + 7, mode, acc);
  });

test('property: a mantissa of whole 64-bit words round-trips exactly (form, sign, prec, mode, acc)', () => {
  fc.assert(
    fc.property(finite, (n) => {
      const b = encodeBigFloat(n);
      assert.is(b.length, 10 + Number(BigInt(n.mant.toString(2).length) / 8n));
      assert.equal(decodeBigFloat(b), n);
    }),
  );
});

test('property: any mantissa keeps its value; it is written in the fewest words', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: 1n << 200n }), fc.integer({ min: -5000, max: 5000 }), (mant, exp) => {
      const n = new CtyNumber('finite', false, mant, exp, 512);
      const back = decodeBigFloat(encodeBigFloat(n));
      const shift = back.mant.toString(2).length - mant.toString(2).length;
      assert.is(back.mant, mant << BigInt(shift));
      assert.is(back.exp, exp - shift);
      assert.is(back.mant.toString(2).length, Math.ceil(mant.toString(2).length / 64) * 64);
    }),
  );
});

test('property: one-word mantissas (any bit length) are normalised to the top of the word; the counted form is the gob byte string', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }), fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 1, max: 64 }), (mant, exp, prec) => {
      const n = new CtyNumber('finite', mant % 2n === 0n, mant, exp, prec);
      const b = encodeBigFloat(n);
      assert.is(b.length, 18);
      const bl = mant.toString(2).length;
      const back = decodeBigFloat(b);
      assert.is(back.mant, mant << BigInt(64 - bl));
      assert.is(back.exp, exp - (64 - bl));
      const w = new ByteWriter();
      w.writeByte(0x55);
      writeBigFloatBytes(w, n);
      assert.equal([...w.finish()], [0x55, 18, ...b]);
    }),
  );
});

test('encoding refuses numbers big.Float cannot hold', () => {
  assert.throws(() => encodeBigFloat(new CtyNumber('finite', false, 3n, 0, 0)), isGobError(/zero precision/));
  assert.throws(() => encodeBigFloat(new CtyNumber('finite', false, (1n << 128n) - 1n, 0, 64)), isGobError(/more bits than precision/));
  assert.throws(() => encodeBigFloat(new CtyNumber('finite', false, 1n, 2 ** 31, 64)), isGobError(/exponent/));
});

test.run();
