/**
 * Number text tests. Expected values come from the documented examples of Go's math/big
 * (floatexample_test.go / example_test.go, shown on pkg.go.dev) and from Go's documented
 * behaviour of Text('f', -1) and ParseFloat; vector-based checks live in number-vectors.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatNumberText, parseNumberText, tryParseNumberText } from './numtext.js';
import { compareNumbers, exactFloat64, exactInt64, numberFromFloat64, numberFromInt64, numberFromUint64, withPrec } from './number-ops.js';
import { CtyNumber, ROUNDING_MODES } from './number.js';
import { WireError } from '../wire/errors.js';

test('ExampleRoundingMode: SetPrec(2).SetMode(mode).SetFloat64(x)', () => {
  // Rows of Go's documented output, columns in ROUNDING_MODES order.
  const table: Array<[number, string[]]> = [
    [2.6, ['3', '3', '2', '3', '2', '3']],
    [2.5, ['2', '3', '2', '3', '2', '3']],
    [2.1, ['2', '2', '2', '3', '2', '3']],
    [-2.1, ['-2', '-2', '-2', '-3', '-3', '-2']],
    [-2.5, ['-2', '-3', '-2', '-3', '-3', '-2']],
    [-2.6, ['-3', '-3', '-2', '-3', '-3', '-2']],
  ];
  for (const [x, row] of table) {
    ROUNDING_MODES.forEach((mode, i) => {
      const n = withPrec(numberFromFloat64(x), 2, mode);
      assert.is(formatNumberText(n), row[i], `${x} ${mode}`);
    });
  }
});

test('ExampleFloat_Cmp: ordering of -Inf, -1.2, -0, 0, 1.2, +Inf', () => {
  const ops = [-Infinity, -1.2, -0, 0, 1.2, Infinity].map(numberFromFloat64);
  const want = [
    [0, -1, -1, -1, -1, -1],
    [1, 0, -1, -1, -1, -1],
    [1, 1, 0, 0, -1, -1],
    [1, 1, 0, 0, -1, -1],
    [1, 1, 1, 1, 0, -1],
    [1, 1, 1, 1, 1, 0],
  ];
  ops.forEach((x, i) => ops.forEach((y, j) => assert.is(compareNumbers(x, y), want[i]![j], `${i} ${j}`)));
  assert.equal(ops.map(formatNumberText), ['-Inf', '-1.2', '-0', '0', '1.2', '+Inf']);
});

test('ExampleFloat_shift: 0.5 shifted by -5..5 prints as Go prints it', () => {
  const half = numberFromFloat64(0.5);
  const got: string[] = [];
  for (let s = -5; s <= 5; s++) {
    got.push(formatNumberText(new CtyNumber(half.form, half.neg, half.mant, half.exp + s, half.prec)));
  }
  assert.equal(got, ['0.015625', '0.03125', '0.0625', '0.125', '0.25', '0.5', '1', '2', '4', '8', '16']);
});

test('ExampleFloat_Add operands: SetInt64 has prec 64, SetFloat64 prec 53, both exact', () => {
  const x = numberFromInt64(1000n);
  assert.is(x.prec, 64);
  assert.is(x.acc, 0);
  // Go prints 0x.fap+10: mantissa 0xfa / 2^8, times 2^10.
  assert.is(x.mant * 2n ** BigInt(x.exp), 0xfan * 4n);
  const y = numberFromFloat64(2.718281828);
  assert.is(y.prec, 53);
  // Go prints 0x.adf85458248cd8p+2.
  const goMant = 0xadf85458248cd8n;
  assert.is(compareNumbers(y, new CtyNumber('finite', false, goMant, 2 - 56, 53)), 0);
  assert.is(formatNumberText(y), '2.718281828');
});

test('ExampleFloat_SetString and ExampleFloat_Scan (prec 64 when unset)', () => {
  assert.is(formatNumberText(parseNumberText('3.14159', 0)), '3.14159');
  const f = parseNumberText('1.19282e99', 0);
  assert.is(f.prec, 64);
  // Go prints 1.19282e+99 with %v (shortest 'g'); in 'f' form the same digits, zero-padded.
  assert.is(formatNumberText(f), '119282' + '0'.repeat(94));
});

test('ParseFloat accepts Go syntax: sign, fraction, e/E/p exponent, Inf spellings', () => {
  assert.is(formatNumberText(parseNumberText('-1.5e3')), '-1500');
  assert.is(formatNumberText(parseNumberText('+.5')), '0.5');
  assert.is(formatNumberText(parseNumberText('1.')), '1');
  assert.is(formatNumberText(parseNumberText('3p4')), '48');
  assert.is(formatNumberText(parseNumberText('1E-2')), '0.01');
  assert.is(formatNumberText(parseNumberText('-0')), '-0');
  assert.is(formatNumberText(parseNumberText('-0.000e10')), '-0');
  for (const s of ['Inf', 'inf', '+Inf', '+inf']) assert.is(formatNumberText(parseNumberText(s)), '+Inf');
  for (const s of ['-Inf', '-inf']) assert.is(formatNumberText(parseNumberText(s)), '-Inf');
  const p = parseNumberText('0.1');
  assert.is(p.prec, 512);
  assert.is(p.mode, 'ToNearestEven');
});

test('ParseFloat refuses what Go refuses (base 10: no prefixes, no separators)', () => {
  for (const s of ['', '.', '-', '1e', '1e+', '.e1', 'INF', 'Infinity', '1_000', '0x10', ' 1', '1 ', '1..2', '1e9223372036854775808', 'NaN']) {
    assert.type(tryParseNumberText(s), 'string', JSON.stringify(s));
    assert.throws(
      () => parseNumberText(s),
      (e: unknown) => e instanceof WireError && e.codec === 'cty',
      JSON.stringify(s),
    );
  }
});

test('SetInt64 / SetUint64 / SetFloat64 bounds and exactness tests', () => {
  const min = numberFromInt64(-(2n ** 63n));
  assert.is(formatNumberText(min), '-9223372036854775808');
  assert.is(exactInt64(min), -(2n ** 63n));
  const umax = numberFromUint64(2n ** 64n - 1n);
  assert.is(formatNumberText(umax), '18446744073709551615');
  assert.is(exactInt64(umax), undefined);
  assert.is(exactFloat64(umax), undefined);
  assert.is(exactInt64(parseNumberText('9223372036854775807')), 2n ** 63n - 1n);
  assert.is(exactInt64(parseNumberText('9223372036854775808')), undefined);
  assert.is(exactInt64(parseNumberText('-0')), 0n);
  assert.is(exactInt64(parseNumberText('1.5')), undefined);
  assert.is(exactFloat64(parseNumberText('1.5')), 1.5);
  assert.is(exactFloat64(parseNumberText('0.1')), undefined);
  assert.is(exactFloat64(numberFromFloat64(0.1)), 0.1);
  assert.is(exactFloat64(numberFromFloat64(5e-324)), 5e-324);
  assert.is(exactFloat64(numberFromFloat64(Number.MAX_VALUE)), Number.MAX_VALUE);
  assert.is(exactFloat64(parseNumberText('1p1024')), undefined);
  assert.is(exactFloat64(parseNumberText('1p-1075')), undefined);
  assert.ok(Object.is(exactFloat64(numberFromFloat64(-0)), -0));
});

test('formatting refuses astronomically large exponents with a WireError', () => {
  const huge = parseNumberText('1p2000000000');
  assert.throws(
    () => formatNumberText(huge),
    (e: unknown) => e instanceof WireError && /too large/.test(e.reason),
  );
});

test.run();
