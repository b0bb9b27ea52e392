/**
 * The payloads inside RPC bodies whose format depends on the protocol mode (PROTOCOL.md §5):
 *
 * | payload                       | gob mode                         | protobuf mode                              |
 * |-------------------------------|----------------------------------|--------------------------------------------|
 * | ConfigSpec / OutputSpec bytes | gob stream of hcldec.ObjectSpec  | protobuf `Spec` with an Object at the top  |
 * | Datasource.Execute `Value`    | gob stream of one cty.Value      | go-cty msgpack with DynamicPseudoType      |
 * | Prepare/Configure configs     | cty JSON in bin (both modes, through the rpc codec's CtyConfig)    ||
 *
 * Bytes that do not decode give HostError `payload` with the codec's WireError as `cause`.
 */
import type { WireProtocol } from '../codecs/protocol/choose.js';
import type { ObjectSpec } from '../codecs/hclspec/model.js';
import type { CtyValue } from '../codecs/cty/values.js';
import { decodeConfigSpec } from '../codecs/hclspec/configspec.js';
import { decodeCtyValueGob } from '../codecs/gob/api.js';
import { unmarshalCtyMsgpack } from '../codecs/cty/msgpack.js';
import { T } from '../codecs/cty/types.js';
import { CtyConfig, type AnyValue } from '../codecs/rpc/index.js';
import { HostError } from './errors.js';

function payloadError(what: string, mode: WireProtocol, e: unknown): HostError {
  return new HostError('payload', `${what} (${mode}): ${(e as Error).message}`, { cause: e });
}

export function decodeSpecPayload(bytes: Uint8Array, mode: WireProtocol, what = 'ConfigSpec'): ObjectSpec {
  try {
    return decodeConfigSpec(bytes, mode);
  } catch (e) {
    throw payloadError(what, mode, e);
  }
}

export function decodeValuePayload(bytes: Uint8Array, mode: WireProtocol): CtyValue {
  try {
    // gob: the SDK's gob.Encode(value); protobuf mode: msgpack.Marshal(value, DynamicPseudoType)
    return mode === 'gob' ? decodeCtyValueGob(bytes) : unmarshalCtyMsgpack(bytes, T.DynamicPseudoType);
  } catch (e) {
    throw payloadError('Datasource.Execute value', mode, e);
  }
}

/** One argument of Prepare/Configure: a cty value (sent as cty JSON) or any other Go value. */
export type ConfigArg = CtyValue | AnyValue;

function isCtyValue(x: unknown): x is CtyValue {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype && 'type' in x && 'raw' in x;
}

/** The `Configs` slice as the SDK's client sends it: cty values become CtyConfig (cty JSON bin). */
export function configsArg(configs: readonly ConfigArg[]): AnyValue[] {
  return configs.map((c) => (isCtyValue(c) ? new CtyConfig(c) : (c as AnyValue)));
}
