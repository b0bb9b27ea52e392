/** cty types and values, exact numbers, set order, cty JSON and go-cty msgpack: `packer-wire/cty`. Pure. */
export { T, typeEquals, typeGoString, type CtyType } from './types.js';
export { CtyNumber, type RoundingMode } from './number.js';
export { Unknown, type CtyValue, type Raw, type Refinements } from './values.js';
export { formatNumberText, formatNumberG, parseNumberText } from './numtext.js';
export { numberFromInt64, numberFromUint64, numberFromFloat64, compareNumbers, exactInt64, exactFloat64, roundNumber, withPrec } from './number-ops.js';
export { buildSet, setHashString, ctyEquivalent } from './set-order.js';
export { normalizeValue } from './value-build.js';
export { marshalCtyJSON, unmarshalCtyJSON } from './json.js';
export { marshalCtyMsgpack, unmarshalCtyMsgpack } from './msgpack.js';
export { typeJSONBytes, parseTypeJSON } from './type-json.js';
export { valueToCanonical, valueFromCanonical, typeToJSON, typeFromJSON } from './canonical.js';
