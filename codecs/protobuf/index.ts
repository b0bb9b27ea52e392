/** The SDK's `hcl_spec.proto` Spec messages, read and written by hand: `packer-wire/protobuf`. Pure. */
export { decodeSpecProto, decodeObjectSpecProto, encodeSpecProto } from './spec.js';
export type { Spec, ObjectSpec } from '../hclspec/model.js';
