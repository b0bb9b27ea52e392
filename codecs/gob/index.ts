/** encoding/gob as Packer uses it: `packer-wire/gob`. Pure (no Node built-ins). */
export {
  decodeObjectSpecGob,
  encodeObjectSpecGob,
  decodeCtyValueGob,
  encodeCtyValueGob,
  decodeCtyGobEncoding,
  encodeCtyGobEncoding,
  gobIdSpaceOf,
  type GobEncodeOptions,
} from './api.js';
export { GobEncoder, encodeGob, type GobEncoderOptions, type GoIface } from './encoder.js';
export { GobDecoder, decodeGob, NEED_MORE, END, type GobDecoderOptions } from './decoder.js';
export { GobRegistry, registeredName } from './registry.js';
export { IdSpace } from './idspace.js';
export * as gobTypes from './gotype.js';
export { decodeGobStream, type GobStream, type GobValue, type GobTopValue } from './dynamic.js';
export { encodeGobStream } from './dynamic-encode.js';
export { streamToCanonical, streamFromCanonical } from './generic.js';
export type { TypeId, WireType } from './types.js';
export { packerRegistry, objectSpecGo, specGo } from './hcldec.js';
export { ctyTypeGo, ctyValueGo } from './cty.js';
