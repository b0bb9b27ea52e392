/**
 * Hostile protobuf `Spec` messages (proto/hcl_spec.proto): blocks and list types nested far past
 * MAX_DEPTH, and length prefixes far past the input.
 */
import { bytes, nest, utf8 } from './build.js';
import { leb128 } from '../ints.js';
import { DEPTHS, HUGE, type Shape } from './shape.js';

const varint = (v: number | bigint): Uint8Array => leb128.write(BigInt(v));
const LEN = 2;
const tag = (field: number): Uint8Array => varint((field << 3) | LEN);
const field = (n: number, body: Uint8Array): Uint8Array => bytes(tag(n), varint(body.length), body);
const str = (n: number, s: string): Uint8Array => field(n, utf8(s));

const ACCEPT = { kind: 'accept' };

// Spec: object 1, attr 2, block_value 3. Block: name 1, nested 3. Attr: name 1, type 2.
// CtyType: primitive 1, list 2. CtyPrimitive: typeString 1. CtyList: elementType 1. Object: attributes 1 (map entry key 1, value 2).
const primitive = (name: string): Uint8Array => field(1, str(1, name));
const attrSpec = (type: Uint8Array): Uint8Array => field(2, bytes(str(1, 'x'), field(2, type)));
const objectOf = (spec: Uint8Array): Uint8Array => field(1, field(1, bytes(str(1, 'a'), field(2, spec))));

/** Spec{block_value: Block{name: "b", nested: Spec{block_value: …}}}, inside an object. */
function blockChain(depth: number): Uint8Array {
  const leaf = attrSpec(primitive('cty.String'));
  // Each level: Spec.block_value(3) { Block.name(1) "b", Block.nested(3) { <inner Spec> } }.
  const name = str(1, 'b');
  const spec = nest(depth, leaf, (inner) => {
    const nested = bytes(tag(3), varint(inner));
    return [bytes(tag(3), varint(name.length + nested.length + inner), name, nested), new Uint8Array(0)];
  });
  return objectOf(spec);
}

/** An attribute whose type is list(list(…(string))), `depth` lists deep. */
function listTypeChain(depth: number): Uint8Array {
  // Each level: CtyType.list(2) { CtyList.elementType(1) { <inner CtyType> } }.
  const type = nest(depth, primitive('cty.String'), (inner) => {
    const elem = bytes(tag(1), varint(inner));
    return [bytes(tag(2), varint(elem.length + inner), elem), new Uint8Array(0)];
  });
  return objectOf(attrSpec(type));
}

export const protoShapes: readonly Shape[] = [
  {
    name: 'proto-block-chain',
    families: ['proto-spec'],
    about: 'a Spec whose Block.nested is a Spec with a Block, N deep',
    sizes: DEPTHS,
    make: (n) => ({ bytes: blockChain(n), ctx: ACCEPT }),
  },
  {
    name: 'proto-list-type-chain',
    families: ['proto-spec'],
    about: 'an Attr whose CtyType is a list of a list of … string, N deep',
    sizes: DEPTHS,
    make: (n) => ({ bytes: listTypeChain(n), ctx: ACCEPT }),
  },
  {
    name: 'proto-huge-length',
    families: ['proto-spec'],
    about: 'Spec.object declaring N bytes, 3 present',
    sizes: HUGE,
    make: (n) => ({ bytes: bytes(tag(1), varint(n), 1, 2, 3), ctx: ACCEPT }),
  },
];
