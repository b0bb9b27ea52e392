/**
 * The messages of proto/hcl_spec.proto as plain objects: the shape Go's generated structs have,
 * in protobufjs' field naming (block_value -> blockValue). protobufjs' generated message classes
 * and `$Properties` types are assignable to these and back, so the same values feed our own
 * byte reader/writer and the protobufjs static code.
 *
 * `at` is not a protobuf field: our byte reader records there the offset of the message in the
 * input, so conversion errors can say where the offending message sits. Nothing writes it.
 */
export interface ProtoSpec {
  object?: ProtoObject | null;
  attr?: ProtoAttr | null;
  blockValue?: ProtoBlock | null;
  blockList?: ProtoBlockList | null;
  at?: number;
}

export interface ProtoObject {
  /** Attribute name -> spec. Build it with a null prototype (any string may be a key). */
  attributes?: { [name: string]: ProtoSpec } | null;
  /**
   * Not a protobuf field: our byte reader's form of `attributes` (a Map in wire order, cheaper to
   * build than an object with many keys). When set, it is used and `attributes` is ignored.
   */
  entries?: Map<string, ProtoSpec>;
  at?: number;
}

export interface ProtoAttr {
  name?: string | null;
  type?: ProtoCtyType | null;
  required?: boolean | null;
  at?: number;
}

export interface ProtoBlock {
  name?: string | null;
  required?: boolean | null;
  nested?: ProtoSpec | null;
  at?: number;
}

export interface ProtoBlockList {
  name?: string | null;
  nested?: ProtoSpec | null;
  at?: number;
}

export interface ProtoCtyType {
  primitive?: ProtoCtyPrimitive | null;
  list?: ProtoCtyElement | null;
  map?: ProtoCtyElement | null;
  at?: number;
}

export interface ProtoCtyPrimitive {
  typeString?: string | null;
  at?: number;
}

/** CtyList and CtyMap: both hold just the element type. */
export interface ProtoCtyElement {
  elementType?: ProtoCtyType | null;
  at?: number;
}
