/** The fuzzer's parts: integer encodings, mutators, the minimizer, the shapes' framing. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { be32, decimalText, gobUint, INTERESTING, leb128, msgpackCount } from './ints.js';
import { minimize } from './minimize.js';
import { havoc, inflateLength, type MutationEnv } from './mutate.js';
import { formatOf } from './formats.js';
import { Rng } from './rng.js';
import { skipMsgpack } from './shapes/msgpack.js';
import { nest } from './shapes/build.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('gob uint: the worked examples of encoding/gob doc.go', () => {
  // doc.go: "7 is transmitted as (07)", "256 is transmitted as (FE 01 00)".
  assert.is(hex(gobUint.write(7n)), '07');
  assert.is(hex(gobUint.write(256n)), 'fe0100');
  assert.equal(gobUint.read(Uint8Array.from([0xfe, 0x01, 0x00]), 0), { value: 256n, len: 3 });
});

test('every integer encoding reads back what it writes', () => {
  for (const codec of [gobUint, leb128, be32, msgpackCount, decimalText]) {
    for (const v of INTERESTING) {
      const max = codec === be32 ? 0xffffffffn : (1n << 64n) - 1n;
      const want = v > max ? max : v;
      const b = codec.write(v);
      const r = codec.read(b, 0);
      assert.equal(r && { value: r.value, len: r.len }, { value: want, len: b.length }, `${codec.name} ${v}`);
    }
  }
});

test('a msgpack count is rewritten in the same kind, widening as needed', () => {
  const fixarray1 = Uint8Array.of(0x91, 0xc0);
  assert.is(hex(msgpackCount.rewrite!(fixarray1, 0, 0xffffffffn)!), 'ddffffffff');
  assert.is(hex(msgpackCount.rewrite!(Uint8Array.of(0xa3), 0, 300n)!), 'da012c');
  assert.is(msgpackCount.rewrite!(Uint8Array.of(0xc0), 0, 1n), null);
});

test('skipMsgpack finds the end of one object', () => {
  // {"a": [1, "bc"]} then a trailing nil
  const b = Uint8Array.of(0x81, 0xa1, 0x61, 0x92, 0x01, 0xa2, 0x62, 0x63, 0xc0);
  assert.is(skipMsgpack(b, 0), 8);
  assert.is(skipMsgpack(b.subarray(0, 6), 0), -1);
});

test('nest writes length-prefixed levels inside out', () => {
  // each level: [length of inner], inner, [0xee]
  const out = nest(3, Uint8Array.of(0xaa), (inner) => [Uint8Array.of(inner), Uint8Array.of(0xee)]);
  assert.is(hex(out), '05' + '03' + '01' + 'aa' + 'ee' + 'ee' + 'ee');
});

const env = (seed: number): MutationEnv => {
  const rng = new Rng(seed);
  return { rng, format: formatOf('gob-generic'), maxLen: 64, other: () => Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) };
};

test('havoc is reproducible from its seed and keeps to maxLen', () => {
  const input = Uint8Array.from({ length: 40 }, (_, i) => i);
  const run = (seed: number): string[] => {
    const e = env(seed);
    return Array.from({ length: 200 }, () => hex(havoc(input, e)));
  };
  assert.equal(run(5), run(5));
  assert.not.equal(run(5), run(6));
  for (const h of run(9)) assert.ok(h.length / 2 <= 64, `${h.length / 2} bytes`);
});

test('inflateLength makes a length larger than what follows it', () => {
  // gob: message length 3, then 3 bytes
  const b = Uint8Array.of(0x03, 0x04, 0x00, 0x02);
  const e = env(1);
  let grew = false;
  for (let i = 0; i < 50 && !grew; i++) {
    const out = inflateLength(b, e);
    const r = out && gobUint.read(out, 0);
    if (r && r.value > 3n) grew = true;
  }
  assert.ok(grew);
});

test('minimize keeps only the bytes the failure needs', () => {
  const input = Uint8Array.from({ length: 300 }, (_, i) => (i === 123 ? 0xff : i === 250 ? 0xfe : i % 7));
  const still = (b: Uint8Array): boolean => b.includes(0xff) && b.includes(0xfe);
  assert.is(hex(minimize(input, still)), 'fffe');
});

test.run();
