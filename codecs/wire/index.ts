export { WireError, isWireError, MAX_DEPTH, type CodecName } from './errors.js';
export { ByteReader } from './reader.js';
export { ByteWriter, utf8Length } from './writer.js';
export { DecodeBudget, DecodeLimitError, DEFAULT_LIMITS, budgetFor, decodeLimits, type DecodeLimits, type DecodeOptions } from './limits.js';
