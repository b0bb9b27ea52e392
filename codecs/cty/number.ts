/**
 * An arbitrary-precision binary floating-point number with exactly the state of Go's
 * `big.Float` (go-cty's number representation): sign, mantissa, exponent, precision, rounding mode
 * and accuracy. Nothing here goes through a JS number, so no value is silently rounded.
 *
 * value = (neg ? -1 : 1) * mant * 2^exp   (form 'finite'; mant > 0)
 *
 * The mantissa is kept as an integer (not Go's normalised 0.m fraction); codecs convert to and
 * from Go's layout at their edges.
 */
export type RoundingMode = 'ToNearestEven' | 'ToNearestAway' | 'ToZero' | 'AwayFromZero' | 'ToNegativeInf' | 'ToPositiveInf';
export const ROUNDING_MODES: readonly RoundingMode[] = ['ToNearestEven', 'ToNearestAway', 'ToZero', 'AwayFromZero', 'ToNegativeInf', 'ToPositiveInf'];
/** Go's big.Accuracy: Below -1, Exact 0, Above +1. */
export type Accuracy = -1 | 0 | 1;
export type NumberForm = 'zero' | 'finite' | 'inf';

/**
 * The largest precision (in bits) we accept for a number. Go allows up to 2^32-1, but formatting
 * or rounding costs grow with the square of the precision (Go takes 42 s to print one number at
 * 2^20 bits) and go-cty only ever uses 512 (parsed numbers), 64 (integers) and 53 (floats). Codecs
 * refuse larger precisions with a WireError instead of hanging.
 */
export const MAX_PREC = 1 << 16;

/**
 * An unsigned decimal 0.digits × 10^exp: digits without leading or trailing zeros, never empty.
 */
export interface ShortDecimal {
  readonly digits: string;
  readonly exp: number;
}

/**
 * The key of a number's short decimal: the decimal it was parsed from, kept when it is provably
 * the number's `Text('f', -1)` (numtext.ts, `withShortDecimal`). A symbol, so that it is no own
 * enumerable key: two numbers of equal state compare equal whether or not they carry it.
 */
export const SHORT_DECIMAL: unique symbol = Symbol('shortDecimal');

export class CtyNumber {
  /**
   * Set by the parser only, before the number is handed out, when the decimal is proven to be the
   * shortest text of the value at its precision (ToNearestEven). Two numbers of the same precision
   * that both carry one compare as their decimals do (equal decimals, equal values).
   */
  [SHORT_DECIMAL]: ShortDecimal | undefined = undefined;

  constructor(
    readonly form: NumberForm,
    readonly neg: boolean,
    /** Integer mantissa, > 0 for finite numbers, 0n otherwise. */
    readonly mant: bigint,
    /** Binary exponent applied to the integer mantissa. */
    readonly exp: number,
    /** Precision in bits (Go's prec; 0 means "not yet set"). */
    readonly prec: number,
    readonly mode: RoundingMode = 'ToNearestEven',
    readonly acc: Accuracy = 0,
  ) {}
}
