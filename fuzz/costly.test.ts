/**
 * Bounds on valid but costly input (issue 16), asserted with counters or margins far from any
 * machine's speed. The refusals themselves are hostile vectors (hostile.test.ts); these are the
 * shapes whose answer is a value or an internal state, not a WireError.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { familyCodec } from '../codecs/families.js';
import { decode } from '../codecs/api.js';
import { isWireError } from '../codecs/wire/errors.js';
import { DecodeLimitError } from '../codecs/wire/limits.js';
import { compiledCacheBytes, MAX_COMPILED_BYTES } from '../codecs/gob/compiled.js';
import { gobEncoder, goStruct } from '../codecs/gob/gotype.js';
import { decodeGob } from '../codecs/gob/decoder.js';
import { encodeGob } from '../codecs/gob/encoder.js';
import { goTypeByName, MAX_POINTER_LEVELS } from '../codecs/rpc/messages.js';
import { bytes } from './shapes/build.js';
import { defineMap, defineStruct, gobInt, gobString, gobUint, message } from './shapes/gob.js';
import { loadSeeds } from './corpus.js';
import { DEFAULT_VECTORS_DIR } from './corpus.js';

const utf8 = new TextEncoder();

test('shape 2: a set(number) of 2,000 numbers sharing one set hash builds in O(n log n)', () => {
  // Every number prints as "1" at %g 10 digits, so all fall in one crc32 bucket; the quadratic
  // pairwise comparison (each formatting both numbers) took over 30 s for these 38 KB.
  const n = 2000;
  const json = `[${Array.from({ length: n }, (_, i) => `1.0000000000${String(i).padStart(8, '0')}`).join(',')}]`;
  const t = performance.now();
  const v = decode('json-value', utf8.encode(json), { type: ['set', 'number'] }) as { value: unknown[] };
  const ms = performance.now() - t;
  assert.is(v.value.length, n);
  assert.ok(ms < 15_000, `took ${ms} ms`);
});

test('shape 2: equal numbers in one bucket are still dropped as go-cty drops them', () => {
  const v = decode('json-value', utf8.encode('[1, 1.0, 1e0, 10e-1, 2]'), { type: ['set', 'number'] }) as { value: unknown[] };
  assert.equal(v.value, [{ $number: '1' }, { $number: '2' }]);
});

test('shape 1: numbers past maxNumberExponent are refused, within it accepted, and the limit can be raised', () => {
  const ctx = { type: 'number' };
  assert.equal(decode('json-value', utf8.encode('1e-1000'), ctx), { type: 'number', value: { $number: '0.' + '0'.repeat(999) + '1' } });
  try {
    decode('json-value', utf8.encode('1e-1001'), ctx);
    assert.unreachable('1e-1001 decoded');
  } catch (e) {
    assert.ok(e instanceof DecodeLimitError && e.limit === 'maxNumberExponent', String(e));
  }
  const v = decode('json-value', utf8.encode('1e-1001'), ctx, { maxNumberExponent: 2000 }) as { value: { $number: string } };
  assert.is(v.value.$number.length, 1003);
});

test('shape 3 and 11: the value cap is per decode call; a caller who trusts the input raises it', () => {
  const n = 100_000;
  const b = new Uint8Array(5 + n).fill(1);
  b.set([0xdd, 0, 1, 0x86, 0xa0]);
  try {
    familyCodec('msgpack-value')!.decode(b, { type: ['list', 'number'] });
    assert.unreachable('decoded');
  } catch (e) {
    assert.ok(e instanceof DecodeLimitError && e.limit === 'maxValues', String(e));
  }
  const v = familyCodec('msgpack-value')!.decode(b, { type: ['list', 'number'] }, { maxValues: 200_000, maxRetainedBytes: 1e9 }) as { raw: unknown[] };
  assert.is(v.raw.length, n);
});

test('shape 4: the gob compiled-decoder cache stays bounded in bytes under fat type definitions', () => {
  // Each spec defines BlockSpec with 200 extra (ignored) fields of 200-byte names, all different:
  // ~40 KB of definitions a spec, none of them shared.
  const FIRST = 65;
  let max = 0;
  for (let k = 0; k < 120; k++) {
    const extra: [string, number][] = Array.from({ length: 200 }, (_, i) => [`F${k}_${i}_${'x'.repeat(190)}`, 6]);
    const block = defineStruct(FIRST + 1, 'BlockSpec', [['TypeName', 6], ['Nested', 8], ['Required', 1], ...extra]);
    const value = bytes(1, gobString('b'), 0);
    const input = bytes(
      defineMap(FIRST, 'ObjectSpec', 6, 8),
      block,
      message(gobInt(FIRST), 0, 1, gobString('a'), gobString('*hcldec.BlockSpec'), gobInt(FIRST + 1), gobUint(value.length), value),
    );
    familyCodec('gob-spec')!.decode(input, {});
    max = Math.max(max, compiledCacheBytes());
  }
  assert.ok(max > 1 << 20, `the cache held only ${max} bytes: the inputs did not exercise it`);
  assert.ok(max <= MAX_COMPILED_BYTES + (1 << 20), `the cache held ${max} bytes (bound ${MAX_COMPILED_BYTES})`);
});

test('shape 9: a nested gob decoder throwing an internal error is not relabelled as a WireError', () => {
  const boom = gobEncoder<unknown>('Boom', {
    encode: () => Uint8Array.of(1, 2, 3),
    decode: () => {
      throw new TypeError('internal bug');
    },
  });
  const holder = goStruct('Holder', { B: boom });
  const b = encodeGob(holder, { B: 'anything' });
  try {
    decodeGob(holder, b);
    assert.unreachable('decoded');
  } catch (e) {
    assert.ok(e instanceof TypeError && !isWireError(e), `got ${String(e)}`);
  }
});

test('shape 8: an rpc bodyType of 20,000 "*" is a WireError naming the limit, not a recursion', () => {
  try {
    goTypeByName('*'.repeat(20_000) + 'string');
    assert.unreachable('resolved');
  } catch (e) {
    assert.ok(isWireError(e) && e.reason.includes('MAX_POINTER_LEVELS'), String(e));
  }
  assert.ok(goTypeByName('*'.repeat(MAX_POINTER_LEVELS) + 'string') !== undefined);
  const seed = loadSeeds(DEFAULT_VECTORS_DIR, 'rpc').find((s) => s.ctx['direction'] === 'request')!;
  try {
    familyCodec('rpc')!.decode(seed.bytes, { ...seed.ctx, serviceMethod: undefined, bodyType: '*'.repeat(20_000) + 'string' });
  } catch (e) {
    assert.ok(isWireError(e), String(e));
  }
});

test.run();
