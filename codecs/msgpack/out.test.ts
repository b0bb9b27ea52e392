/**
 * Slab outputs: every result keeps its bytes whatever is encoded after it (no two results share
 * a byte), errors count offsets from the message's own start, and large or re-entrant messages
 * still come out whole.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { ByteWriter } from '../wire/writer.js';
import { WireError } from '../wire/errors.js';
import { SlabWriter, takeBytes } from './out.js';

/** Writes `len` bytes derived from `seed`, failing at byte `failAt` when given. */
function fill(w: ByteWriter, seed: number, len: number, failAt: number | undefined): void {
  for (let i = 0; i < len; i++) {
    if (i === failAt) throw new WireError('rpc', w.pos, 'planned failure');
    w.writeByte((seed * 31 + i) & 0xff);
  }
}
const expected = (seed: number, len: number) => Uint8Array.from({ length: len }, (_, i) => (seed * 31 + i) & 0xff);

/** Message lengths: mostly small, some past the slab size. */
const lengths = fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 600 }) }, { weight: 1, arbitrary: fc.integer({ min: 4000, max: 140_000 }) });

test('SlabWriter: results keep their bytes while later messages are written, and never overlap', () => {
  fc.assert(
    fc.property(fc.array(lengths, { minLength: 1, maxLength: 60 }), (lens) => {
      const slab = new SlabWriter('rpc');
      const outs = lens.map((len, seed) => slab.write(fill, seed, len, undefined));
      outs.forEach((o, seed) => assert.equal(o, expected(seed, lens[seed]!), `message ${seed}`));
      const spans = outs.filter((o) => o.length > 0).map((o) => ({ b: o.buffer, from: o.byteOffset, to: o.byteOffset + o.length }));
      for (let i = 0; i < spans.length; i++)
        for (let j = i + 1; j < spans.length; j++) {
          const a = spans[i]!;
          const b = spans[j]!;
          assert.ok(a.b !== b.b || a.to <= b.from || b.to <= a.from, `messages ${i} and ${j} share bytes`);
        }
    }),
    { numRuns: 200 },
  );
});

test('SlabWriter: an error names the offset within its message, and the next message is unharmed', () => {
  const slab = new SlabWriter('rpc');
  const first = slab.write(fill, 1, 100, undefined);
  try {
    slab.write(fill, 2, 50, 7);
    assert.unreachable('no error');
  } catch (e) {
    assert.instance(e, WireError);
    assert.is((e as WireError).offset, 7);
    assert.is((e as WireError).reason, 'planned failure');
  }
  const third = slab.write(fill, 3, 20, undefined);
  assert.equal(first, expected(1, 100));
  assert.equal(third, expected(3, 20));
});

test('SlabWriter: an encoder that calls back into the same writer gets whole, separate results', () => {
  const slab = new SlabWriter('rpc');
  let inner: Uint8Array | undefined;
  const outer = slab.write(
    (w: ByteWriter, seed: number, len: number) => {
      fill(w, seed, len, undefined);
      inner = slab.write(fill, 9, 30, undefined);
      fill(w, seed + 1, len, undefined);
    },
    4,
    10,
    undefined,
  );
  assert.equal(inner, expected(9, 30));
  assert.equal(outer, Uint8Array.from([...expected(4, 10), ...expected(5, 10)]));
});

test('takeBytes: a private copy of what the writer holds, small or large', () => {
  fc.assert(
    fc.property(fc.array(lengths, { minLength: 1, maxLength: 40 }), (lens) => {
      const w = new ByteWriter(16);
      const outs = lens.map((len, seed) => {
        w.reset();
        fill(w, seed, len, undefined);
        return takeBytes(w);
      });
      outs.forEach((o, seed) => assert.equal(o, expected(seed, lens[seed]!), `message ${seed}`));
    }),
    { numRuns: 100 },
  );
});

test.run();
