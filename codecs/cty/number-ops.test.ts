/** bitLen, the bit count every rounding step asks for, against the definition (binary digits). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { bitLen, trailingZeros } from './number-ops.js';

const digits = (m: bigint): number => (m === 0n ? 0 : m.toString(2).length);

test('bitLen at every power of two and its neighbours, up to 2^1100', () => {
  for (let b = 0; b <= 1100; b++) {
    const p = 1n << BigInt(b);
    for (const m of [p - 1n, p, p + 1n]) assert.is(bitLen(m), digits(m), `2^${b} ${m - p >= 0n ? '+' : ''}${m - p}`);
  }
});

test('bitLen of mantissas just below a power of two (where a double rounds up)', () => {
  for (let b = 54; b <= 1100; b += 7) {
    const p = 1n << BigInt(b);
    for (const k of [1n, 2n, 1n << BigInt(b - 54), 1n << BigInt(b - 53)]) assert.is(bitLen(p - k), digits(p - k), `2^${b} - ${k}`);
  }
});

test('bitLen and trailingZeros of random mantissas of 1 to 1100 bits', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: (1n << 1100n) - 1n }), fc.nat(1100), (m, shift) => {
      const x = m >> BigInt(shift) || 1n;
      assert.is(bitLen(x), digits(x));
      assert.is(trailingZeros(x), digits(x & -x) - 1);
    }),
    { numRuns: 20_000 },
  );
});

test.run();
