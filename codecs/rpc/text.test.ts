/** Go text forms of floats and times: each parses back to exactly the value it was made from. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { formatGoFloat, parseGoFloat } from '../golang/strconv.js';
import { formatRFC3339Nano, parseRFC3339Nano } from './text.js';
import { GoTime } from './values.js';

test('formatGoFloat: parses back to the same float64 (incl. -0, infinities, NaN)', () => {
  fc.assert(
    fc.property(fc.double(), (x) => {
      const s = formatGoFloat(x);
      assert.ok(Object.is(parseGoFloat(s), x), `${x} -> ${s}`);
    }),
    { numRuns: 5000 },
  );
});

test('formatGoFloat: exponent form (two-digit exponent at least) well outside 1e-4 <= |x| < 1e6', () => {
  // Go switches to %e when the decimal exponent is < -4 or >= 6 (the precision used for the
  // decision when formatting the shortest representation).
  fc.assert(
    fc.property(
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x !== 0),
      (x) => {
        const s = formatGoFloat(x);
        const exp = Math.floor(Math.log10(Math.abs(Number(s))));
        const hasE = s.includes('e');
        if (Number.isFinite(exp) && (exp < -5 || exp > 6)) assert.ok(hasE, s);
        if (hasE) assert.match(s, /^-?\d(\.\d+)?e[+-]\d{2,3}$/);
      },
    ),
    { numRuns: 3000 },
  );
});

test('RFC3339Nano UTC: format/parse round trip over the whole int64 second range used by ugorji', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(1n << 60n), max: 1n << 60n }), fc.integer({ min: 0, max: 999_999_999 }), (sec, nsec) => {
      const t = new GoTime(sec, nsec);
      const s = formatRFC3339Nano(t);
      const back = parseRFC3339Nano(s);
      assert.ok(back, s);
      assert.is(back!.sec, sec, s);
      assert.is(back!.nsec, nsec, s);
      assert.match(s, /Z$/);
      if (nsec === 0) assert.not.match(s, /\./);
      else assert.not.match(s, /0Z$/);
    }),
    { numRuns: 3000 },
  );
});

test('parseRFC3339Nano refuses what is not RFC3339Nano in UTC', () => {
  for (const s of [
    '2024-02-30T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:00:00+01:00',
    '2024-01-01 00:00:00Z',
    '2024-01-01T00:00:00.1234567890Z',
    '',
  ]) {
    assert.is(parseRFC3339Nano(s), undefined, s);
  }
});

test.run();
