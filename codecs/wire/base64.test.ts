import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { base64Decode, base64Encode } from './base64.js';

test('base64Encode writes what Node (RFC 4648 padded standard base64) writes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 70 }), (b) => {
      assert.is(base64Encode(b), Buffer.from(b).toString('base64'));
      assert.equal(base64Decode(base64Encode(b)), b);
    }),
    { numRuns: 2000 },
  );
});

test('base64Decode refuses what is not padded standard base64', () => {
  for (const s of ['a', 'ab', 'abc', 'ab=c', 'a===', '====', 'ab-_', 'abcd=', 'ab\u00e9d', 'a=bc']) assert.is(base64Decode(s), undefined, s);
  assert.equal(base64Decode(''), new Uint8Array(0));
  // Unused low bits of the last character are ignored, as Go's (non-strict) StdEncoding does.
  assert.equal(base64Decode('YR=='), new Uint8Array([0x61]));
});

test.run();
