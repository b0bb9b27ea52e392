/**
 * math/big.Float's own GobEncode format (math/big floatmarsh.go), mapped exactly to CtyNumber:
 *
 *   byte 0      version (1)
 *   byte 1      mode<<5 | (acc+1)<<3 | form<<1 | neg     (form: 0 zero, 1 finite, 2 inf)
 *   bytes 2-5   prec, uint32 big-endian
 *   finite only:
 *   bytes 6-9   exp, int32 big-endian (value = 0.mantissa * 2^exp)
 *   bytes 10-   the mantissa's top words, 8 bytes each, big-endian, most significant bit set
 *
 * An empty buffer is Go's zero Float (prec 0). CtyNumber keeps an integer mantissa: a decoded
 * mantissa keeps all its bytes (trailing zero words included: its bit length is a multiple of
 * 64), so it re-encodes to the same bytes; a mantissa of any other bit length is written with
 * the fewest words that hold it.
 */
import { WireError } from '../wire/errors.js';
import { CtyNumber, MAX_PREC, ROUNDING_MODES, type Accuracy, type NumberForm } from '../cty/number.js';
import { ByteWriter } from '../wire/writer.js';
import { writeGobUint } from './wire.js';

const FORMS: readonly NumberForm[] = ['zero', 'finite', 'inf'];

const TWO_64 = 1n << 64n;
const TWO_32 = 2 ** 32;

/**
 * Bit length of x > 0: below 2^64 (cty numbers' usual one-word mantissas) from its two 32-bit
 * halves, else from its hex digits (a quarter of the binary string's work).
 */
const bitLength = (x: bigint): number => {
  if (x < TWO_64) {
    const hi = Number(x >> 32n);
    if (hi > 0) return 64 - Math.clz32(hi);
    const lo = Number(x);
    return lo >= TWO_32 ? 64 - Math.clz32(lo / TWO_32) : 32 - Math.clz32(lo);
  }
  const h = x.toString(16);
  return (h.length - 1) * 4 + (32 - Math.clz32(parseInt(h[0]!, 16)));
};

const word = new DataView(new ArrayBuffer(8));
const wordBytes = new Uint8Array(word.buffer);

/** b[from..] as a big-endian unsigned integer: the leading odd bytes, then 8 bytes at a time. */
function mantissa(b: Uint8Array, from: number): bigint {
  const lead = (b.length - from) % 8;
  for (let k = 0; k < 8; k++) wordBytes[k] = k < 8 - lead ? 0 : b[from + k - (8 - lead)]!;
  let m = lead > 0 ? word.getBigUint64(0) : 0n;
  for (let i = from + lead; i < b.length; i += 8) {
    for (let k = 0; k < 8; k++) wordBytes[k] = b[i + k]!;
    m = m === 0n ? word.getBigUint64(0) : (m << 64n) | word.getBigUint64(0);
  }
  return m;
}
export function decodeBigFloat(b: Uint8Array, offset = 0): CtyNumber {
  const bad = (reason: string, at = 0): never => {
    throw new WireError('gob', offset + at, `big.Float: ${reason}`);
  };
  if (b.length === 0) return new CtyNumber('zero', false, 0n, 0, 0, 'ToNearestEven', 0);
  if (b.length < 6) bad(`buffer too small (${b.length} bytes)`);
  if (b[0] !== 1) bad(`encoding version ${b[0]} not supported`);
  const m = b[1]!;
  const mode = ROUNDING_MODES[(m >> 5) & 7];
  if (mode === undefined) bad(`invalid rounding mode ${(m >> 5) & 7}`, 1);
  const accBits = (m >> 3) & 3;
  if (accBits === 3) bad('invalid accuracy', 1);
  const acc = (accBits - 1) as Accuracy;
  const form = FORMS[(m >> 1) & 3];
  if (form === undefined) bad('invalid form', 1);
  const neg = (m & 1) === 1;
  const prec = ((b[2]! << 24) | (b[3]! << 16) | (b[4]! << 8) | b[5]!) >>> 0;
  if (prec > MAX_PREC) bad(`precision ${prec} exceeds the limit of ${MAX_PREC} bits`, 2);
  if (form !== 'finite') {
    if (b.length !== 6) bad(`${b.length - 6} unexpected bytes after a ${form} value`, 6);
    return new CtyNumber(form!, neg, 0n, 0, prec, mode!, acc);
  }
  if (b.length < 10) bad('buffer too small for finite form float');
  const exp = (b[6]! << 24) | (b[7]! << 16) | (b[8]! << 8) | b[9]!; // int32
  // The mantissa's bit length from its first non-zero byte; its value a word at a time.
  let i0 = 10;
  while (i0 < b.length && b[i0] === 0) i0++;
  if (i0 === b.length) bad('nonzero finite number with empty mantissa', 10);
  const bl = (b.length - i0) * 8 - (Math.clz32(b[i0]!) - 24);
  const mant = mantissa(b, i0);
  if (bl % 64 !== 0) bad('msb not set in last word', 10);
  if (prec === 0) bad('zero precision finite number', 2);
  return new CtyNumber('finite', neg, mant, exp - bl, prec, mode!, acc);
}

/** The GobEncode bytes of n. */
export function encodeBigFloat(n: CtyNumber): Uint8Array {
  const w = new ByteWriter(32);
  writeBigFloat(w, n, false);
  return w.finish();
}

/** The GobEncode bytes of n written into w as a gob byte string (count, then the bytes). */
export function writeBigFloatBytes(w: ByteWriter, n: CtyNumber): void {
  writeBigFloat(w, n, true);
}

/**
 * Writes n's GobEncode bytes into w, after their gob count when `counted`. A mantissa below 2^64
 * (every decoded cty number of up to 64 bits of precision) is normalised in two 32-bit halves,
 * with no bigint arithmetic; longer ones a word at a time.
 */
function writeBigFloat(w: ByteWriter, n: CtyNumber, counted: boolean): void {
  const bad = (reason: string): never => {
    throw new WireError('gob', 0, `big.Float: ${reason}`);
  };
  const mode = ROUNDING_MODES.indexOf(n.mode);
  if (mode < 0) bad(`unknown rounding mode ${String(n.mode)}`);
  if (n.acc !== -1 && n.acc !== 0 && n.acc !== 1) bad(`bad accuracy ${String(n.acc)}`);
  const form = FORMS.indexOf(n.form);
  if (form < 0) bad(`bad form ${String(n.form)}`);
  if (!Number.isInteger(n.prec) || n.prec < 0 || n.prec > MAX_PREC) bad(`precision ${n.prec} out of range (limit ${MAX_PREC} bits)`);
  const finite = n.form === 'finite';
  let words = 0;
  let mant = 0n;
  let hi = 0;
  let lo = 0;
  /** The mantissa is the one word hi:lo (else `mant`, `words` words). */
  let halves = false;
  let exp = 0;
  if (finite) {
    if (n.mant <= 0n) bad('finite number needs a positive mantissa');
    if (n.prec === 0) bad('zero precision finite number');
    if (n.mant < TWO_64) {
      // One word (the precision needs at least one, so nothing is cut off).
      word.setBigUint64(0, n.mant);
      hi = word.getUint32(0);
      lo = word.getUint32(4);
      const bl = hi !== 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(lo);
      const shift = 64 - bl;
      if (shift >= 32) {
        hi = (lo << (shift - 32)) >>> 0;
        lo = 0;
      } else if (shift > 0) {
        hi = ((hi << shift) | (lo >>> (32 - shift))) >>> 0;
        lo = (lo << shift) >>> 0;
      }
      words = 1;
      halves = true;
      exp = n.exp + bl;
    } else {
      const bl = bitLength(n.mant);
      words = Math.ceil(bl / 64);
      mant = n.mant << BigInt(words * 64 - bl);
      exp = n.exp + bl;
      // Go writes at most the words the precision needs; anything cut off must be zero.
      const need = Math.ceil(n.prec / 64);
      if (words > need) {
        const cut = BigInt((words - need) * 64);
        if (mant & ((1n << cut) - 1n)) bad(`mantissa has more bits than precision ${n.prec}`);
        mant >>= cut;
        words = need;
      }
    }
    if (!Number.isInteger(exp) || exp < -0x80000000 || exp > 0x7fffffff) bad(`exponent ${exp} out of range`);
  }
  const size = 6 + (finite ? 4 + words * 8 : 0);
  if (counted) writeGobUint(w, size);
  w.ensure(size);
  const b = w.buf;
  const p = w.pos;
  b[p] = 1;
  b[p + 1] = (mode << 5) | ((n.acc + 1) << 3) | (form << 1) | (n.neg ? 1 : 0);
  putUint32(b, p + 2, n.prec >>> 0);
  if (finite) {
    putUint32(b, p + 6, exp >>> 0);
    if (halves) {
      putUint32(b, p + 10, hi);
      putUint32(b, p + 14, lo);
    } else {
      // A word at a time, least significant last.
      for (let i = p + size - 8; i >= p + 10; i -= 8) {
        word.setBigUint64(0, BigInt.asUintN(64, mant));
        for (let k = 0; k < 8; k++) b[i + k] = wordBytes[k]!;
        mant >>= 64n;
      }
    }
  }
  w.pos = p + size;
}

function putUint32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}
