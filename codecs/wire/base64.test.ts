import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { base64Decode, base64Encode } from './base64.js';

// Node's own base64 is the reference here (RFC 4648 standard alphabet with padding, as Go's StdEncoding).
const nodeB64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

test('RFC 4648 test vectors', () => {
  const cases: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
  for (const [plain, enc] of cases) {
    const b = new TextEncoder().encode(plain);
    assert.is(base64Encode(b), enc);
    assert.equal(base64Decode(enc), b);
  }
});

test('encode and decode agree with Node on any bytes, including a subarray view', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(3), (b, off) => {
      const view = new Uint8Array(new Uint8Array([...new Array<number>(off).fill(7), ...b]).buffer, off, b.length);
      const s = base64Encode(view);
      assert.is(s, nodeB64(b));
      assert.equal(base64Decode(s), b);
    }),
    { seed: 14, numRuns: 500 },
  );
});

test('non-zero leftover bits in the last character are ignored (as Go StdEncoding and Node do)', () => {
  assert.equal(base64Decode('Zh=='), new Uint8Array(Buffer.from('Zh==', 'base64')));
  assert.equal(base64Decode('Zm9='), new Uint8Array(Buffer.from('Zm9=', 'base64')));
});

test.run();
