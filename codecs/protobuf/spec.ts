/**
 * The protobuf `Spec` payload (ConfigSpec / OutputSpec in protocol v2 mode) <-> the Spec model.
 *
 * decode: bytes -> messages (our reader, spec-reader.ts) -> model (FromProto, from-proto.ts).
 * encode: model -> bytes directly (spec-writer.ts), refusing what Go's ToProto refuses with Go's
 * text. Errors: WireError codec `protobuf` for anything wrong in the bytes (offset = where),
 * codec `hclspec` for a model ToProto refuses.
 */
import type { ObjectSpec, Spec } from '../hclspec/model.js';
import { fromProto, objectFromProto } from '../hclspec/from-proto.js';
import { readSpecMessage } from './spec-reader.js';
import type { DecodeBudget, DecodeOptions } from '../wire/limits.js';
import { writeSpecProto } from './spec-writer.js';

/** Bytes of any `Spec` message -> model. */
export function decodeSpecProto(bytes: Uint8Array, limits?: DecodeOptions | DecodeBudget): Spec {
  return fromProto(readSpecMessage(bytes, limits), 'protobuf');
}

/** Bytes of a ConfigSpec / OutputSpec payload -> ObjectSpec (the top must be an Object, as the SDK requires). */
export function decodeObjectSpecProto(bytes: Uint8Array): ObjectSpec {
  return objectFromProto(readSpecMessage(bytes), 'protobuf');
}

/** Model -> bytes; map entries in Go's sorted string order (see spec-writer.ts). */
export function encodeSpecProto(spec: Spec): Uint8Array {
  return writeSpecProto(spec);
}
