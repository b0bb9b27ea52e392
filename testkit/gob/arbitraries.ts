/**
 * Test support: fast-check arbitraries for what gob carries in Packer: cty types and values as
 * go-cty can gob-encode them (no DynamicPseudoType, no unknowns) and hcldec specs of every kind
 * Go registers. A tuple type with no elements is generated the way gob gives it back (a nil
 * element list).
 */
import fc from 'fast-check';
import { NIL_TYPE_LIST, T, type CtyType } from '../../codecs/cty/types.js';
import type { CtyValue, Raw } from '../../codecs/cty/values.js';
import { parseNumberText } from '../../codecs/cty/numtext.js';
import { buildSet } from '../../codecs/cty/set-order.js';
import type { ObjectSpec, Spec } from '../../codecs/hclspec/model.js';

const name = fc.string({ unit: 'grapheme', maxLength: 8 });
const attrName = fc.oneof(fc.constantFrom('a', 'b', 'name', '$x', 'ünï'), name);

const tupleOf = (elems: CtyType[]): CtyType => T.tuple(elems.length === 0 ? NIL_TYPE_LIST : elems);

/** cty types gob can carry, at most a few levels deep. */
export const ctyType: fc.Arbitrary<CtyType> = fc.letrec<{ t: CtyType }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(T.String, T.Number, T.Bool),
    tie('t').map(T.list),
    tie('t').map(T.set),
    tie('t').map(T.map),
    fc.array(tie('t'), { maxLength: 3 }).map(tupleOf),
    fc.dictionary(attrName, tie('t'), { maxKeys: 3 }).chain((attrs) => fc.subarray(Object.keys(attrs)).map((opt) => T.object(attrs, opt))),
  ),
})).t;

/** Decimal texts go-cty would parse, and the infinities. */
const numberText = fc.oneof(
  fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }).map(String),
  fc.tuple(fc.integer(), fc.nat({ max: 999999 }), fc.integer({ min: -30, max: 30 })).map(([a, b, e]) => `${a}.${b}e${e}`),
  fc.constantFrom('0', '-0', '+Inf', '-Inf', '0.1', '1e400', '-1e-400'),
);
const number = fc.tuple(numberText, fc.constantFrom(512, 64, 24)).map(([s, prec]) => parseNumberText(s, prec));

/** A raw value of type t (null anywhere). */
export function rawOf(t: CtyType, depth = 0): fc.Arbitrary<Raw> {
  const orNull = <V extends Raw>(a: fc.Arbitrary<V>): fc.Arbitrary<Raw> => fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: a });
  const n = depth > 3 ? 1 : 3;
  switch (t.kind) {
    case 'string':
      return orNull(fc.string({ unit: 'grapheme', maxLength: 12 }));
    case 'bool':
      return orNull(fc.boolean());
    case 'number':
      return orNull(number);
    case 'list':
      return orNull(fc.array(rawOf(t.elem, depth + 1), { maxLength: n }));
    case 'set':
      // As cty.SetVal builds them: duplicates collapse, go-cty's own order.
      return orNull(fc.array(rawOf(t.elem, depth + 1), { maxLength: n }).map((a) => buildSet(t.elem, a)));
    case 'tuple':
      return orNull(fc.tuple(...t.elems.map((e) => rawOf(e, depth + 1))).map((a) => [...a] as Raw[]));
    case 'map':
      return orNull(fc.dictionary(attrName, rawOf(t.elem, depth + 1), { maxKeys: n }).map((d) => new Map(Object.entries(d))));
    case 'object': {
      const names = [...t.attrs.keys()];
      return orNull(fc.tuple(...names.map((k) => rawOf(t.attrs.get(k)!, depth + 1))).map((vs) => new Map(names.map((k, i) => [k, vs[i]!]))));
    }
    case 'dynamic':
      return fc.constant(null);
  }
}

export const ctyValue: fc.Arbitrary<CtyValue> = ctyType.chain((type) => rawOf(type).map((raw) => ({ type, raw })));

const int = fc.integer({ min: -1000, max: 1 << 30 });

/** Specs of every kind Go registers with gob (not BlockTupleSpec). */
export const spec: fc.Arbitrary<Spec> = fc.letrec<{ s: Spec; n: Spec | null; o: ObjectSpec }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('attr' as const), name, type: ctyType, required: fc.boolean() }),
    fc.record({ kind: fc.constant('blockLabel' as const), index: int, name }),
    fc.record({ kind: fc.constant('blockAttrs' as const), typeName: name, elementType: ctyType, required: fc.boolean() }),
    ctyValue.map((value) => ({ kind: 'literal' as const, value })),
    fc.record({ kind: fc.constant('block' as const), typeName: name, nested: tie('n'), required: fc.boolean() }),
    fc.record({ kind: fc.constantFrom('blockList' as const, 'blockSet' as const), typeName: name, nested: tie('n'), minItems: int, maxItems: int }),
    fc.record({
      kind: fc.constantFrom('blockMap' as const, 'blockObject' as const),
      typeName: name,
      labelNames: fc.array(name, { maxLength: 3 }),
      nested: tie('n'),
    }),
    fc.record({ kind: fc.constant('default' as const), primary: tie('n'), default: tie('n') }),
    fc.array(tie('s'), { maxLength: 3 }).map((items) => ({ kind: 'tuple' as const, items })),
    tie('o'),
  ) as fc.Arbitrary<Spec>,
  n: fc.option(tie('s'), { nil: null }),
  o: fc.dictionary(attrName, tie('s'), { maxKeys: 4 }).map((d) => ({ kind: 'object' as const, attrs: new Map(Object.entries(d)) })),
})).s;

export const objectSpec: fc.Arbitrary<ObjectSpec> = fc
  .dictionary(attrName, spec, { maxKeys: 5 })
  .map((d) => ({ kind: 'object', attrs: new Map(Object.entries(d)) }));
