/**
 * The ConfigSpec / OutputSpec payload (the `[]byte` inside ConfigSpecResponse) in either protocol
 * mode, so a host never branches on the format:
 *
 * - `gob`: a gob stream holding one hcldec.ObjectSpec (codecs/gob);
 * - `protobuf`: a protobuf `Spec` whose top is an Object (codecs/protobuf), as the SDK's
 *   hcl2SpecToProtobuf / protobufToHCL2Spec write and read it.
 *
 * Bad bytes: WireError of codec `gob` or `protobuf`. A spec the protobuf form cannot carry
 * (encode): WireError `hclspec` with the text Go's ToProto gives.
 */
import { WireError } from '../wire/errors.js';
import type { ObjectSpec } from './model.js';
import { decodeObjectSpecGob, encodeObjectSpecGob, type GobEncodeOptions } from '../gob/api.js';
import { decodeObjectSpecProto, encodeSpecProto } from '../protobuf/spec.js';

export type SpecPayloadMode = 'gob' | 'protobuf';

export interface ConfigSpecEncodeOptions {
  /** gob only: type ids for the outer stream's type definitions (see codecs/gob). */
  gobTypeIds?: GobEncodeOptions['gobTypeIds'];
}

const badMode = (mode: unknown): never => {
  throw new WireError('hclspec', 0, `unknown ConfigSpec payload mode ${JSON.stringify(mode)} (want "gob" or "protobuf")`);
};

export function decodeConfigSpec(bytes: Uint8Array, mode: SpecPayloadMode): ObjectSpec {
  if (mode === 'protobuf') return decodeObjectSpecProto(bytes);
  if (mode === 'gob') return decodeObjectSpecGob(bytes);
  return badMode(mode);
}

export function encodeConfigSpec(spec: ObjectSpec, mode: SpecPayloadMode, opts: ConfigSpecEncodeOptions = {}): Uint8Array {
  if (mode === 'protobuf') return encodeSpecProto(spec);
  if (mode === 'gob') return encodeObjectSpecGob(spec, opts.gobTypeIds ? { gobTypeIds: opts.gobTypeIds } : {});
  return badMode(mode);
}
