/**
 * A deliberately broken codec for testing the fuzzer itself: the first byte of the input picks
 * the misbehaviour, so each kind of finding can be provoked on purpose.
 */
import type { FamilyCodec } from '../../codecs/family.js';
import { WireError } from '../../codecs/wire/errors.js';

export const BAD = {
  VALUE: 0x00,
  WIRE_ERROR: 0x01,
  TYPE_ERROR: 0x02,
  RECURSE: 0x03,
  BAD_OFFSET: 0x04,
  RETAIN: 0x05,
  SPIN: 0x06,
  EXHAUST: 0x07,
  CANONICAL_THROWS: 0x08,
} as const;

let sink: unknown;

function recurse(n: number): number {
  return recurse(n + 1) + 1;
}

export const codec: FamilyCodec<Uint8Array> = {
  family: 'gob-generic',
  decode(b) {
    switch (b[0]) {
      case BAD.VALUE:
      case BAD.CANONICAL_THROWS:
        return b;
      case BAD.TYPE_ERROR:
        return (null as unknown as { x: Uint8Array }).x;
      case BAD.RECURSE:
        return new Uint8Array(recurse(0));
      case BAD.BAD_OFFSET:
        throw new WireError('gob', b.length + 100, 'offset past the end');
      case BAD.RETAIN:
        // 8 MiB on the JS heap itself (a typed array's backing store is external memory, which V8 accounts lazily).
        return new Array(1 << 20).fill(1.5) as unknown as Uint8Array; // a deliberately wrong model
      case BAD.SPIN:
        for (;;) sink = b;
      case BAD.EXHAUST: {
        const all: number[][] = [];
        for (;;) all.push(new Array(1 << 16).fill(b.length));
      }
      default:
        throw new WireError('gob', 0, 'not one of the test bytes');
    }
  },
  encode: (m) => m,
  toCanonical(m) {
    if (m[0] === BAD.CANONICAL_THROWS) throw new TypeError('canonical broke');
    return { len: m.length };
  },
  fromCanonical: () => new Uint8Array(0),
};
export { sink };
