/**
 * Go's strconv.FormatFloat(f, 'g', -1, 64), with "+Inf" for +Inf (the canonical JSON of floats),
 * and its inverse for that syntax.
 */
import { WireError } from '../wire/errors.js';
import { float64Bits, float64FromBits } from './wire.js';

/** math.NaN()'s bits, used for "NaN" read from canonical JSON. */
export const GO_NAN_BITS = 0x7ff8000000000001n;

export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const neg = f < 0;
  // JS gives the shortest digits that round-trip, as Go's shortest mode does.
  const [m, e] = Math.abs(f).toExponential().split('e') as [string, string];
  const digits = m.replace('.', '');
  const nd = digits.length;
  const dp = Number(e) + 1; // decimal point position, as in Go's decimalSlice
  const exp = dp - 1;
  let out: string;
  if (exp < -4 || exp >= 6) {
    // %e with nd-1 fraction digits, exponent at least two digits.
    out = digits[0]! + (nd > 1 ? '.' + digits.slice(1) : '') + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  } else {
    // %f with max(nd-dp, 0) fraction digits.
    const intPart = dp > 0 ? (dp >= nd ? digits + '0'.repeat(dp - nd) : digits.slice(0, dp)) : '0';
    const frac = Math.max(nd - dp, 0);
    let f2 = '';
    for (let i = 0; i < frac; i++) {
      const j = dp + i;
      f2 += j >= 0 && j < nd ? digits[j] : '0';
    }
    out = frac > 0 ? `${intPart}.${f2}` : intPart;
  }
  return neg ? '-' + out : out;
}

/** Float64 bits for a canonical float string (Go's 'g' syntax, "NaN", "±Inf", "-0"). */
export function parseGoFloatBits(s: string): bigint {
  switch (s) {
    case 'NaN':
      return GO_NAN_BITS;
    case '+Inf':
      return float64Bits(Infinity);
    case '-Inf':
      return float64Bits(-Infinity);
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) throw new WireError('canonical', 0, `bad float ${JSON.stringify(s)}`);
  return float64Bits(Number(s));
}

export const floatFromBits = float64FromBits;
