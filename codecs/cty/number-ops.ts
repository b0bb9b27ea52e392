/**
 * Exact arithmetic on CtyNumber with the rounding behaviour of Go's math/big.Float: rounding to a
 * precision in a mode with accuracy, the constructors go-cty uses (SetInt64, SetUint64,
 * SetFloat64), multiplication and division (what big.ParseFloat is built from), comparison and
 * the exactness tests go-cty's msgpack marshaller makes (Int64, Float64).
 *
 * All mantissas are bigints; results are normalised (odd mantissa) so value equality is cheap.
 * A number's "Go exponent" is bitLen(mant) + exp: the exponent of Go's 0.1xxx mantissa layout,
 * which must stay within int32 (else Go overflows to Inf or underflows to zero).
 */
import { CtyNumber, SHORT_DECIMAL, type Accuracy, type RoundingMode } from './number.js';

export const MIN_EXP = -2147483648;
export const MAX_EXP = 2147483647;

const TWO_POW_1023 = 1n << 1023n;

/** Number of bits in m (m >= 0). */
export function bitLen(m: bigint): number {
  if (m < 0x20000000000000n) {
    const n = Number(m);
    if (n === 0) return 0;
    if (n < 0x100000000) return 32 - Math.clz32(n);
    return 32 + (32 - Math.clz32(Math.floor(n / 0x100000000)));
  }
  if (m < TWO_POW_1023) {
    // Number(m) rounds to nearest, so its binary exponent E is bitLen(m) - 1, except when m
    // rounded up to a power of two (then m may lie just below 2^E): only that case needs a bigint.
    const d = Number(m);
    const e = float64Exponent(d);
    if (d === 2 ** e && m < 1n << BigInt(e)) return e;
    return e + 1;
  }
  const s = m.toString(16);
  return (s.length - 1) * 4 + (32 - Math.clz32(parseInt(s[0]!, 16)));
}

/** The binary exponent E of a finite double d >= 2^53 (2^E <= d < 2^(E+1)): log2 corrected by exact power-of-two comparisons. */
function float64Exponent(d: number): number {
  let e = Math.floor(Math.log2(d));
  if (2 ** e > d) e--;
  else if (2 ** (e + 1) <= d) e++;
  return e;
}

/** Number of trailing zero bits of m (m > 0). */
export function trailingZeros(m: bigint): number {
  return bitLen(m & -m) - 1;
}

/** A finite number from an arbitrary positive mantissa, normalised to an odd mantissa. */
function finite(neg: boolean, mant: bigint, exp: number, prec: number, mode: RoundingMode, acc: Accuracy): CtyNumber {
  if ((mant & 1n) === 0n) {
    const tz = trailingZeros(mant);
    mant >>= BigInt(tz);
    exp += tz;
  }
  return new CtyNumber('finite', neg, mant, exp, prec, mode, acc);
}

export const zeroNumber = (neg: boolean, prec: number, mode: RoundingMode = 'ToNearestEven', acc: Accuracy = 0): CtyNumber =>
  new CtyNumber('zero', neg, 0n, 0, prec, mode, acc);

export const infNumber = (neg: boolean, prec: number, mode: RoundingMode = 'ToNearestEven', acc: Accuracy = 0): CtyNumber =>
  new CtyNumber('inf', neg, 0n, 0, prec, mode, acc);

/** Go's `makeAcc(above)`. */
const makeAcc = (above: boolean): Accuracy => (above ? 1 : -1);

/**
 * Go's `setExpAndRound` + `round`: the exact value (-1)^neg * mant * 2^exp, with `sticky` set when
 * nonzero bits below mant were already cut off, rounded to prec bits in mode.
 */
export function roundNumber(neg: boolean, mant: bigint, exp: number, prec: number, mode: RoundingMode, sticky = false): CtyNumber {
  if (mant === 0n) return zeroNumber(neg, prec, mode);
  const len = bitLen(mant);
  const goExp = len + exp;
  if (goExp < MIN_EXP) return zeroNumber(neg, prec, mode, makeAcc(neg));
  if (goExp > MAX_EXP) return infNumber(neg, prec, mode, makeAcc(!neg));
  // Go leaves a mantissa that fits untouched (and Exact), whatever the sticky bit says.
  if (len <= prec) return finite(neg, mant, exp, prec, mode, 0);
  let shift = len - prec;
  let kept = mant >> BigInt(shift);
  const rbit = ((mant >> BigInt(shift - 1)) & 1n) === 1n;
  const sbit = sticky || (shift > 1 && (mant & ((1n << BigInt(shift - 1)) - 1n)) !== 0n);
  if (!rbit && !sbit) return finite(neg, kept, exp + shift, prec, mode, 0);
  let inc = false;
  switch (mode) {
    case 'ToNegativeInf':
      inc = neg;
      break;
    case 'ToZero':
      break;
    case 'ToNearestEven':
      inc = rbit && (sbit || (kept & 1n) === 1n);
      break;
    case 'ToNearestAway':
      inc = rbit;
      break;
    case 'AwayFromZero':
      inc = true;
      break;
    case 'ToPositiveInf':
      inc = !neg;
      break;
  }
  const acc = makeAcc(inc !== neg);
  if (inc) {
    kept += 1n;
    if (bitLen(kept) > prec) {
      if (goExp >= MAX_EXP) return infNumber(neg, prec, mode, acc);
      kept >>= 1n;
      shift++;
    }
  }
  return finite(neg, kept, exp + shift, prec, mode, acc);
}

/** The same value with another precision/mode, rounded as Go's `SetPrec` + `SetMode` would. */
export function withPrec(x: CtyNumber, prec: number, mode: RoundingMode = x.mode): CtyNumber {
  if (x.form !== 'finite') return new CtyNumber(x.form, x.neg, 0n, 0, prec, mode, 0);
  return roundNumber(x.neg, x.mant, x.exp, prec, mode);
}

/**
 * A nonzero integer v < 2^53 rounded to prec in mode, as roundNumber would make it, without big
 * arithmetic on the way (trailing zeros are taken off in doubles, which hold v exactly).
 */
export function numberFromSafeInteger(neg: boolean, v: number, prec: number, mode: RoundingMode): CtyNumber {
  if (prec < 53) return roundNumber(neg, BigInt(v), 0, prec, mode);
  let tz = 0;
  while (v % 4294967296 === 0) {
    v /= 4294967296;
    tz += 32;
  }
  const low = (v % 4294967296) | 0;
  const t = 31 - Math.clz32(low & -low);
  return new CtyNumber('finite', neg, BigInt(v / 2 ** t), tz + t, prec, mode, 0);
}

/** The small integers most inputs are full of: one shared, frozen number each (precision 64). */
const SMALL_MIN = -128;
const SMALL_MAX = 255;
const SMALL_INT64: readonly CtyNumber[] = Array.from({ length: SMALL_MAX - SMALL_MIN + 1 }, (_, i) => Object.freeze(int64Number(BigInt(i + SMALL_MIN))));

/** `new(big.Float).SetInt64(v)`: precision 64, exact. */
export function numberFromInt64(v: bigint): CtyNumber {
  return v >= SMALL_MIN && v <= SMALL_MAX ? SMALL_INT64[Number(v) - SMALL_MIN]! : int64Number(v);
}

function int64Number(v: bigint): CtyNumber {
  const neg = v < 0n;
  const a = neg ? -v : v;
  if (a === 0n) return zeroNumber(false, 64);
  return finite(neg, a, 0, 64, 'ToNearestEven', 0);
}

/** `new(big.Float).SetUint64(v)`: precision 64, exact. */
export function numberFromUint64(v: bigint): CtyNumber {
  if (v <= SMALL_MAX) return SMALL_INT64[Number(v) - SMALL_MIN]!;
  return finite(false, v, 0, 64, 'ToNearestEven', 0);
}

const f64 = new DataView(new ArrayBuffer(8));

/** `new(big.Float).SetFloat64(x)`: precision 53, exact; -0 and ±Inf kept. NaN is refused by the caller. */
export function numberFromFloat64(x: number): CtyNumber {
  f64.setFloat64(0, x);
  const hi = f64.getUint32(0);
  const lo = f64.getUint32(4);
  const neg = hi >>> 31 === 1;
  const bexp = (hi >>> 20) & 0x7ff;
  if (bexp === 0x7ff) return infNumber(neg, 53); // NaN never reaches here
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (bexp === 0 && mant === 0n) return zeroNumber(neg, 53);
  let exp: number;
  if (bexp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = bexp - 1075;
  }
  return finite(neg, mant, exp, 53, 'ToNearestEven', 0);
}

/** z.Mul(x, y) where z has precision prec and mode (Go panics on 0 * Inf; so do we, as a WireError upstream). */
export function mulNumbers(x: CtyNumber, y: CtyNumber, prec: number, mode: RoundingMode): CtyNumber {
  const neg = x.neg !== y.neg;
  if (x.form === 'finite' && y.form === 'finite') return roundNumber(neg, x.mant * y.mant, x.exp + y.exp, prec, mode);
  if ((x.form === 'zero' && y.form === 'inf') || (x.form === 'inf' && y.form === 'zero')) throw new RangeError('multiplication of zero with infinity');
  if (x.form === 'inf' || y.form === 'inf') return infNumber(neg, prec, mode);
  return zeroNumber(neg, prec, mode);
}

/** z.Quo(x, y) where z has precision prec and mode: the exact quotient correctly rounded. */
export function quoNumbers(x: CtyNumber, y: CtyNumber, prec: number, mode: RoundingMode): CtyNumber {
  const neg = x.neg !== y.neg;
  if (x.form === 'finite' && y.form === 'finite') {
    // Enough quotient bits for a rounding bit, plus a sticky bit from the remainder.
    const k = Math.max(0, prec + 2 + bitLen(y.mant) - bitLen(x.mant));
    const num = x.mant << BigInt(k);
    const q = num / y.mant;
    const sticky = q * y.mant !== num;
    return roundNumber(neg, q, x.exp - y.exp - k, prec, mode, sticky);
  }
  if ((x.form === 'zero' && y.form === 'zero') || (x.form === 'inf' && y.form === 'inf'))
    throw new RangeError('division of zero by zero or infinity by infinity');
  if (x.form === 'zero' || y.form === 'inf') return zeroNumber(neg, prec, mode);
  return infNumber(neg, prec, mode);
}

/** Go's Cmp: -1, 0, +1 (−0 == +0, infinities equal themselves). */
export function compareNumbers(a: CtyNumber, b: CtyNumber): -1 | 0 | 1 {
  // Two short decimals of one precision are ordered as their values (number.ts, SHORT_DECIMAL).
  const da = a[SHORT_DECIMAL];
  const db = b[SHORT_DECIMAL];
  if (da !== undefined && db !== undefined && a.prec === b.prec) {
    if (a.neg !== b.neg) return a.neg ? -1 : 1;
    const c = da.exp !== db.exp ? (da.exp < db.exp ? -1 : 1) : da.digits === db.digits ? 0 : da.digits < db.digits ? -1 : 1;
    return a.neg ? (-c as -1 | 0 | 1) : c;
  }
  // Two values that are doubles (mantissas of at most 53 bits, exponents that keep them normal).
  const fa = exactDouble(a);
  if (fa !== undefined) {
    const fb = exactDouble(b);
    if (fb !== undefined) return fa < fb ? -1 : fa > fb ? 1 : 0;
  }
  const oa = ord(a);
  const ob = ord(b);
  if (oa !== ob) return oa < ob ? -1 : 1;
  if (oa === 1) return ucmp(a, b);
  if (oa === -1) return ucmp(b, a);
  return 0;
}

const MANT_53 = 1n << 53n;

/** A finite or zero number's value as a double when that is exact and normal (cheap to tell), else undefined. */
export function exactDouble(x: CtyNumber): number | undefined {
  if (x.form === 'zero') return 0;
  if (x.form !== 'finite' || x.mant >= MANT_53 || x.exp < -1022 || x.exp > 970) return undefined;
  const v = Number(x.mant) * 2 ** x.exp;
  return x.neg ? -v : v;
}

function ord(x: CtyNumber): number {
  const m = x.form === 'finite' ? 1 : x.form === 'inf' ? 2 : 0;
  return x.neg ? -m : m;
}

function ucmp(a: CtyNumber, b: CtyNumber): -1 | 0 | 1 {
  const ea = bitLen(a.mant) + a.exp;
  const eb = bitLen(b.mant) + b.exp;
  if (ea !== eb) return ea < eb ? -1 : 1;
  // Same magnitude exponent: align the mantissas.
  const d = a.exp - b.exp;
  const ma = d > 0 ? a.mant << BigInt(d) : a.mant;
  const mb = d < 0 ? b.mant << BigInt(-d) : b.mant;
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** The value as an int64 when Go's `Int64()` reports Exact (zero included), else undefined. */
export function exactInt64(x: CtyNumber): bigint | undefined {
  if (x.form === 'zero') return 0n;
  if (x.form !== 'finite' || x.exp < 0) return undefined;
  if (x.exp > 64) return undefined;
  const v = (x.neg ? -x.mant : x.mant) << BigInt(x.exp);
  return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
}

/** The value as a float64 when Go's `Float64()` reports Exact (zero and ±Inf included), else undefined. */
export function exactFloat64(x: CtyNumber): number | undefined {
  if (x.form === 'zero') return x.neg ? -0 : 0;
  if (x.form === 'inf') return x.neg ? -Infinity : Infinity;
  const m = normalised(x);
  const len = bitLen(m.mant);
  if (len > 53 || m.exp < -1074 || len + m.exp > 1024) return undefined;
  const v = Number(m.mant) * 2 ** m.exp;
  return x.neg ? -v : v;
}

/** Odd-mantissa form of a finite number (numbers built by other codecs may carry trailing zeros). */
export function normalised(x: CtyNumber): CtyNumber {
  if (x.form !== 'finite' || (x.mant & 1n) === 1n) return x;
  return finite(x.neg, x.mant, x.exp, x.prec, x.mode, x.acc);
}
