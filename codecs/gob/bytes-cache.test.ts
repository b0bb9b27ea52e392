import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BytesCache, hashBytes } from './bytes-cache.js';

/** 900 keys of 300 bytes that differ only in a few middle bytes, as renamed type streams do. */
function keys(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let n = 0; n < 900; n++) {
    const k = new Uint8Array(300).fill(0x61);
    k[140] = 0x61 + (n % 26);
    k[141] = 0x61 + (Math.floor(n / 26) % 26);
    k[143] = 0x30 + Math.floor(n / 676);
    out.push(k);
  }
  return out;
}

test('hashBytes depends on every byte: keys differing in the middle spread', () => {
  const hs = new Set(keys().map((k) => hashBytes(k, 0, k.length)));
  assert.ok(hs.size >= 895, `${hs.size} distinct hashes of 900 keys`);
});

test('hashBytes of a range equals the hash of a copy of that range', () => {
  const b = new Uint8Array(64).map((_, i) => i * 7);
  for (const [s, e] of [
    [0, 64],
    [3, 10],
    [5, 5],
    [1, 62],
  ] as const)
    assert.is(hashBytes(b, s, e), hashBytes(b.slice(s, e), 0, e - s));
  assert.is.not(hashBytes(new Uint8Array([1, 2, 3]), 0, 3), hashBytes(new Uint8Array([1, 2, 3, 0]), 0, 4));
});

test('BytesCache finds every one of many similar keys', () => {
  const c = new BytesCache<number>(2048, 1 << 16);
  const ks = keys();
  ks.forEach((k, i) => c.set(k, i));
  ks.forEach((k, i) => assert.is(c.get(k), i));
  assert.is(c.get(new Uint8Array(300)), undefined);
});

test.run();
