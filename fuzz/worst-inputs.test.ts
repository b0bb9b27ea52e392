/**
 * Issue 16's memory bound on the shapes that kept the most heap before maxRetainedBytes (fuzz/worst.ts
 * measured 81x for a gob-generic []struct{}, 48x for a gob []string of empty strings, 39x for a
 * msgpack set of int16, ~27x for sets of distinct decimals, ~21x for an rpc Prepare set of
 * decimals): with the default limits each is refused by name; raising the limit decodes it. A
 * work counter (the budget's estimate), not a heap measurement or a timing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { familyCodec } from '../codecs/families.js';
import { isWireError } from '../codecs/wire/errors.js';
import { DecodeBudget, DecodeLimitError } from '../codecs/wire/limits.js';
import { worstInputs } from './worst-inputs.js';

const SHAPES = [
  'gob-generic []struct{} of 64 K elements',
  'gob-generic []string of empty strings',
  'msgpack-value set(number) of int16',
  'json-value set(number) of distinct decimals',
  'msgpack-value set(number) of decimal strings',
  'rpc Prepare config: set(number) of distinct decimals',
];

const inputs = worstInputs();

for (const shape of SHAPES) {
  test(`${shape}: refused by maxRetainedBytes with the default limits; decodes when the caller raises it`, () => {
    const input = inputs.find((i) => `${i.family} ${i.name}` === shape);
    assert.ok(input, `no worst input named ${shape}`);
    const codec = familyCodec(input.family)!;
    try {
      codec.decode(input.bytes, input.ctx);
      assert.unreachable(`${shape} decoded`);
    } catch (e) {
      assert.ok(e instanceof DecodeLimitError && e.limit === 'maxRetainedBytes', String(e));
      assert.match((e as DecodeLimitError).reason, /limit maxRetainedBytes/);
    }
    const budget = new DecodeBudget({ maxRetainedBytes: 1e9 }, input.bytes.length);
    codec.decode(input.bytes, input.ctx, budget);
    // what the default limits would have allowed: 10 x input + the fixed allowance
    assert.ok(budget.retained > 10 * input.bytes.length + 512 * 1024, `estimate ${budget.retained}`);
  });
}

test('every worst input decodes or is refused with a WireError, never another exception', () => {
  for (const input of inputs) {
    try {
      familyCodec(input.family)!.decode(input.bytes, input.ctx);
    } catch (e) {
      assert.ok(isWireError(e), `${input.family} ${input.name}: ${String(e)}`);
    }
  }
});

test.run();
