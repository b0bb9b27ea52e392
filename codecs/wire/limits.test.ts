import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DecodeBudget, DecodeLimitError, DEFAULT_LIMITS, RETAINED_BYTES } from './limits.js';

const refusedBy = (f: () => void): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof DecodeLimitError) return e.limit;
    throw e;
  }
  return 'none';
};

test('the retained cap is 10 x input plus the fixed allowance, and can be raised', () => {
  assert.is(DEFAULT_LIMITS.retainedBytesPerInputByte, 10);
  const b = new DecodeBudget(undefined, 1000);
  assert.is(b.retainedCap, 10 * 1000 + DEFAULT_LIMITS.maxRetainedBytes);
  assert.is(new DecodeBudget({ maxRetainedBytes: 0, retainedBytesPerInputByte: 100 }, 1000).retainedCap, 100_000);
});

test('values, numbers and set elements are charged their RETAINED_BYTES; past the cap the limit is named', () => {
  const b = new DecodeBudget({ maxRetainedBytes: 0 }, 100); // cap 1000 bytes
  b.addValues(2, 'msgpack', 0);
  b.addNumber('msgpack', 0);
  b.addSetElements(1, 'msgpack', 0);
  assert.is(b.retained, 2 * RETAINED_BYTES.value + RETAINED_BYTES.number + RETAINED_BYTES.setElement);
  assert.is(
    refusedBy(() => b.addValues(10, 'msgpack', 5)),
    'maxRetainedBytes',
  );
});

test('a container counting itself with its elements is charged for its elements only', () => {
  const b = new DecodeBudget(undefined, 0);
  b.addValues(4, 'gob', 0, 3);
  assert.is(b.values, 4);
  assert.is(b.retained, 3 * RETAINED_BYTES.value);
});

test('maxValues still refuses first when the value count passes it', () => {
  const b = new DecodeBudget({ maxValues: 1, valuesPerInputByte: 0, maxRetainedBytes: 1e12 }, 0);
  assert.is(
    refusedBy(() => b.addValues(2, 'msgpack', 0)),
    'maxValues',
  );
});

test.run();
