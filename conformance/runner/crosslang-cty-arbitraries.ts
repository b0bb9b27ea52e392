/**
 * Test support for the cross-language property tests: fast-check arbitraries that draw cty types,
 * cty values and hcldec specs directly as canonical JSON (vectors/README.md), from small named
 * pieces. Go builds the real value from this JSON (conformance/cmd/roundtrip), so a draw need not
 * be normalised (NFC strings, set order and duplicates, number rounding are Go's business); draws
 * Go refuses (a refinement on the wrong type, a null set element, …) are counted and skipped.
 */
import fc from 'fast-check';
import { escapeKey, type Json } from '../../codecs/cty/canonical.js';
import { ROUNDING_MODES } from '../../codecs/cty/number.js';
import { specName } from '../../testkit/hclspec/spec-arbitraries.js';

/** go-cty's JSON type syntax. */
export type TypeJson = Json;

/** A JSON object for user keys: no prototype, so "__proto__" is a key like any other. */
export function dictOf(pairs: readonly (readonly [string, Json])[]): { [k: string]: Json } {
  const o = Object.create(null) as { [k: string]: Json };
  for (const [k, v] of pairs) o[k] = v;
  return o;
}

/** Attribute names and map keys: ASCII, any Unicode, and keys that trip up JS objects. */
export const ctyKey: fc.Arbitrary<string> = specName;

/** Strings: ASCII, any Unicode, text that NFC changes, the msgpack str8/str16 size boundaries. */
export const ctyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', 'e\u0301', '\u212b', '\ufb01', '\u1100\u1161\u11a8', '$x', '$$y', '__proto__', 'a\u0000b', '\u{1f389}', '\u2028'),
  },
  { weight: 1, arbitrary: fc.constantFrom(31, 32, 255, 256, 65535, 65536).map((n) => 'x'.repeat(n)) },
);

// ---- numbers ----

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));

/** Decimal text in the syntax big.ParseFloat and go-cty accept. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -1000, max: 1000 }).map(String) },
  { weight: 2, arbitrary: fc.bigInt({ min: -(1n << 90n), max: 1n << 90n }).map(String) },
  { weight: 3, arbitrary: fc.tuple(fc.boolean(), digits(1, 6), digits(1, 12)).map(([neg, i, f]) => `${neg ? '-' : ''}${i}.${f}`) },
  { weight: 2, arbitrary: fc.tuple(fc.boolean(), digits(1, 20), fc.integer({ min: -340, max: 340 })).map(([neg, m, e]) => `${neg ? '-' : ''}${m}e${e}`) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? '-0' : String(d))) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '0',
      '-0',
      '0.1',
      '1e100',
      '9007199254740993',
      '18446744073709551615',
      '-9223372036854775808',
      '+Inf',
      '-Inf',
      '5e-324',
      '1.7976931348623157e308',
    ),
  },
);

/** Precisions a big.Float meets in Packer: SetInt64 (64), SetFloat64 (53), ParseNumberVal (512), and odd ones. */
export const precision: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(53, 64, 512), fc.integer({ min: 1, max: 600 }));

export interface ValueOptions {
  /** Unknown values: none, plain `{"$unknown": {}}`, or with refinements too. */
  readonly unknowns: 'none' | 'plain' | 'refined';
  /** gob-value numbers carry precision and rounding mode. */
  readonly withPrec: boolean;
  /** Draw dynamic-typed values too (null or unknown); gob cannot send their type. */
  readonly dynamic: boolean;
}

const numberJson = (o: ValueOptions): fc.Arbitrary<Json> =>
  o.withPrec
    ? fc.record({ t: numberText, prec: precision, mode: fc.constantFrom(...ROUNDING_MODES) }).map(({ t, prec, mode }) => ({ $number: t, prec, mode }))
    : numberText.map((t) => ({ $number: t }));

// ---- types ----

const primitiveType: fc.Arbitrary<TypeJson> = fc.constantFrom('string', 'number', 'bool');

/** [name, type] pairs with unique names. */
const attrPairs = (t: fc.Arbitrary<TypeJson>): fc.Arbitrary<[string, TypeJson][]> =>
  fc.uniqueArray(fc.tuple(ctyKey, t), { selector: (p) => p[0], maxLength: 4 });

const objectType = (t: fc.Arbitrary<TypeJson>, optional: boolean): fc.Arbitrary<TypeJson> =>
  attrPairs(t).chain((pairs) => {
    const attrs = dictOf(pairs);
    if (!optional || pairs.length === 0) return fc.constant<TypeJson>(['object', attrs]);
    return fc.subarray(pairs.map((p) => p[0])).map((opt): TypeJson => (opt.length ? ['object', attrs, opt] : ['object', attrs]));
  });

/** Any cty type except dynamic; `optional` allows object types with optional attributes. */
export function ctyType(opts: { optional: boolean }): fc.Arbitrary<TypeJson> {
  return fc.letrec<{ t: TypeJson }>((tie) => ({
    t: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      primitiveType,
      tie('t').map((e): TypeJson => ['list', e]),
      tie('t').map((e): TypeJson => ['set', e]),
      tie('t').map((e): TypeJson => ['map', e]),
      fc.array(tie('t'), { maxLength: 3 }).map((es): TypeJson => ['tuple', es]),
      objectType(tie('t'), opts.optional),
    ),
  })).t;
}

/**
 * The types a gob-mode spec can name: not `dynamic` (go-cty's pseudo-type is not registered with
 * gob, so Go cannot send it), but object types with optional attributes.
 */
export const specType: fc.Arbitrary<TypeJson> = ctyType({ optional: true });

/** The type a marshaller is given for a value of type t: t with some parts (or all) made dynamic. */
export function marshalTypeFor(t: TypeJson): fc.Arbitrary<TypeJson> {
  const dyn = fc.constant<TypeJson>('dynamic');
  if (typeof t === 'string' || !Array.isArray(t)) return fc.oneof({ weight: 3, arbitrary: fc.constant(t) }, { weight: 1, arbitrary: dyn });
  const [kind, a, opt] = t as [string, Json, Json?];
  let inner: fc.Arbitrary<TypeJson>;
  if (kind === 'list' || kind === 'set' || kind === 'map') inner = marshalTypeFor(a).map((e): TypeJson => [kind, e]);
  else if (kind === 'tuple') inner = fc.tuple(...(a as TypeJson[]).map(marshalTypeFor)).map((es): TypeJson => ['tuple', es]);
  else {
    const names = Object.keys(a as object);
    inner = fc.tuple(...names.map((n) => marshalTypeFor((a as { [k: string]: Json })[n]!))).map((ts): TypeJson => {
      const attrs = dictOf(names.map((n, i) => [n, ts[i]!] as const));
      return opt === undefined ? ['object', attrs] : ['object', attrs, opt];
    });
  }
  return fc.oneof({ weight: 4, arbitrary: inner }, { weight: 1, arbitrary: dyn });
}

// ---- values ----

const refinements = (t: TypeJson): fc.Arbitrary<Json> => {
  const parts: Record<string, fc.Arbitrary<Json>> = { notNull: fc.constant(true) };
  if (t === 'string') parts['stringPrefix'] = ctyString.filter((s) => s !== '' && s.length < 20);
  if (t === 'number') {
    parts['numberLower'] = fc.tuple(fc.integer({ min: -100, max: 0 }).map(String), fc.boolean());
    parts['numberUpper'] = fc.tuple(fc.integer({ min: 1, max: 100 }).map(String), fc.boolean());
  }
  if (Array.isArray(t) && (t[0] === 'list' || t[0] === 'set' || t[0] === 'map')) {
    parts['lengthLower'] = fc.integer({ min: 0, max: 3 });
    parts['lengthUpper'] = fc.integer({ min: 3, max: 6 });
  }
  return fc.record(parts, { requiredKeys: [] }).map((r) => r as Json);
};

const unknownOf = (t: TypeJson, o: ValueOptions): fc.Arbitrary<Json> =>
  o.unknowns === 'refined'
    ? fc.oneof(
        fc.constant<Json>({ $unknown: {} }),
        refinements(t).map((r): Json => ({ $unknown: r })),
      )
    : fc.constant<Json>({ $unknown: {} });

/** A value of type t (the V part of {"type", "value"}), nested at most `depth` more levels. */
export function valueOf(t: TypeJson, o: ValueOptions, depth = 4): fc.Arbitrary<Json> {
  const known = knownOf(t, o, depth);
  const alts: { weight: number; arbitrary: fc.Arbitrary<Json> }[] = [
    { weight: 8, arbitrary: known },
    { weight: 1, arbitrary: fc.constant(null) },
  ];
  if (o.unknowns !== 'none') alts.push({ weight: 1, arbitrary: unknownOf(t, o) });
  return fc.oneof(...alts);
}

function knownOf(t: TypeJson, o: ValueOptions, depth: number): fc.Arbitrary<Json> {
  const max = depth > 0 ? 3 : 0;
  switch (t) {
    case 'string':
      return ctyString;
    case 'bool':
      return fc.boolean();
    case 'number':
      return numberJson(o);
    case 'dynamic':
      return fc.constant(null);
  }
  const [kind, a] = t as [string, Json];
  switch (kind) {
    case 'list':
    case 'set':
      return fc.array(valueOf(a, o, depth - 1), { maxLength: max });
    case 'map':
      return fc
        .uniqueArray(fc.tuple(ctyKey, valueOf(a, o, depth - 1)), { selector: (p) => p[0], maxLength: max })
        .map((ps) => dictOf(ps.map(([k, v]) => [escapeKey(k), v])));
    case 'tuple':
      return fc.tuple(...(a as TypeJson[]).map((e) => valueOf(e, o, depth - 1))).map((vs): Json => vs);
    case 'object': {
      const names = Object.keys(a as object);
      return fc
        .tuple(...names.map((n) => valueOf((a as { [k: string]: Json })[n]!, o, depth - 1)))
        .map((vs) => dictOf(names.map((n, i) => [escapeKey(n), vs[i]!] as const)));
    }
  }
  throw new Error(`not a cty type: ${JSON.stringify(t)}`);
}

/** A whole canonical cty value {"type", "value"} (a dynamic-typed one is null or unknown). */
export function ctyValue(o: ValueOptions): fc.Arbitrary<{ type: TypeJson; value: Json }> {
  const typed = ctyType({ optional: false }).chain((type) => valueOf(type, o).map((value) => ({ type, value })));
  const dynamic = (o.unknowns === 'none' ? fc.constant<Json>(null) : fc.constantFrom<Json>(null, { $unknown: {} })).map((value) => ({
    type: 'dynamic' as TypeJson,
    value,
  }));
  return o.dynamic ? fc.oneof({ weight: 20, arbitrary: typed }, { weight: 1, arbitrary: dynamic }) : typed;
}

/** A value and the type its marshaller is given (context.type of msgpack-value / json-value). */
export function marshalledValue(o: ValueOptions): fc.Arbitrary<{ canonical: { type: TypeJson; value: Json }; marshalType: TypeJson }> {
  return ctyValue(o).chain((canonical) => marshalTypeFor(canonical.type).map((marshalType) => ({ canonical, marshalType })));
}

// ---- hcldec specs, every kind gob carries ----

const literalValue: fc.Arbitrary<Json> = ctyValue({ unknowns: 'none', withPrec: false, dynamic: false }).map((v) => v as unknown as Json);

/**
 * Any hcldec spec node the SDK can send with gob, as canonical JSON; `object` is an `$object` (the
 * shape of a ConfigSpec). hcldec registers every spec type with gob but BlockTupleSpec,
 * BlockObjectSpec and BlockAttrsSpec, the SDK registers the last two: Go cannot send a
 * BlockTupleSpec, so none is drawn.
 */
export const gobSpecs = fc.letrec<{ spec: Json; object: Json; nested: Json }>((tie) => ({
  spec: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ Name: specName, Type: specType, Required: fc.boolean() }).map((f): Json => ({ $attr: f })),
    literalValue.map((Value): Json => ({ $literal: { Value } })),
    tie('object'),
    fc.array(tie('spec'), { maxLength: 3 }).map((items): Json => ({ $tuple: items })),
    fc.record({ TypeName: specName, Nested: tie('nested'), Required: fc.boolean() }).map((f): Json => ({ $block: f })),
    fc
      .record({ tag: fc.constantFrom('$blockList', '$blockSet'), TypeName: specName, Nested: tie('nested'), MinItems: fc.nat(5), MaxItems: fc.nat(5) })
      .map(({ tag, ...f }): Json => ({ [tag]: f })),
    fc
      .record({
        tag: fc.constantFrom('$blockMap', '$blockObject'),
        TypeName: specName,
        LabelNames: fc.array(specName, { maxLength: 3 }),
        Nested: tie('nested'),
      })
      .map(({ tag, ...f }): Json => ({ [tag]: f })),
    fc.record({ TypeName: specName, ElementType: specType, Required: fc.boolean() }).map((f): Json => ({ $blockAttrs: f })),
    fc.record({ Index: fc.nat(5), Name: specName }).map((f): Json => ({ $blockLabel: f })),
    fc.record({ Primary: tie('nested'), Default: tie('nested') }).map((f): Json => ({ $default: f })),
  ),
  object: fc
    .uniqueArray(fc.tuple(specName, tie('spec')), { selector: (p) => p[0], maxLength: 4 })
    .map((ps): Json => ({ $object: dictOf(ps.map(([k, s]) => [escapeKey(k), s])) })),
  nested: fc.option(tie('spec'), { nil: null, freq: 4 }),
}));

/** An ObjectSpec with any spec kinds inside (a gob-mode ConfigSpec). */
export const gobObjectSpec: fc.Arbitrary<Json> = gobSpecs.object;

// ---- rpc requests whose Configs carry cty values ----

/** The methods whose request body is `{Configs []interface{}}`, cty values travelling as cty JSON. */
export const CONFIGS_METHODS = ['Builder.Prepare', 'Provisioner.Prepare', 'PostProcessor.Configure', 'Datasource.Configure'] as const;

/** One Configs element: a cty value (`{"$cty": …}`), or what Packer core also passes (a string, nil, a map). */
const configsElement: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: ctyValue({ unknowns: 'none', withPrec: false, dynamic: true }).map((v): Json => ({ $cty: v as unknown as Json })) },
  { weight: 1, arbitrary: ctyString },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.uniqueArray(fc.tuple(ctyKey, ctyString), { selector: (p) => p[0], maxLength: 3 }).map((ps): Json => ({ $map: ps })) },
);

/** A Prepare/Configure request as canonical JSON with its rpc context. */
export const configsRequest: fc.Arbitrary<{ canonical: Json; context: { direction: string; serviceMethod: string } }> = fc
  .record({
    sm: fc.constantFrom(...CONFIGS_METHODS),
    seq: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    configs: fc.option(fc.array(configsElement, { maxLength: 3 }), { nil: null, freq: 8 }),
  })
  .map(({ sm, seq, configs }) => ({
    canonical: { header: { ServiceMethod: sm, Seq: { $uint: seq.toString() } }, body: { Configs: configs } },
    context: { direction: 'request', serviceMethod: sm },
  }));
