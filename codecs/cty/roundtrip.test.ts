/**
 * Property tests: random cty types and values (nested collections, sets, unicode, nulls,
 * unknowns with refinements, big and tiny numbers) marshalled with random marshal types
 * (DynamicPseudoType positions, optional attributes) round-trip through go-cty msgpack and cty
 * JSON; re-encoding what was decoded gives the same bytes; hostile bytes give WireErrors only.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { marshalled, type GenOptions, type Marshalled } from '../../testkit/cty/arbitraries.js';
import { marshalCtyMsgpack, unmarshalCtyMsgpack } from './msgpack.js';
import { marshalCtyJSON, unmarshalCtyJSON } from './json.js';
import { typeToJSON, valueToCanonical } from './canonical.js';
import { T, typeEquals, type CtyType } from './types.js';
import { Unknown, type CtyValue, type Raw } from './values.js';
import { CtyNumber } from './number.js';
import { compareNumbers } from './number-ops.js';
import { isWireError } from '../wire/errors.js';

const INCONSISTENT = Symbol('inconsistent element types');

/**
 * The type go-cty gives the decoded value: a dynamic position takes the value's own type; a null
 * or unknown keeps the marshal type; collections take their element type from their elements
 * (first non-dynamic one), tuples and objects from theirs (optional markers dropped).
 */
function decodedType(mt: CtyType, vt: CtyType, raw: Raw): CtyType | typeof INCONSISTENT {
  if (mt.kind === 'dynamic') return vt.kind === 'dynamic' ? mt : decodedType(vt, vt, raw);
  if (raw === null || raw instanceof Unknown) return mt;
  const common = (types: Array<CtyType | typeof INCONSISTENT>): CtyType | typeof INCONSISTENT => {
    let et: CtyType = T.DynamicPseudoType;
    for (const t of types) {
      if (t === INCONSISTENT) return t;
      if (et.kind === 'dynamic') et = t;
      else if (t.kind !== 'dynamic' && !typeEquals(et, t)) return INCONSISTENT;
    }
    return et;
  };
  const all = <X>(xs: Array<X | typeof INCONSISTENT>): X[] | typeof INCONSISTENT => (xs.includes(INCONSISTENT) ? INCONSISTENT : (xs as X[]));
  switch (mt.kind) {
    case 'list':
    case 'set':
    case 'map': {
      const elems = mt.kind === 'map' ? [...(raw as Map<string, Raw>).values()] : (raw as Raw[]);
      if (elems.length === 0) return mt;
      const et = common(elems.map((e) => decodedType(mt.elem, (vt as typeof mt).elem, e)));
      return et === INCONSISTENT ? et : { kind: mt.kind, elem: et };
    }
    case 'tuple': {
      const ts = all((raw as Raw[]).map((e, i) => decodedType(mt.elems[i]!, (vt as typeof mt).elems[i]!, e)));
      return ts === INCONSISTENT ? ts : T.tuple(ts);
    }
    case 'object': {
      const names = [...mt.attrs.keys()];
      const ts = all(names.map((k) => decodedType(mt.attrs.get(k)!, (vt as typeof mt).attrs.get(k)!, (raw as Map<string, Raw>).get(k)!)));
      return ts === INCONSISTENT ? ts : T.object(new Map(names.map((k, i) => [k, ts[i]!])));
    }
    default:
      return mt;
  }
}

/** Raw values equal, numbers compared by value (msgpack may carry a number at another precision). */
function sameRaw(a: Raw, b: Raw): boolean {
  if (a instanceof CtyNumber || b instanceof CtyNumber) return a instanceof CtyNumber && b instanceof CtyNumber && compareNumbers(a, b) === 0;
  if (a instanceof Unknown || b instanceof Unknown) return a instanceof Unknown && b instanceof Unknown && sameRefinements(a, b);
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameRaw(x, b[i]!));
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, x] of a) if (!b.has(k) || !sameRaw(x, b.get(k)!)) return false;
    return true;
  }
  return a === b;
}

const sameRefinements = (a: Unknown, b: Unknown): boolean =>
  JSON.stringify(valueToCanonical({ type: T.String, raw: new Unknown(a.refinements) })) ===
  JSON.stringify(valueToCanonical({ type: T.String, raw: new Unknown(b.refinements) }));

const plain = (j: unknown): unknown => JSON.parse(JSON.stringify(j));

interface Codec {
  marshal(v: CtyValue, t: CtyType): Uint8Array;
  unmarshal(b: Uint8Array, t: CtyType): CtyValue;
  opts: GenOptions;
  /** Numbers keep their text exactly (cty JSON re-parses Go's shortest text at prec 512). */
  exactText: boolean;
}

const codecs: Record<string, Codec> = {
  msgpack: { marshal: marshalCtyMsgpack, unmarshal: unmarshalCtyMsgpack, opts: { unknowns: true, infinities: true }, exactText: false },
  json: { marshal: marshalCtyJSON, unmarshal: unmarshalCtyJSON, opts: { unknowns: false, infinities: false }, exactText: true },
};

function roundTrip(c: Codec, { value, type }: Marshalled): void {
  const bytes = c.marshal(value, type);
  const want = decodedType(type, value.type, value.raw);
  if (want === INCONSISTENT) {
    // go-cty panics reading these back (its ListVal/SetVal/MapVal refuse mixed element types).
    assert.throws(
      () => c.unmarshal(bytes, type),
      (e: unknown) => isWireError(e) && /inconsistent/.test(e.reason),
    );
    return;
  }
  const got = c.unmarshal(bytes, type);
  assert.equal(JSON.stringify(typeToJSON(got.type)), JSON.stringify(typeToJSON(want)));
  if (c.exactText) assert.equal(plain(valueToCanonical(got)), plain(valueToCanonical({ type: want, raw: value.raw })));
  else assert.ok(sameRaw(got.raw, value.raw), 'decoded raw value differs');
  // what was decoded encodes to the same bytes again
  assert.equal(Buffer.from(c.marshal(got, type)).toString('hex'), Buffer.from(bytes).toString('hex'));
}

for (const [name, c] of Object.entries(codecs)) {
  test(`${name}: random values round-trip unchanged and re-encode to the same bytes`, () => {
    fc.assert(
      fc.property(marshalled(c.opts), (m) => roundTrip(c, m)),
      { numRuns: 600 },
    );
  });

  test(`${name}: mutated and truncated encodings decode or fail with a WireError, nothing else`, () => {
    const mutated = marshalled(c.opts).chain((m) => {
      const bytes = c.marshal(m.value, m.type);
      return fc.record({
        m: fc.constant(m),
        bytes: fc.constant(bytes),
        cut: fc.nat({ max: bytes.length }),
        flips: fc.array(fc.tuple(fc.nat({ max: Math.max(0, bytes.length - 1) }), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
      });
    });
    fc.assert(
      fc.property(mutated, ({ m, bytes, cut, flips }) => {
        const b = bytes.slice(0, Math.max(cut, flips.length ? bytes.length : 0));
        for (const [i, x] of flips) if (i < b.length) b[i] = x;
        try {
          c.unmarshal(b, m.type);
          c.unmarshal(b, T.DynamicPseudoType);
        } catch (e) {
          if (!isWireError(e)) throw e;
          assert.ok(e.codec === (name === 'msgpack' ? 'msgpack' : 'cty-json'), `codec ${e.codec}`);
          assert.ok(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= b.length, `offset ${e.offset} of ${b.length}`);
        }
      }),
      { numRuns: 600 },
    );
  });

  test(`${name}: random bytes never escape as anything but a WireError`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        try {
          c.unmarshal(b, T.DynamicPseudoType);
        } catch (e) {
          if (!isWireError(e)) throw e;
        }
      }),
      { numRuns: 1000 },
    );
  });
}

test.run();
