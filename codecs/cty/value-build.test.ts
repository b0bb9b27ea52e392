/**
 * setRaw's shortcuts (known strings or bools: distinct values in order; anything else: elements
 * already in go-cty's order taken as they are) give exactly buildSet's elements and order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { T } from './types.js';
import { Unknown, type Raw } from './values.js';
import { buildSet } from './set-order.js';
import { setRaw } from './value-build.js';
import { ctyNumber, ctyString, rawOf, valueType } from '../../testkit/cty/arbitraries.js';
import { numberFromFloat64, numberFromInt64 } from './number-ops.js';
import { parseNumberText } from './numtext.js';

const strings = fc.array(fc.oneof(ctyString, fc.constantFrom('a', 'b', 'B', '\uffff', '😀', '\ue000')), { maxLength: 12 });

test('sets of strings: the shortcut equals buildSet (shuffled, duplicated, already ordered)', () => {
  fc.assert(
    fc.property(strings, fc.boolean(), (elems, preorder) => {
      const input = preorder ? buildSet(T.String, elems) : elems;
      assert.equal(setRaw(T.String, [...input]), buildSet(T.String, input));
    }),
    { numRuns: 2000 },
  );
});

test('sets of bools, and sets holding null or unknown elements, equal buildSet', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.boolean(), fc.constant(null), fc.constant(Unknown.plain)), { maxLength: 6 }), (elems: Raw[]) => {
      assert.equal(setRaw(T.Bool, [...elems]), buildSet(T.Bool, elems));
    }),
  );
  fc.assert(
    fc.property(strings, fc.nat(), fc.constantFrom<Raw>(null, Unknown.plain), (elems: Raw[], at, odd) => {
      const input = [...elems];
      input.splice(at % (input.length + 1), 0, odd);
      assert.equal(setRaw(T.String, [...input]), buildSet(T.String, input));
    }),
  );
});

const numbers = fc.array(ctyNumber({ infinities: true }), { maxLength: 10 });

test('sets of numbers: as given, as buildSet orders them, with duplicates, 0 and -0, mixed precisions', () => {
  fc.assert(
    fc.property(numbers, fc.constantFrom('as drawn', 'ordered', 'ordered, a duplicate', 'ordered, zeros'), (elems: Raw[], how) => {
      let input = how === 'as drawn' ? elems : buildSet(T.Number, elems);
      if (how === 'ordered, a duplicate' && input.length > 0) input = [...input, input[0]!];
      if (how === 'ordered, zeros') input = buildSet(T.Number, [...input, parseNumberText('-0'), numberFromInt64(0n), parseNumberText('0.0')]);
      assert.equal(setRaw(T.Number, [...input]), buildSet(T.Number, input));
    }),
    { numRuns: 1000 },
  );
  // equal values of different precisions (and keys): go-cty keeps both, in bucket order
  const mixed = [numberFromInt64(1n), parseNumberText('1'), parseNumberText('0.1'), parseNumberText('0.10000000000000000555')];
  assert.equal(setRaw(T.Number, [...mixed]), buildSet(T.Number, mixed));
  const ordered = buildSet(T.Number, mixed);
  assert.equal(setRaw(T.Number, [...ordered]), buildSet(T.Number, ordered));
  // 0.1 parsed (prec 512) is below 0.1 as a float64 (prec 53), and both print 0.1: equivalent, one is dropped
  const tenth = [parseNumberText('0.1'), numberFromFloat64(0.1)];
  assert.is(buildSet(T.Number, tenth).length, 1);
  assert.equal(setRaw(T.Number, [...tenth]), buildSet(T.Number, tenth));
  const tenths = [T.list(T.Number), T.tuple([T.Number])].map((t) => [t, tenth.map((n) => [n])] as const);
  for (const [t, elems] of tenths) assert.equal(setRaw(t, [...elems]), buildSet(t, elems));
});

test('sets of any type: drawn, and as buildSet orders them (with nulls, unknowns, nested sets)', () => {
  const opts = { unknowns: true, infinities: true };
  fc.assert(
    fc.property(
      valueType.chain((t) => fc.tuple(fc.constant(t), fc.array(rawOf(t, opts), { maxLength: 5 }))),
      fc.boolean(),
      ([t, elems], ordered) => {
        const input = ordered ? buildSet(t, elems) : elems;
        assert.equal(setRaw(t, [...input]), buildSet(t, input));
      },
    ),
    { numRuns: 1000 },
  );
});

test.run();
