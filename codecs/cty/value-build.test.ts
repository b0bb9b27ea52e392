/** setRaw's shortcut for sets of known strings or bools gives exactly buildSet's elements and order. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { T } from './types.js';
import { Unknown, type Raw } from './values.js';
import { buildSet } from './set-order.js';
import { setRaw } from './value-build.js';
import { ctyString } from '../../testkit/cty/arbitraries.js';

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

test.run();
