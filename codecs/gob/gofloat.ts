/**
 * Float64 bits to and from the canonical JSON float text (Go's strconv.FormatFloat(f, 'g', -1, 64),
 * from codecs/golang), keeping NaN's bits as math.NaN() has them.
 */
import { formatGoFloat, parseGoFloat } from '../golang/strconv.js';
import { WireError } from '../wire/errors.js';
import { float64Bits, float64FromBits } from './wire.js';

/** math.NaN()'s bits, used for "NaN" read from canonical JSON. */
export const GO_NAN_BITS = 0x7ff8000000000001n;

/** The canonical text of a float64 given by its bits. */
export const formatFloatBits = (bits: bigint): string => formatGoFloat(float64FromBits(bits));

/** Float64 bits for a canonical float string (Go's 'g' syntax, "NaN", "±Inf", "-0"). */
export function parseGoFloatBits(s: string): bigint {
  if (s === 'NaN') return GO_NAN_BITS;
  const f = parseGoFloat(s);
  if (f === undefined) throw new WireError('canonical', 0, `bad float ${JSON.stringify(s)}`);
  return float64Bits(f);
}
