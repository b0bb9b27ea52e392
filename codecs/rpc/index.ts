/** The rpc codec's public surface (re-exported from codecs/index.ts). */
export { G, type GoType, type GoValue } from './gotype.js';
export { type AnyValue, CtyConfig, GoFloat, GoInt, GoMap, GoRawExt, GoTime, GoUint, goFloat32, goFloat64, goInt, goMapOf, goUint } from './values.js';
export * from './messages.js';
export {
  encodeRequest,
  encodeResponse,
  decodeMessage,
  decodeRequest,
  decodeResponse,
  RequestHeaderType,
  ResponseHeaderType,
  type Direction,
  type RequestHeader,
  type ResponseHeader,
  type RpcMessage,
  type RpcRequest,
  type RpcResponse,
  type BodyOptions,
} from './frame.js';
export { RpcFrameReader, type RpcFrameReaderOptions } from './reader.js';
export { messageToCanonical, messageFromCanonical } from './canonical.js';
export { compile, type CompiledType } from './codec.js';
export { rpcFamily } from './family.js';
export { encodeCommandFinished, decodeCommandFinished, type CommandFinishedOptions } from './command-finished.js';
