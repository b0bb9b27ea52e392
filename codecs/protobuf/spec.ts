/**
 * The protobuf `Spec` payload (ConfigSpec / OutputSpec in protocol v2 mode) <-> the Spec model.
 *
 * decode: bytes in Go's own layout -> model in one pass (spec-fast.ts); any other bytes -> messages
 * (our general reader, spec-reader.ts) -> model (FromProto, from-proto.ts), which alone reports
 * errors. encode: model -> bytes directly (spec-writer.ts), refusing what Go's ToProto refuses
 * with Go's text. Errors: WireError codec `protobuf` for anything wrong in the bytes (offset =
 * where), codec `hclspec` for a model ToProto refuses.
 */
import type { ObjectSpec, Spec } from '../hclspec/model.js';
import { fromProto, requireObjectSpec } from '../hclspec/from-proto.js';
import { readSpecMessage } from './spec-reader.js';
import { readSpecFast } from './spec-fast.js';
import { budgetFor, type DecodeBudget, type DecodeOptions } from '../wire/limits.js';
import { writeSpecProto } from './spec-writer.js';

/** Bytes of any `Spec` message -> model. */
export function decodeSpecProto(bytes: Uint8Array, limits?: DecodeOptions | DecodeBudget): Spec {
  const budget = budgetFor(limits, bytes.length);
  return readSpecFast(bytes, budget) ?? fromProto(readSpecMessage(bytes, budget), 'protobuf');
}

/** Bytes of a ConfigSpec / OutputSpec payload -> ObjectSpec (the top must be an Object, as the SDK requires). */
export function decodeObjectSpecProto(bytes: Uint8Array, limits?: DecodeOptions | DecodeBudget): ObjectSpec {
  // the top message sits at offset 0
  return requireObjectSpec(decodeSpecProto(bytes, limits), 0, 'protobuf');
}

/** Model -> bytes; map entries in Go's sorted string order (see spec-writer.ts). */
export function encodeSpecProto(spec: Spec): Uint8Array {
  return writeSpecProto(spec);
}
