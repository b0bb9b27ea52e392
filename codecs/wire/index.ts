export { WireError, isWireError, MAX_DEPTH, type CodecName } from './errors.js';
export { ByteReader } from './reader.js';
export { ByteWriter, utf8Length } from './writer.js';
export { DecodeBudget, DecodeLimitError, DEFAULT_LIMITS, budgetFor, decodeLimits, type DecodeLimits, type DecodeOptions } from './limits.js';
export { base64Encode, base64Decode } from './base64.js';
export { decodeUtf8Go, loneSurrogateAt } from './utf8.js';
