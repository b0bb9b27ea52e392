/**
 * The number limits of a decode call (wire/limits.ts) applied to cty numbers: digits of the text
 * before it is parsed, then decimal exponent and precision of the value. go-cty accepts any size;
 * we refuse what would take seconds to write out (a deliberate difference, see README).
 */
import type { CodecName } from '../wire/errors.js';
import type { DecodeBudget } from '../wire/limits.js';
import { SHORT_DECIMAL, type CtyNumber } from './number.js';
import { bitLen } from './number-ops.js';
import { tryParseNumberText } from './numtext.js';

/** Mantissas below this convert to a finite double (53 leading bits, rounded). */
const MANT_AS_DOUBLE = 1n << 1023n;
const LOG10_2 = Math.LOG10E * Math.LN2;

/** The power of ten of a finite number's leading digit (within one), 0 for zero and infinities. */
export function decimalExponent(n: CtyNumber): number {
  if (n.form !== 'finite') return 0;
  const short = n[SHORT_DECIMAL];
  if (short !== undefined) return short.exp - 1;
  // log10 of the leading 53 bits, plus the rest as a power of two; the value is within a
  // rounding of its text, so 1e-1000 may sit a hair below 10^-1000 (hence the tolerance)
  if (n.mant < MANT_AS_DOUBLE) return Math.floor(Math.log10(Number(n.mant)) + n.exp * LOG10_2 + 1e-9);
  const bits = bitLen(n.mant);
  const top = Number(n.mant >> BigInt(bits - 53));
  return Math.floor(Math.log10(top) + (n.exp + bits - 53) * LOG10_2 + 1e-9);
}

/** Checks a decoded number against the call's number limits (digits: of its text, 0 if none) and charges it as retained. */
export function checkNumber(b: DecodeBudget, n: CtyNumber, digits: number, codec: CodecName, offset: number): void {
  b.checkNumber(digits, decimalExponent(n), n.form === 'finite' ? n.prec : 0, codec, offset);
  b.addNumber(codec, offset);
}

/**
 * Significant digits of a number's text and the power of ten of its leading digit (0 for zero),
 * read from the text alone: the limits refuse a number before any big arithmetic is spent on it.
 */
function textShape(s: string): { digits: number; exponent: number } {
  let digits = 0;
  let lead = -1; // index among the mantissa's digits of the first nonzero one
  let point = -1; // mantissa digits before the '.'
  let count = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (c !== 48 && lead < 0) lead = count;
      if (lead >= 0) digits++;
      count++;
    } else if (c === 46 /* . */) point = count;
    else if (c !== 43 && c !== 45) break;
  }
  if (lead < 0) return { digits: 0, exponent: 0 };
  let exp = 0;
  if (i < s.length && (s.charCodeAt(i) | 32) === 101 /* e */) {
    let j = i + 1;
    const neg = s[j] === '-';
    if (s[j] === '-' || s[j] === '+') j++;
    exp = Number(s.slice(j)) || 0;
    if (neg) exp = -exp;
  }
  return { digits, exponent: (point < 0 ? count : point) - lead - 1 + exp };
}

/**
 * go-cty's ParseNumberVal under the call's limits: the number, or Go's reason as a string. The
 * digits and decimal exponent are checked on the text, before parsing: a `1e-600000` costs
 * nothing to refuse.
 */
export function parseNumberLimited(b: DecodeBudget, text: string, codec: CodecName, offset: number): CtyNumber | string {
  const shape = textShape(text);
  b.checkNumber(shape.digits, shape.exponent, 0, codec, offset);
  // One number per distinct text in a call (numbers are never changed once made): the limits
  // above still count every occurrence.
  const key = `n${text}`;
  const seen = b.shared.get(key);
  if (seen !== undefined) return seen as CtyNumber;
  const n = tryParseNumberText(text);
  if (typeof n !== 'string') {
    b.checkNumber(0, 0, n.form === 'finite' ? n.prec : 0, codec, offset);
    b.addNumber(codec, offset);
    b.shared.set(key, n);
  }
  return n;
}
