import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { WireError } from '../wire/errors.js';
import {
  float64Bits,
  readGobBytes,
  readGobFloat64,
  readGobFloatBits,
  readGobInt,
  readGobInt64,
  readGobString,
  readGobUint,
  readGobUint64,
  writeGobBytes,
  writeGobFloat,
  writeGobFloatBits,
  writeGobInt,
  writeGobInt64,
  writeGobString,
  writeGobUint,
  writeGobUint64,
} from './wire.js';
import { fromHex, hex } from '../../testkit/vectors.js';

const reader = (b: Uint8Array) => new ByteReader(b, 'gob');
const bytesOf = (f: (w: ByteWriter) => void): Uint8Array => {
  const w = new ByteWriter(4);
  f(w);
  return w.finish();
};
const isGobError = (re: RegExp) => (e: unknown) => e instanceof WireError && e.codec === 'gob' && re.test(e.reason);

// ---- the worked examples of encoding/gob doc.go ("Encoding Details") ----

test('doc.go: unsigned 0 is (00), 7 is (07), 256 is (FE 01 00)', () => {
  assert.is(hex(bytesOf((w) => writeGobUint(w, 0))), hex(fromHex('00')));
  assert.is(hex(bytesOf((w) => writeGobUint(w, 7))), hex(fromHex('07')));
  assert.is(hex(bytesOf((w) => writeGobUint(w, 256))), hex(fromHex('fe 01 00')));
  assert.is(hex(bytesOf((w) => writeGobUint64(w, 256n))), hex(fromHex('fe 01 00')));
  assert.is(readGobUint(reader(fromHex('fe 01 00'))), 256);
  assert.is(readGobUint64(reader(fromHex('07'))), 7n);
});

test('doc.go: signed -129 encodes as (FE 01 01)', () => {
  assert.is(hex(bytesOf((w) => writeGobInt(w, -129))), hex(fromHex('fe 01 01')));
  assert.is(hex(bytesOf((w) => writeGobInt64(w, -129n))), hex(fromHex('fe 01 01')));
  assert.is(readGobInt(reader(fromHex('fe 01 01'))), -129);
  assert.is(readGobInt64(reader(fromHex('fe 01 01'))), -129n);
});

test('doc.go: float 17.0 is three bytes (FE 31 40)', () => {
  assert.is(hex(bytesOf((w) => writeGobFloat(w, 17))), hex(fromHex('fe 31 40')));
  assert.is(readGobFloatBits(reader(fromHex('fe 31 40'))), float64Bits(17));
});

test('doc.go: the Point example values 22 and 33 are (2c) and (42); a top-level int 3 is (06)', () => {
  assert.is(hex(bytesOf((w) => writeGobInt(w, 22))), '2c');
  assert.is(hex(bytesOf((w) => writeGobInt(w, 33))), '42');
  assert.is(hex(bytesOf((w) => writeGobInt(w, 3))), '06');
});

// ---- properties ----

const uint64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const int64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
const safeUint = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

test('property: unsigned round-trips, minimal length, number and bigint writers agree', () => {
  fc.assert(
    fc.property(uint64, (x) => {
      const b = bytesOf((w) => writeGobUint64(w, x));
      const r = reader(b);
      assert.is(readGobUint64(r), x);
      assert.is(r.remaining, 0);
      const byteLen = x === 0n ? 0 : (x.toString(16).length + 1) >> 1;
      assert.is(b.length, x < 128n ? 1 : 1 + byteLen);
    }),
  );
  fc.assert(
    fc.property(safeUint, (x) => {
      const a = bytesOf((w) => writeGobUint(w, x));
      assert.is(hex(a), hex(bytesOf((w) => writeGobUint64(w, BigInt(x)))));
      assert.is(readGobUint(reader(a)), x);
    }),
  );
});

test('property: signed round-trips; bit 0 is the complement flag', () => {
  fc.assert(
    fc.property(int64, (i) => {
      const b = bytesOf((w) => writeGobInt64(w, i));
      assert.is(readGobInt64(reader(b)), i);
      const u = readGobUint64(reader(b));
      assert.is((u & 1n) === 1n, i < 0n);
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (i) => {
      const b = bytesOf((w) => writeGobInt(w, i));
      assert.is(hex(b), hex(bytesOf((w) => writeGobInt64(w, BigInt(i)))));
      assert.is(readGobInt(reader(b)), i);
    }),
  );
});

/** Every value within 3 of ±2^k (k = 0..64): each byte count of every reader's fast paths and edges. */
const edges = (lo: bigint, hi: bigint): bigint[] => {
  const out: bigint[] = [];
  for (let k = 0n; k <= 64n; k++) {
    for (let d = -3n; d <= 3n; d++) for (const x of [(1n << k) + d, -(1n << k) + d]) if (x >= lo && x <= hi) out.push(x);
  }
  return out;
};

test('signed and unsigned values at every byte-count boundary, and all of -70000..70000, read back as written', () => {
  const w = new ByteWriter(16);
  for (const i of edges(-(1n << 63n), (1n << 63n) - 1n)) {
    w.reset();
    writeGobInt64(w, i);
    const b = w.finish();
    assert.is(readGobInt64(reader(b)), i, `int64 ${i}`);
    // The folded unsigned value: bit 0 flags a complement (doc.go), read by the unsigned reader.
    assert.is(readGobUint64(reader(b)), i < 0n ? (-i << 1n) - 1n : i << 1n, `folded ${i}`);
    if (i >= BigInt(Number.MIN_SAFE_INTEGER) && i <= BigInt(Number.MAX_SAFE_INTEGER)) {
      assert.is(readGobInt(reader(b)), Number(i), `int ${i}`);
      assert.is(hex(bytesOf((x) => writeGobInt(x, Number(i)))), hex(b), `number writer ${i}`);
    } else assert.throws(() => readGobInt(reader(b)), isGobError(/out of range/));
  }
  for (const x of edges(0n, (1n << 64n) - 1n)) {
    w.reset();
    writeGobUint64(w, x);
    const b = w.finish();
    assert.is(readGobUint64(reader(b)), x, `uint64 ${x}`);
    if (x <= BigInt(Number.MAX_SAFE_INTEGER)) assert.is(hex(bytesOf((y) => writeGobUint(y, Number(x)))), hex(b), `number writer ${x}`);
  }
  for (let i = -70000; i <= 70000; i++) {
    w.reset();
    writeGobInt(w, i);
    const r = reader(w.bytes());
    assert.is(readGobInt64(r), BigInt(i));
    assert.is(r.remaining, 0);
    assert.is(readGobInt(reader(w.bytes())), i);
  }
});

test('property: floats written from numbers and from bits are the same bytes', () => {
  fc.assert(
    fc.property(fc.double(), (f) => {
      const b = bytesOf((w) => writeGobFloat(w, f));
      assert.is(hex(b), hex(bytesOf((w) => writeGobFloatBits(w, float64Bits(f)))));
      const got = readGobFloat64(reader(b));
      assert.ok(Object.is(got, f) || (Number.isNaN(got) && Number.isNaN(f)));
    }),
  );
});

test('property: any float64 bit pattern (NaN payloads, -0) round-trips', () => {
  fc.assert(
    fc.property(uint64, (bits) => {
      const b = bytesOf((w) => writeGobFloatBits(w, bits));
      assert.is(readGobFloatBits(reader(b)), bits);
    }),
  );
});

test('property: strings and bytes are length then bytes', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme', minLength: 60, maxLength: 400 }), fc.string({ minLength: 60, maxLength: 400 })),
      (s) => {
        const b = bytesOf((w) => writeGobString(w, s));
        const n = new TextEncoder().encode(s).length;
        const r = reader(b);
        assert.is(readGobUint(r), n);
        assert.is(r.remaining, n);
        assert.is(readGobString(reader(b)), s);
      },
    ),
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (x) => {
      const b = bytesOf((w) => writeGobBytes(w, x));
      assert.is(hex(readGobBytes(reader(b))), hex(x));
    }),
  );
});

// ---- bad input ----

test('truncated and malformed integers are WireErrors with codec gob and offset', () => {
  assert.throws(() => readGobUint(reader(new Uint8Array(0))), isGobError(/truncated/));
  assert.throws(() => readGobUint64(reader(fromHex('fd 01 02'))), isGobError(/truncated unsigned/));
  // A byte count above 8 (first byte 0x80..0xf7) is not a gob unsigned.
  for (const b of [0x80, 0xf0, 0xf7]) assert.throws(() => readGobUint64(reader(Uint8Array.of(b, 1, 2, 3, 4, 5, 6, 7, 8, 9))), isGobError(/byte count/));
  try {
    readGobUint(reader(fromHex('05 fe 01')));
  } catch {
    assert.unreachable('a one-byte value must read');
  }
  const r = reader(fromHex('00 fe 01'));
  r.pos = 1;
  try {
    readGobUint(r);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, WireError);
    assert.is((e as WireError).offset, 1);
  }
});

test('values too large for a JS number are refused by the number readers, kept by the bigint readers', () => {
  const b = bytesOf((w) => writeGobUint64(w, 1n << 60n));
  assert.throws(() => readGobUint(reader(b)), isGobError(/too large/));
  assert.is(readGobUint64(reader(b)), 1n << 60n);
  assert.throws(() => readGobInt(reader(bytesOf((w) => writeGobInt64(w, -(1n << 62n))))), isGobError(/out of range/));
});

test('long strings between other values: the count fits its bytes whatever room was set aside', () => {
  const w = new ByteWriter(16);
  const strings = ['é'.repeat(50), 'x'.repeat(100), 'ü'.repeat(200), '€'.repeat(30000), 'y'.repeat(70)];
  for (const s of strings) {
    writeGobUint(w, 7);
    writeGobString(w, s);
  }
  writeGobUint(w, 9);
  const r = reader(w.finish());
  for (const s of strings) {
    assert.is(readGobUint(r), 7);
    const at = r.pos;
    assert.is(readGobString(r), s);
    const n = new TextEncoder().encode(s).length;
    assert.is(readGobUint(reader(w.finish().subarray(at))), n);
  }
  assert.is(readGobUint(r), 9);
  assert.is(r.remaining, 0);
});

test('lengths beyond the input and invalid UTF-8 are WireErrors', () => {
  assert.throws(() => readGobBytes(reader(fromHex('05 61 62'))), isGobError(/exceeds/));
  assert.throws(() => readGobString(reader(fromHex('fe 10 00 61'))), isGobError(/exceeds/));
  assert.throws(() => readGobString(reader(fromHex('02 c3 28'))), isGobError(/UTF-8/));
});

test('encoding refuses what Go cannot hold', () => {
  const w = new ByteWriter();
  assert.throws(() => writeGobUint64(w, 1n << 64n), isGobError(/64 bits/));
  assert.throws(() => writeGobInt64(w, 1n << 63n), isGobError(/64 bits/));
  assert.throws(() => writeGobUint(w, -1), isGobError(/non-negative/));
  assert.throws(() => writeGobString(w, 'a\ud800b'), isGobError(/surrogate/));
  assert.throws(() => writeGobString(w, 'x'.repeat(100) + '\udc00'), isGobError(/surrogate/));
  assert.throws(() => writeGobString(w, '\ud800' + 'é'.repeat(100)), isGobError(/surrogate/));
});

test.run();
