/**
 * The same Spec <-> bytes conversion through the protobufjs static code generated from
 * proto/hcl_spec.proto: the reference the hand-written reader / writer are cross-checked against.
 *
 * Differences from the fast path, all on the protobufjs side: it nests at most
 * `protobuf.util.recursionLimit` (100) messages; its errors carry protobufjs' own wording (wrapped
 * here in a WireError at the reader's position); its encoder writes map entries in the order of
 * `Object.keys` (integer-like keys first), so only decoded structures, not bytes, are comparable
 * when keys look like array indexes.
 */
import protobuf from 'protobufjs/minimal.js';
import { Spec as PbSpec } from '../../proto/hcl_spec.js';
import { WireError, isWireError } from '../../codecs/wire/errors.js';
import type { Spec } from '../../codecs/hclspec/model.js';
import { fromProto } from '../../codecs/hclspec/from-proto.js';
import { toProto } from '../../codecs/hclspec/to-proto.js';
import type { ProtoSpec } from '../../codecs/hclspec/proto-types.js';

/** Bytes -> protobufjs Spec message (refusals as WireError('protobuf')). */
export function pbjsDecodeMessage(bytes: Uint8Array): ProtoSpec {
  const reader = protobuf.Reader.create(bytes);
  try {
    return PbSpec.decode(reader);
  } catch (e) {
    if (isWireError(e)) throw e;
    throw new WireError('protobuf', reader.pos, `protobufjs: ${(e as Error).message}`);
  }
}

/** Bytes -> model through protobufjs and FromProto. */
export function pbjsDecodeSpec(bytes: Uint8Array): Spec {
  return fromProto(pbjsDecodeMessage(bytes), 'protobuf');
}

/** Model -> bytes through ToProto and protobufjs. */
export function pbjsEncodeSpec(spec: Spec): Uint8Array {
  return PbSpec.encode(toProto(spec)).finish();
}
