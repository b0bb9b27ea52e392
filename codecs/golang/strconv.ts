/**
 * Go's strconv, the parts we reproduce: IsPrint, Quote (what `%q` prints for a string) and
 * FormatFloat(f, 'g', -1, 64) with its inverse. Checked against Go for every code point and a large
 * random sample of float64s by conformance/runner/golang.test.ts.
 */
import { GO_PRINT_RANGES } from './print-table.js';

/**
 * Go's strconv.IsPrint for a code point (letters, marks, numbers, punctuation, symbols, U+0020),
 * from Go's own Unicode tables (JS engines may know a newer Unicode version).
 */
export function goIsPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  const t = GO_PRINT_RANGES;
  let lo = 0;
  let hi = t.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < t[2 * mid]!) hi = mid - 1;
    else if (cp > t[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

const HEX = '0123456789abcdef';
const hex = (v: number, width: number): string => {
  let s = '';
  for (let i = width - 1; i >= 0; i--) s += HEX[(v >>> (i * 4)) & 15];
  return s;
};

/**
 * Go's `strconv.Quote(s)` (what `%q` prints). A lone UTF-16 surrogate cannot come from a Go string;
 * it is quoted as U+FFFD, which is what encoding it as UTF-8 produces.
 */
export function goQuote(s: string): string {
  let out = '"';
  let plainFrom = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) continue;
    let cp = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        width = 2;
      } else cp = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) cp = 0xfffd;
    if (cp >= 0x80 && goIsPrint(cp)) {
      if (cp === 0xfffd && c !== 0xfffd) {
        // A lone surrogate: written as the U+FFFD it becomes.
        out += s.slice(plainFrom, i) + '\ufffd';
        plainFrom = i + 1;
      }
      i += width - 1;
      continue;
    }
    out += s.slice(plainFrom, i);
    plainFrom = i + width;
    i += width - 1;
    out += escapeRune(cp);
  }
  return out + s.slice(plainFrom) + '"';
}

function escapeRune(cp: number): string {
  switch (cp) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  if (cp < 0x10000) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

/**
 * strconv.FormatFloat(x, 'g', -1, 64): the shortest digits that read back as x, in %e form when the
 * decimal exponent is below -4 or at least 6 (the shortest-precision 'g' rule), else %f form;
 * "NaN", "+Inf", "-Inf", "-0" as Go writes them.
 */
export function formatGoFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const neg = x < 0;
  // JS and Go both pick the shortest digit string that reads back as x.
  const e = Math.abs(x).toExponential();
  const at = e.indexOf('e');
  const digits = e.slice(0, at).replace('.', '');
  const exp = Number(e.slice(at + 1)); // decimal exponent of the first digit
  const nd = digits.length;
  let out: string;
  // Go's 'g' with the shortest precision takes %e below exponent -4 and from exponent 6 up.
  if (exp < -4 || exp >= 6) {
    out = expForm(digits, exp);
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (nd <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - nd);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${out}` : out;
}

function expForm(digits: string, exp: number): string {
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const a = Math.abs(exp);
  return `${mant}e${exp < 0 ? '-' : '+'}${a < 10 ? `0${a}` : a}`;
}

const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Inverse of formatGoFloat (also accepts any decimal float text, and "Inf" when `bareInf`).
 * Returns undefined when the text is not a float.
 */
export function parseGoFloat(s: string, opts: { bareInf?: boolean } = {}): number | undefined {
  switch (s) {
    case 'NaN':
      return NaN;
    case '+Inf':
      return Infinity;
    case 'Inf':
      return opts.bareInf ? Infinity : undefined;
    case '-Inf':
      return -Infinity;
  }
  if (!FLOAT_TEXT.test(s)) return undefined;
  return Number(s);
}
