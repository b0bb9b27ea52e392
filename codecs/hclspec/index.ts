/** The hcldec Spec model, ToProto/FromProto, ConfigSpec payloads in either mode: `packer-wire/hclspec`. Pure. */
export type { Spec, ObjectSpec, AttrSpec, BlockSpec, BlockListSpec } from './model.js';
export { decodeConfigSpec, encodeConfigSpec, type SpecPayloadMode, type ConfigSpecEncodeOptions } from './configspec.js';
export { toProto, toProtoRefusal } from './to-proto.js';
export { fromProto, objectFromProto } from './from-proto.js';
export { specToCanonical, specFromCanonical } from './canonical.js';
export type { ProtoSpec, ProtoObject, ProtoAttr, ProtoBlock, ProtoBlockList, ProtoCtyType, ProtoCtyPrimitive, ProtoCtyElement } from './proto-types.js';
