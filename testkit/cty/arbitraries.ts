/**
 * Test support: fast-check arbitraries for cty types and values as go-cty's msgpack and JSON
 * encodings carry them: nested collections, unicode (NFC, as cty.StringVal normalises), nulls,
 * unknowns with and without refinements, big and tiny numbers, sets built the way go-cty builds
 * them, and marshal types with DynamicPseudoType positions and optional attributes.
 */
import fc from 'fast-check';
import { T, type CtyType } from '../../codecs/cty/types.js';
import { Unknown, type CtyValue, type Raw, type Refinements } from '../../codecs/cty/values.js';
import type { CtyNumber } from '../../codecs/cty/number.js';
import { compareNumbers, numberFromFloat64, numberFromInt64 } from '../../codecs/cty/number-ops.js';
import { parseNumberText } from '../../codecs/cty/numtext.js';
import { buildSet } from '../../codecs/cty/set-order.js';

export interface GenOptions {
  /** Unknown values allowed (msgpack only: cty JSON cannot write them). */
  unknowns: boolean;
  /** ±Inf allowed (msgpack only). */
  infinities: boolean;
}

const nfc = (s: string): string => s.normalize('NFC');

/** Unicode text: ASCII, escapes, combining marks, astral characters, U+2028. */
export const ctyString: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ maxLength: 10 }),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.constantFrom('', '$x', '<&>', 'e\u0301', '\u2028\u2029', '\u0000\t\n"\\', '😀𝄞', '\u007f', 'ÅÅ'),
  )
  .map(nfc);

const attrName = fc.oneof(fc.constantFrom('a', 'b', 'name', '$x', 'ünï', 'A', 'a b'), fc.string({ maxLength: 4 })).map(nfc);

/** Concrete cty types (no DynamicPseudoType, no optional markers: what values carry). */
export const valueType: fc.Arbitrary<CtyType> = fc.letrec<{ t: CtyType }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(T.String, T.Number, T.Bool),
    tie('t').map(T.list),
    tie('t').map(T.set),
    tie('t').map(T.map),
    fc.array(tie('t'), { maxLength: 3 }).map((e) => T.tuple(e)),
    fc.uniqueArray(fc.tuple(attrName, tie('t')), { maxLength: 3, selector: (x) => x[0] }).map((kv) => T.object(new Map(kv))),
  ),
})).t;

/** Numbers in the forms go-cty produces: SetInt64 (prec 64), SetFloat64 (53), ParseNumberVal (512). */
export function ctyNumber(opts: Pick<GenOptions, 'infinities'>): fc.Arbitrary<CtyNumber> {
  const finite: fc.Arbitrary<CtyNumber>[] = [
    fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map(numberFromInt64),
    fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((x) => !Number.isInteger(x) && Number.isFinite(x))
      .map(numberFromFloat64),
    fc.bigInt({ min: -(1n << 100n), max: 1n << 100n }).map((b) => parseNumberText(String(b))),
    fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -400, max: 400 })).map(([m, e]) => parseNumberText(`${m}e${e}`)),
    fc.constantFrom('0.1', '1e400', '-1e-400', '3.14159265358979323846264338327950288', '0.5').map((s) => parseNumberText(s)),
  ];
  if (!opts.infinities) return fc.oneof(...finite);
  return fc.oneof(...finite, fc.constantFrom(Infinity, -Infinity).map(numberFromFloat64));
}

/** Refinements go-cty can carry for an unknown of type t (never ones that collapse the value). */
function refinementsOf(t: CtyType): fc.Arbitrary<Readonly<Refinements> | undefined> {
  const notNull = fc.boolean();
  switch (t.kind) {
    case 'string':
      return fc
        .record({ notNull, prefix: fc.option(ctyString.filter((s) => s !== '' && new TextEncoder().encode(s).length <= 200)) })
        .map(({ notNull, prefix }) => {
          const r: Refinements = {};
          if (notNull) r.notNull = true;
          if (prefix) r.stringPrefix = prefix;
          return r;
        });
    case 'number':
      return fc
        .record({
          notNull,
          lo: fc.option(fc.tuple(ctyNumber({ infinities: false }), fc.boolean())),
          hi: fc.option(fc.tuple(ctyNumber({ infinities: false }), fc.boolean())),
        })
        .map(({ notNull, lo, hi }) => {
          if (lo && hi) {
            const c = compareNumbers(lo[0], hi[0]);
            if (c >= 0) hi = null;
          }
          const r: Refinements = {};
          if (notNull) r.notNull = true;
          if (lo) r.numberLower = lo;
          if (hi) r.numberUpper = hi;
          return r;
        });
    case 'list':
    case 'set':
    case 'map':
      return fc.record({ notNull, lo: fc.option(fc.integer({ min: 1, max: 5 })), hi: fc.option(fc.integer({ min: 0, max: 9 })) }).map(({ notNull, lo, hi }) => {
        if (hi !== null && (hi < (lo ?? 0) || (hi === (lo ?? 0) && notNull))) hi = null;
        const r: Refinements = {};
        if (notNull) r.notNull = true;
        if (lo !== null) r.lengthLower = lo;
        if (hi !== null) r.lengthUpper = hi;
        return r;
      });
    case 'dynamic':
      return fc.constant(undefined);
    default:
      return fc.boolean().map((nn) => (nn ? { notNull: true } : {}));
  }
}

const unknownOf = (t: CtyType): fc.Arbitrary<Raw> =>
  fc.oneof(
    fc.constant(Unknown.plain),
    refinementsOf(t).map((r) => (r && Object.keys(r).length > 0 ? new Unknown(r) : Unknown.plain)),
  );

/** A raw value of concrete type t. */
export function rawOf(t: CtyType, opts: GenOptions, depth = 0): fc.Arbitrary<Raw> {
  const n = depth > 2 ? 1 : 3;
  const special: { weight: number; arbitrary: fc.Arbitrary<Raw> }[] = [{ weight: 1, arbitrary: fc.constant(null) }];
  if (opts.unknowns) special.push({ weight: 1, arbitrary: unknownOf(t) });
  const known = ((): fc.Arbitrary<Raw> => {
    switch (t.kind) {
      case 'string':
        return ctyString;
      case 'bool':
        return fc.boolean();
      case 'number':
        return ctyNumber(opts);
      case 'list':
        return fc.array(rawOf(t.elem, opts, depth + 1), { maxLength: n });
      case 'set':
        return fc.array(rawOf(t.elem, opts, depth + 1), { maxLength: n + 1 }).map((es) => buildSet(t.elem, es));
      case 'tuple':
        return fc.tuple(...t.elems.map((e) => rawOf(e, opts, depth + 1))).map((a) => [...a] as Raw[]);
      case 'map':
        return fc.uniqueArray(fc.tuple(attrName, rawOf(t.elem, opts, depth + 1)), { maxLength: n, selector: (x) => x[0] }).map((kv) => new Map(kv));
      case 'object': {
        const names = [...t.attrs.keys()];
        return fc.tuple(...names.map((k) => rawOf(t.attrs.get(k)!, opts, depth + 1))).map((vs) => new Map(names.map((k, i) => [k, vs[i]!])));
      }
      case 'dynamic':
        return fc.constant(null);
    }
  })();
  return fc.oneof({ weight: 6, arbitrary: known }, ...special);
}

/** A marshal type for values of type vt: some positions DynamicPseudoType, some attributes optional. */
export function marshalTypeFor(vt: CtyType): fc.Arbitrary<CtyType> {
  const inner = ((): fc.Arbitrary<CtyType> => {
    switch (vt.kind) {
      case 'list':
      case 'set':
      case 'map': {
        const k = vt.kind;
        return marshalTypeFor(vt.elem).map((e) => ({ kind: k, elem: e }) as CtyType);
      }
      case 'tuple':
        return vt.elems.length === 0 ? fc.constant(vt) : fc.tuple(...vt.elems.map(marshalTypeFor)).map((es) => T.tuple(es));
      case 'object': {
        const names = [...vt.attrs.keys()];
        if (names.length === 0) return fc.constant(vt);
        return fc
          .tuple(fc.tuple(...names.map((k) => marshalTypeFor(vt.attrs.get(k)!))), fc.subarray(names))
          .map(([ts, opt]) => T.object(new Map(names.map((k, i) => [k, ts[i]!])), opt));
      }
      default:
        return fc.constant(vt);
    }
  })();
  return fc.oneof({ weight: 4, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(T.DynamicPseudoType) });
}

/** A value and the type it is marshalled with. */
export interface Marshalled {
  value: CtyValue;
  type: CtyType;
}

export function marshalled(opts: GenOptions): fc.Arbitrary<Marshalled> {
  return valueType.chain((vt) => fc.record({ raw: rawOf(vt, opts), type: marshalTypeFor(vt) }).map(({ raw, type }) => ({ value: { type: vt, raw }, type })));
}
