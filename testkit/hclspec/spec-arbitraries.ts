/**
 * Test support: fast-check arbitraries for the Spec model, built from small named pieces.
 * `protoObjectSpec` draws only what the protobuf Spec can express (ObjectSpec / AttrSpec /
 * BlockSpec / BlockListSpec with MinItems = MaxItems = 0; primitive, list and map types), so a
 * trip through protobuf must give it back unchanged.
 */
import fc from 'fast-check';
import { T, type CtyType } from '../../codecs/cty/types.js';
import type { AttrSpec, BlockListSpec, BlockSpec, ObjectSpec, Spec } from '../../codecs/hclspec/model.js';

/** Names: ASCII, any Unicode (astral included), and keys that trip up JS objects. */
export const specName: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', '0', '1', '10', '4294967295', '__proto__', 'constructor', '$x', '$$y', 'a b', 'é'),
);

export const primitiveType: fc.Arbitrary<CtyType> = fc.constantFrom(T.String, T.Number, T.Bool);

/** Primitive, list and map types, nested a few levels. */
export const protoCtyType: fc.Arbitrary<CtyType> = fc.letrec<{ type: CtyType }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitiveType,
    tie('type').map((t) => T.list(t)),
    tie('type').map((t) => T.map(t)),
  ),
})).type;

export const attrSpec: fc.Arbitrary<AttrSpec> = fc.record({
  kind: fc.constant('attr' as const),
  name: specName,
  type: protoCtyType,
  required: fc.boolean(),
});

/** Attribute maps of an ObjectSpec, from [name, spec] pairs with unique names. */
const attrMap = (spec: fc.Arbitrary<Spec>, maxLength: number): fc.Arbitrary<ReadonlyMap<string, Spec>> =>
  fc.uniqueArray(fc.tuple(specName, spec), { selector: (p) => p[0], maxLength }).map((pairs) => new Map(pairs));

const specs = fc.letrec<{ spec: Spec; object: ObjectSpec; block: BlockSpec; blockList: BlockListSpec }>((tie) => ({
  spec: fc.oneof({ depthSize: 'small', withCrossShrink: true }, attrSpec, tie('object'), tie('block'), tie('blockList')),
  object: attrMap(tie('spec'), 4).map((attrs): ObjectSpec => ({ kind: 'object', attrs })),
  block: fc.record({ kind: fc.constant('block' as const), typeName: specName, nested: tie('spec'), required: fc.boolean() }),
  blockList: fc.record({
    kind: fc.constant('blockList' as const),
    typeName: specName,
    nested: tie('spec'),
    minItems: fc.constant(0),
    maxItems: fc.constant(0),
  }),
}));

/** Any spec node protobuf can express. */
export const protoSpec: fc.Arbitrary<Spec> = specs.spec;
/** An ObjectSpec protobuf can express (the shape of a ConfigSpec). */
export const protoObjectSpec: fc.Arbitrary<ObjectSpec> = specs.object;
