import { WireError } from '../wire/errors.js';
import type { CtyNumber, RoundingMode } from './number.js';

/**
 * Go's `(*big.Float).Text('f', -1)` for n: the shortest decimal that rounds back to n at n's own
 * precision ("+Inf", "-Inf", "-0" included).
 */
export function formatNumberText(_n: CtyNumber): string {
  throw new WireError('cty', 0, 'formatNumberText not implemented yet');
}

/**
 * Go's `big.ParseFloat(s, 10, prec, mode)` for the number syntax cty accepts (decimal with optional
 * fraction and exponent, "+Inf"/"-Inf"). go-cty parses at prec 512, ToNearestEven.
 */
export function parseNumberText(s: string, _prec = 512, _mode: RoundingMode = 'ToNearestEven'): CtyNumber {
  throw new WireError('cty', 0, `parseNumberText not implemented yet: ${s}`);
}
