/**
 * packer-wire: the pure codec core (only Uint8Array, DataView, TextEncoder/TextDecoder: no Node
 * built-ins, runs in browsers and workers). Each area also has its own entry point
 * (`packer-wire/gob`, `/cty`, `/hclspec`, `/protobuf`, `/rpc`, `/transcript`, `/protocol`, `/yamux`,
 * `/wire`, `/schema`); the Node-only live host is `packer-wire/host`. Everything not exported here or there is
 * internal.
 */
export { WireError, isWireError, type CodecName, DEFAULT_LIMITS, type DecodeLimits, type DecodeOptions } from './wire/index.js';
export { FAMILIES, type Family, type FamilyCodec, type VectorContext } from './family.js';
export { familyCodec } from './families.js';
export { T, typeEquals, typeGoString, type CtyType } from './cty/types.js';
export { CtyNumber, type RoundingMode } from './cty/number.js';
export { Unknown, type CtyValue, type Raw, type Refinements } from './cty/values.js';
export type { Spec, ObjectSpec, AttrSpec, BlockSpec, BlockListSpec } from './hclspec/model.js';
export { decode, encode } from './api.js';
// gob codec (codecs/gob)
export {
  decodeObjectSpecGob,
  encodeObjectSpecGob,
  decodeCtyValueGob,
  encodeCtyValueGob,
  decodeCtyGobEncoding,
  encodeCtyGobEncoding,
  gobIdSpaceOf,
  type GobEncodeOptions,
} from './gob/api.js';
export { GobEncoder, encodeGob, type GobEncoderOptions, type GoIface } from './gob/encoder.js';
export { GobDecoder, decodeGob, NEED_MORE as GOB_NEED_MORE, END as GOB_END, type GobDecoderOptions } from './gob/decoder.js';
export { GobRegistry, registeredName } from './gob/registry.js';
export { IdSpace } from './gob/idspace.js';
export * as gobTypes from './gob/gotype.js';
export { decodeGobStream, type GobStream, type GobValue, type GobTopValue } from './gob/dynamic.js';
export { encodeGobStream } from './gob/dynamic-encode.js';
export { streamToCanonical as gobStreamToCanonical, streamFromCanonical as gobStreamFromCanonical } from './gob/generic.js';
export type { TypeId as GobTypeId, WireType as GobWireType } from './gob/types.js';
export { packerRegistry, objectSpecGo, specGo } from './gob/hcldec.js';
export { ctyTypeGo, ctyValueGo } from './gob/cty.js';
// rpc codec (codecs/rpc): net/rpc frames in ugorji msgpack; everything else under `rpc.*`
export {
  encodeRequest,
  encodeResponse,
  decodeMessage,
  decodeRequest,
  decodeResponse,
  RpcFrameReader,
  RPC_METHODS,
  GoInt,
  GoUint,
  GoFloat,
  GoMap,
  GoTime,
  CtyConfig,
  type AnyValue,
  type RpcMessage,
  type RpcRequest,
  type RpcResponse,
  type RpcMethodName,
  type RequestBody,
  type ResponseBody,
} from './rpc/index.js';
export * as rpc from './rpc/index.js';
// ConfigSpec payload in either mode, and the protobuf Spec (codecs/hclspec, codecs/protobuf)
export { decodeConfigSpec, encodeConfigSpec, type SpecPayloadMode, type ConfigSpecEncodeOptions } from './hclspec/configspec.js';
export { decodeSpecProto, decodeObjectSpecProto, encodeSpecProto } from './protobuf/spec.js';
export { toProto, toProtoRefusal } from './hclspec/to-proto.js';
export { fromProto, objectFromProto } from './hclspec/from-proto.js';
export type { ProtoSpec, ProtoObject, ProtoAttr, ProtoBlock, ProtoBlockList, ProtoCtyType, ProtoCtyPrimitive, ProtoCtyElement } from './hclspec/proto-types.js';
// plugin start-up: describe, gob/protobuf choice, start arguments, handshake (codecs/protocol)
export {
  parseDescribe,
  formatDescribe,
  chooseProtocol,
  parseHandshake,
  formatHandshake,
  HandshakeError,
  type PluginDescription,
  type ProtocolChoice,
  type Handshake,
} from './protocol/index.js';
export * as protocol from './protocol/index.js';
// yamux frames and transcript replay (codecs/yamux; live sessions and the mux broker: packer-wire/host)
export { YamuxError, replayTranscript, type LogicalStream, type TranscriptReplay } from './yamux/index.js';
export * as yamux from './yamux/index.js';
// transcripts: recorded host <-> plugin sessions -> net/rpc calls (codecs/transcript)
export {
  decodeTranscript,
  encodeTranscript,
  transcriptToCanonical,
  transcriptFromCanonical,
  streamSummaries,
  type TranscriptModel,
  type TranscriptCall,
  type TranscriptStream,
} from './transcript/index.js';
// cty numbers, sets, cty JSON and go-cty msgpack (codecs/cty, codecs/msgpack)
export { formatNumberText, formatNumberG, parseNumberText } from './cty/numtext.js';
export { numberFromInt64, numberFromUint64, numberFromFloat64, compareNumbers, exactInt64, exactFloat64, roundNumber, withPrec } from './cty/number-ops.js';
export { buildSet, setHashString, ctyEquivalent } from './cty/set-order.js';
export { normalizeValue } from './cty/value-build.js';
export { marshalCtyJSON, unmarshalCtyJSON } from './cty/json.js';
export { marshalCtyMsgpack, unmarshalCtyMsgpack } from './cty/msgpack.js';
export { typeJSONBytes, parseTypeJSON } from './cty/type-json.js';
export { valueToCanonical, valueFromCanonical, typeToJSON, typeFromJSON } from './cty/canonical.js';
// hcldec spec -> JSON Schema (draft 2020-12) / TypeScript of a template block body (codecs/schema)
export {
  specToJsonSchema,
  specToTypeScript,
  knownLimit,
  KNOWN_LIMITS,
  type JsonSchema,
  type JsonSchemaOptions,
  type TypeScriptOptions,
} from './schema/index.js';
