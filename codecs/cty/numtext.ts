/**
 * Decimal text <-> CtyNumber, as Go's math/big does it:
 *
 * - `parseNumberText` is `big.ParseFloat(s, 10, prec, mode)` (go-cty's `ParseNumberVal` uses
 *   prec 512, ToNearestEven). Go builds the value from the exact integer of the digits times
 *   2^k, then multiplies or divides by a power of five that it computes with prec+64 bits and
 *   rounds at every step. That intermediate rounding shows in the last bit, so it is replicated
 *   step for step rather than rounding the exact decimal once.
 * - `formatNumberText` is `(*big.Float).Text('f', -1)`: the shortest decimal that lies within
 *   half an ulp (at the number's own precision) of the value, digit-compared exactly as Go's
 *   `roundShortest` does.
 */
import { WireError } from '../wire/errors.js';
import { CtyNumber, MAX_PREC, SHORT_DECIMAL, type RoundingMode, type ShortDecimal } from './number.js';
import { bitLen, infNumber, mulNumbers, numberFromSafeInteger, quoNumbers, roundNumber, trailingZeros, zeroNumber } from './number-ops.js';

/** Largest binary exponent magnitude we turn into decimal digits (about 630,000 digits). */
const MAX_FORMAT_EXP = 1 << 21;

// ---------------------------------------------------------------------------------------------
// Parsing

/**
 * Go's `big.ParseFloat(s, 10, prec, mode)` for the number syntax cty accepts (decimal with optional
 * fraction and exponent, "+Inf"/"-Inf"). go-cty parses at prec 512, ToNearestEven.
 * Throws a WireError (codec 'cty', offset 0) where Go returns an error; callers re-label it.
 */
export function parseNumberText(s: string, prec = 512, mode: RoundingMode = 'ToNearestEven'): CtyNumber {
  if (prec > MAX_PREC) throw new WireError('cty', 0, `number precision ${prec} exceeds the limit of ${MAX_PREC} bits`);
  const r = tryParseNumberText(s, prec, mode);
  if (typeof r === 'string') throw new WireError('cty', 0, `${r} in number ${JSON.stringify(s.length > 64 ? s.slice(0, 61) + '...' : s)}`);
  return r;
}

/** As parseNumberText, but returns Go's reason as a string instead of throwing. */
export function tryParseNumberText(s: string, prec = 512, mode: RoundingMode = 'ToNearestEven'): CtyNumber | string {
  if (s === 'Inf' || s === 'inf') return infNumber(false, prec, mode);
  if (s.length === 4 && (s[0] === '+' || s[0] === '-') && (s.endsWith('Inf') || s.endsWith('inf'))) return infNumber(s[0] === '-', prec, mode);
  if (prec === 0) prec = 64;
  const n = s.length;
  let i = 0;
  if (n === 0) return 'empty string';
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    i = 1;
  }
  // Mantissa: digits with at most one '.'.
  const digitsStart = i;
  let dp = -1;
  let count = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* . */ && dp < 0) dp = count;
    else if (c >= 48 && c <= 57) count++;
    else break;
  }
  if (count === 0) return 'number has no digits';
  const mantText = dp < 0 ? s.slice(digitsStart, i) : s.slice(digitsStart, i).replace('.', '');
  const fcount = dp >= 0 ? dp - count : 0;
  // Exponent: e/E (decimal) or p/P (binary), optional sign, digits.
  let exp = 0n;
  let ebase = 10;
  if (i < n) {
    const c = s[i];
    if (c === 'e' || c === 'E' || c === 'p' || c === 'P') {
      ebase = c === 'e' || c === 'E' ? 10 : 2;
      i++;
      let eneg = false;
      if (s[i] === '+' || s[i] === '-') {
        eneg = s[i] === '-';
        i++;
      }
      const start = i;
      while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === start) return 'exponent has no digits';
      exp = BigInt(s.slice(start, i));
      if (eneg) exp = -exp;
      if (exp < -(1n << 63n) || exp >= 1n << 63n) return 'exponent out of range';
    }
  }
  if (i < n) return `expected end of string, found ${JSON.stringify(s[i])}`;

  // A plain integer of up to 15 digits is exact as a double: Go's result is that integer rounded
  // to prec (no power of five, no exponent sums).
  if (fcount === 0 && exp === 0n && count <= 15) {
    const v = Number(mantText);
    if (v === 0) return zeroNumber(neg, prec, mode);
    if (v <= SMALL_PARSED_MAX && prec === 512 && mode === 'ToNearestEven') return SMALL_PARSED[neg ? SMALL_PARSED_MAX - v : SMALL_PARSED_MAX + v]!;
    // (no short decimal: safe integers print and compare as doubles, see safeInteger)
    return numberFromSafeInteger(neg, v, prec, mode);
  }
  const mant = BigInt(mantText);
  if (mant === 0n) return zeroNumber(neg, prec, mode);

  // Go: exp2 = bitLen + fcount (+ exp when decimal or binary); exp5 = fcount (+ exp when decimal).
  // Both are int64 sums in Go, so they wrap the way Go's do.
  const wrap = (v: bigint) => BigInt.asIntN(64, v);
  let exp2 = wrap(BigInt(bitLen(mant)) + BigInt(fcount));
  let exp5 = BigInt(fcount);
  if (ebase === 10) exp5 = wrap(exp5 + exp);
  exp2 = wrap(exp2 + exp);
  if (exp2 < -2147483648n || exp2 > 2147483647n) return 'exponent overflow';
  const e = Number(exp2) - bitLen(mant);
  const dexp = ebase === 10 ? fcount + Number(exp) : 0;
  if (exp5 === 0n) return ebase === 10 ? withShortDecimal(roundNumber(neg, mant, e, prec, mode), mantText, dexp, true) : roundNumber(neg, mant, e, prec, mode);
  // z keeps the exact digits (not yet rounded) for the multiplication / division.
  const z = new CtyNumber('finite', neg, mant, e, prec, mode, 0);
  const a5 = exp5 < 0n ? BigInt.asUintN(64, -exp5) : exp5;
  const p = pow5(a5, prec + 64);
  const r = exp5 < 0n ? quoNumbers(z, p, prec, mode) : mulNumbers(z, p, prec, mode);
  // With 5^|exp5| exact (it fits 64 bits), r is the decimal correctly rounded: one rounding.
  return ebase === 10 ? withShortDecimal(r, mantText, dexp, a5 <= 27n) : r;
}

/**
 * Keeps the decimal a number was parsed from as its short decimal (number.ts, SHORT_DECIMAL) when
 * it is provably the number's `Text('f', -1)`, so that formatting and comparing need no binary
 * arithmetic. `dexp` is the decimal's power of ten after the last digit of `mantText`.
 *
 * Why it is then the shortest text: Go's `roundShortest` looks for the shortest decimal within
 * half an ulp of n at n's precision (the ends included when n's mantissa is even). The parsed
 * decimal d lies in that interval: proven when n is d correctly rounded to nearest-even (`rounded`:
 * one rounding of the exact value, ties giving the even mantissa), checked exactly otherwise
 * (Go's power of five past 5^27 is itself rounded, so n may be off d by a few bits below the
 * ulp). Any other decimal of as few digits (k) lies at least 10^-k (relative) from d, more than
 * the interval's width 2^(1-prec) when k <= (prec-1) log10(2) - 2: no other decimal of at most
 * k digits is in the interval, so the shortest is d, and Go's digit walk stops at exactly d's
 * digits.
 *
 * What follows for two numbers of one precision that both carry one (compareNumbers): equal
 * decimals are equal values (two different numbers' intervals share at most an end, which only
 * the even one includes), different decimals are different values, and their order is the
 * decimals' order (the intervals are ordered as the numbers are).
 */
function withShortDecimal(n: CtyNumber, mantText: string, dexp: number, rounded: boolean): CtyNumber {
  if (n.form !== 'finite' || n.mode !== 'ToNearestEven' || n.prec < 64) return n;
  let a = 0;
  while (a < mantText.length && mantText.charCodeAt(a) === 48) a++;
  let b = mantText.length;
  while (b > a && mantText.charCodeAt(b - 1) === 48) b--;
  if (b - a > maxShortDigits(n.prec)) return n;
  const digits = a === 0 && b === mantText.length ? mantText : mantText.slice(a, b);
  const d: ShortDecimal = { digits, exp: mantText.length - a + dexp };
  if (!rounded && !inShortestInterval(n, d)) return n;
  n[SHORT_DECIMAL] = d;
  return n;
}

/** The most digits a short decimal of a number of precision prec may have (see withShortDecimal). */
const maxShortDigits = (prec: number): number => Math.floor((prec - 1) * Math.LOG10E * Math.LN2) - 2;

/**
 * Whether the decimal d lies in n's interval as Go's `roundShortest` takes it: (m-1)·2^e ..
 * (m+1)·2^e, where m·2^e is n with a mantissa of prec+1 bits (its lsb is half an ulp), the ends
 * included when n's mantissa (m/2) is even. Exact integer comparisons.
 */
function inShortestInterval(n: CtyNumber, d: ShortDecimal): boolean {
  const s = n.prec + 1 - bitLen(n.mant);
  if (s < 0) return false; // more bits than its precision: not a number the parser makes
  const m = n.mant << BigInt(s);
  const e = n.exp - s;
  const inclusive = (m & 2n) === 0n;
  // d = D·10^q = D·5^q·2^q; compare D·5^q·2^q with K·2^e, with the power of five moved to
  // whichever side keeps both integers, then both scaled to the smaller power of two.
  const q = d.exp - d.digits.length;
  const D = BigInt(d.digits);
  const p5 = 5n ** BigInt(Math.abs(q));
  const t = Math.min(q, e);
  const left = (q >= 0 ? D * p5 : D) << BigInt(q - t);
  const side = (k: bigint): bigint => (q >= 0 ? k : k * p5) << BigInt(e - t);
  const lo = side(m - 1n);
  const hi = side(m + 1n);
  return inclusive ? lo <= left && left <= hi : lo < left && left < hi;
}

/** go-cty's parsed small integers (precision 512), -255 to 255: one shared, frozen number each. */
const SMALL_PARSED_MAX = 255;
const SMALL_PARSED: readonly CtyNumber[] = Array.from({ length: 2 * SMALL_PARSED_MAX + 1 }, (_, i) => {
  const v = i - SMALL_PARSED_MAX;
  if (v === 0) return Object.freeze(zeroNumber(false, 512));
  return Object.freeze(numberFromSafeInteger(v < 0, Math.abs(v), 512, 'ToNearestEven'));
});

/** 5^k for k < 28 (they fit a uint64). */
const POW5_TAB: readonly bigint[] = Array.from({ length: 28 }, (_, k) => 5n ** BigInt(k));

const pow5Cache = new Map<string, CtyNumber>();

/** Go's `(*Float).pow5`: 5^n at precision pprec, squaring at pprec+64, rounding at each step. */
function pow5(n: bigint, pprec: number): CtyNumber {
  if (n <= 27n) return roundNumber(false, POW5_TAB[Number(n)]!, 0, pprec, 'ToNearestEven');
  const key = `${pprec}:${n}`;
  const hit = pow5Cache.get(key);
  if (hit) return hit;
  let z = roundNumber(false, POW5_TAB[27]!, 0, pprec, 'ToNearestEven');
  let k = n - 27n;
  let f = roundNumber(false, 5n, 0, pprec + 64, 'ToNearestEven');
  while (k > 0n) {
    if (k & 1n) z = mulNumbers(z, f, pprec, 'ToNearestEven');
    f = mulNumbers(f, f, pprec + 64, 'ToNearestEven');
    k >>= 1n;
  }
  if (pow5Cache.size > 256) pow5Cache.clear();
  pow5Cache.set(key, z);
  return z;
}

// ---------------------------------------------------------------------------------------------
// Formatting

/**
 * An unsigned decimal 0.digits × 10^exp with no trailing zero digits ('' is zero). When `more` is
 * set the digits are only the leading ones of the exact decimal: nonzero digits follow them.
 */
interface Decimal {
  digits: string;
  exp: number;
  more?: boolean;
}

/**
 * The decimal of m × 2^e (m >= 0) cut to about `keep` leading digits (`more` says whether nonzero
 * digits were cut). Writing a long exact expansion out costs far more than the few leading digits
 * that shortest and %g formatting ever look at (BigInt toString is superlinear).
 */
function toDecimalPrefix(m: bigint, e: number, keep: number): Decimal {
  if (m === 0n) return { digits: '', exp: 0 };
  if (e < 0) {
    const tz = Math.min(trailingZeros(m), -e);
    m >>= BigInt(tz);
    e += tz;
  }
  // q × 10^shift is the value: q = m << e, or m × 5^-e with shift e.
  const q = e >= 0 ? m << BigInt(e) : m * 5n ** BigInt(-e);
  const shift = e >= 0 ? 0 : e;
  // digits of q: at least floor((bitLen-1) × log10 2) + 1
  const drop = Math.floor((bitLen(q) - 1) * Math.LOG10E * Math.LN2) - keep - 4;
  let s: string;
  let cut = 0;
  let more = false;
  if (drop > 16) {
    const p = 10n ** BigInt(drop);
    const t = q / p;
    more = q % p !== 0n;
    s = t.toString();
    cut = drop;
  } else s = q.toString();
  let end = s.length;
  if (!more) while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  return more ? { digits: s, exp: s.length + cut + shift, more } : { digits: s.slice(0, end), exp: s.length + cut + shift };
}

const digitAt = (d: Decimal, i: number): number => (i >= 0 && i < d.digits.length ? d.digits.charCodeAt(i) : 48);

function trimDecimal(d: Decimal): void {
  let end = d.digits.length;
  while (end > 0 && d.digits.charCodeAt(end - 1) === 48) end--;
  d.digits = d.digits.slice(0, end);
  d.more = false;
  if (end === 0) d.exp = 0;
}

function roundDown(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  d.digits = d.digits.slice(0, n);
  trimDecimal(d);
}

function roundUp(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  d.more = false;
  while (n > 0 && d.digits.charCodeAt(n - 1) >= 57) n--;
  if (n === 0) {
    d.digits = '1';
    d.exp++;
    return;
  }
  d.digits = d.digits.slice(0, n - 1) + String.fromCharCode(d.digits.charCodeAt(n - 1) + 1);
}

function roundHalfEven(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  const c = d.digits.charCodeAt(n);
  let up: boolean;
  if (c === 53 /* 5 */ && n + 1 === d.digits.length && !d.more) up = n > 0 && ((d.digits.charCodeAt(n - 1) - 48) & 1) !== 0;
  else up = c >= 53;
  if (up) roundUp(d, n);
  else roundDown(d, n);
}

/**
 * Go's `roundShortest(&d, x)`. Returns false (d untouched) when the digits it needs run past a
 * cut prefix (`more`); the caller then retries with exact decimals.
 */
function roundShortest(d: Decimal, x: CtyNumber, keep = Infinity): boolean {
  if (d.digits.length === 0) return true;
  // Mantissa with prec+1 bits, so its lsb is half an ulp at x's precision.
  let m = x.mant;
  let e = x.exp;
  const s = bitLen(m) - (x.prec + 1);
  if (s < 0) m <<= BigInt(-s);
  else if (s > 0) m >>= BigInt(s);
  e += s;
  const lower = toDecimalPrefix(m - 1n, e, keep);
  const upper = toDecimalPrefix(m + 1n, e, keep);
  const inclusive = (m & 2n) === 0n;
  // past `safe`, a cut decimal's digits (or its length) are not known
  const safe = Math.min(
    d.more ? d.digits.length - 2 : Infinity,
    lower.more ? lower.digits.length - 2 : Infinity,
    upper.more ? upper.digits.length - 2 : Infinity,
  );
  for (let i = 0; i < d.digits.length; i++) {
    if (i >= safe) return false;
    const c = d.digits.charCodeAt(i);
    const l = digitAt(lower, i);
    const u = digitAt(upper, i);
    const okdown = l !== c || (inclusive && !lower.more && i + 1 === lower.digits.length);
    const okup = c !== u && (inclusive || c + 1 < u || upper.more || i + 1 < upper.digits.length);
    if (okdown && okup) return (roundHalfEven(d, i + 1), true);
    if (okdown) return (roundDown(d, i + 1), true);
    if (okup) return (roundUp(d, i + 1), true);
  }
  return true;
}

/** The exact decimal of a finite number, refusing exponents too large to write out. */
function exactDecimal(n: CtyNumber, keep = Infinity): Decimal {
  if (Math.abs(n.exp) > MAX_FORMAT_EXP || Math.abs(n.exp + bitLen(n.mant)) > MAX_FORMAT_EXP) {
    throw new WireError('cty', 0, `number with binary exponent ${n.exp} is too large to write in decimal`);
  }
  return toDecimalPrefix(n.mant, n.exp, keep);
}

/** Go's fmtF: integer digits (zero-padded), then `frac` fraction digits. */
function fmtF(d: Decimal, frac: number): string {
  const digits = d.digits;
  let out = '';
  if (d.exp > 0) {
    out += digits.slice(0, d.exp);
    if (d.exp > digits.length) out += '0'.repeat(d.exp - digits.length);
  } else out += '0';
  if (frac > 0) {
    out += '.';
    // digit at index d.exp + i for i < frac, '0' outside the mantissa
    let i = 0;
    if (d.exp < 0) {
      const z = Math.min(-d.exp, frac);
      out += '0'.repeat(z);
      i = z;
    }
    const from = d.exp + i;
    const take = Math.min(frac - i, Math.max(digits.length - from, 0));
    out += digits.slice(from, from + take);
    i += take;
    if (i < frac) out += '0'.repeat(frac - i);
  }
  return out;
}

/** Go's fmtE: d.ddd e±dd with `prec` fraction digits. */
function fmtE(d: Decimal, prec: number): string {
  let out = d.digits.length > 0 ? d.digits[0]! : '0';
  if (prec > 0) {
    out += '.';
    const m = Math.min(d.digits.length, prec + 1);
    let i = 1;
    if (i < m) {
      out += d.digits.slice(1, m);
      i = m;
    }
    if (i <= prec) out += '0'.repeat(prec - i + 1);
  }
  const exp = d.digits.length > 0 ? d.exp - 1 : 0;
  const a = Math.abs(exp);
  return out + (exp < 0 ? 'e-' : 'e+') + (a < 10 ? '0' : '') + String(a);
}

const SAFE_MANT = 1n << 53n;

/**
 * A finite number's value when it is an integer below 2^53 of precision 53 or more (so it fits
 * its precision, and its shortest text is the integer's), else undefined.
 */
function safeInteger(n: CtyNumber): number | undefined {
  if (n.exp < 0 || n.prec < 53 || n.mant >= SAFE_MANT) return undefined;
  const v = Number(n.mant) * 2 ** n.exp;
  return v <= Number.MAX_SAFE_INTEGER ? v : undefined;
}

/** The exact decimal of a positive safe integer. */
function integerDecimal(v: number): Decimal {
  const s = String(v);
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  return { digits: s.slice(0, end), exp: s.length };
}

/**
 * The shortest decimal of a finite number that is a double (precision 53, a mantissa of at most 53
 * bits that is not a power of two, a normal double's exponent), from JS's own shortest formatting,
 * else undefined. ECMAScript's Number::toString takes the fewest digits that round back to the
 * double (to nearest even: the interval of half an ulp either side, its ends included when the
 * mantissa is even), of those the nearest, ties to an even digit: what Go's `roundShortest` finds
 * in the same interval. At a power of two the double's lower neighbour is nearer, so JS's
 * interval is narrower below than Go's (which is symmetric): those take the exact path. What it
 * gives is a shortest text like a parsed short decimal's, so %g rounds it the same way.
 */
function doubleShortest(n: CtyNumber): Decimal | undefined {
  if (n.prec !== 53 || n.mant >= SAFE_MANT || (n.mant & (n.mant - 1n)) === 0n) return undefined;
  const top = n.exp + bitLen(n.mant); // 2^(top-1) <= value < 2^top
  if (top - 1 < -1022 || top > 1024) return undefined;
  const text = (Number(n.mant) * 2 ** n.exp).toExponential(); // exact: a normal double
  const e = text.indexOf('e');
  const digits = text.charCodeAt(1) === 46 /* . */ ? text[0]! + text.slice(2, e) : text.slice(0, e);
  return { digits, exp: Number(text.slice(e + 1)) + 1 };
}

/**
 * Go's `(*big.Float).Text('f', -1)` for n: the shortest decimal that rounds back to n at n's own
 * precision ("+Inf", "-Inf", "-0" included).
 */
export function formatNumberText(n: CtyNumber): string {
  if (n.form === 'inf') return n.neg ? '-Inf' : '+Inf';
  if (n.prec > MAX_PREC) throw new WireError('cty', 0, `number precision ${n.prec} exceeds the limit of ${MAX_PREC} bits`);
  const sign = n.neg ? '-' : '';
  if (n.form === 'zero') return sign + '0';
  const int = safeInteger(n);
  if (int !== undefined) return sign + String(int);
  // An integer that fits its precision: half an ulp is at most 1/2, so no shorter decimal lies
  // within reach and the shortest text is the integer itself.
  if (n.exp >= 0 && n.exp < MAX_FORMAT_EXP && bitLen(n.mant) + n.exp <= n.prec) return sign + (n.mant << BigInt(n.exp)).toString();
  const short = n[SHORT_DECIMAL] ?? doubleShortest(n);
  if (short !== undefined) return sign + fmtF(short, Math.max(short.digits.length - short.exp, 0));
  // The shortest text has at most about prec × log10(2) digits: try with that many first.
  const keep = Math.ceil(n.prec * Math.LOG10E * Math.LN2) + 8;
  let d = exactDecimal(n, keep);
  if (!roundShortest(d, n, keep)) {
    d = exactDecimal(n);
    roundShortest(d, n);
  }
  return sign + fmtF(d, Math.max(d.digits.length - d.exp, 0));
}

/**
 * Go's `(*big.Float).Text('g', prec)` for prec > 0 (`String()` is Text('g', 10); go-cty hashes
 * set elements with it).
 */
export function formatNumberG(n: CtyNumber, prec = 10): string {
  if (n.form === 'inf') return n.neg ? '-Inf' : '+Inf';
  const sign = n.neg ? '-' : '';
  if (prec <= 0) prec = 1;
  // The short decimal rounds to prec digits as the exact value does, unless it is itself a tie at
  // prec digits (then the exact value, a hair off it, decides): no other rounding boundary lies
  // within the value's interval (see withShortDecimal).
  const int = n.form === 'finite' ? safeInteger(n) : undefined;
  // An integer of at most prec digits prints whole (%g keeps its digits and writes no exponent).
  if (int !== undefined && int < 10 ** Math.min(prec, 15)) return sign + String(int);
  const short = n.form !== 'finite' ? undefined : int !== undefined ? integerDecimal(int) : (n[SHORT_DECIMAL] ?? doubleShortest(n));
  const tie = int === undefined && short !== undefined && short.digits.length === prec + 1 && short.digits.charCodeAt(prec) === 53; /* 5 */
  const d: Decimal = n.form === 'zero' ? { digits: '', exp: 0 } : short !== undefined && !tie ? { ...short } : exactDecimal(n, prec + 8);
  roundHalfEven(d, prec);
  const len = d.digits.length;
  let eprec = prec;
  if (eprec > len && len >= d.exp) eprec = len;
  const exp = d.exp - 1;
  if (exp < -4 || exp >= eprec) return sign + fmtE(d, Math.min(prec, len) - 1);
  if (prec > d.exp) prec = len;
  return sign + fmtF(d, Math.max(prec - d.exp, 0));
}
