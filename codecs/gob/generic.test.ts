/** gob-generic canonical JSON <-> the dynamic model, and Go's float formatting. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { canonicalDiff } from '../../testkit/compare.js';
import { WireError } from '../wire/errors.js';
import { decodeGobStream } from './dynamic.js';
import { encodeGobStream } from './dynamic-encode.js';
import { streamFromCanonical, streamToCanonical } from './generic.js';
import { formatGoFloat } from '../golang/strconv.js';
import { parseGoFloatBits } from './gofloat.js';
import { float64Bits } from './wire.js';
import { vectors } from '../../testkit/vectors.js';

const generic = vectors('gob-generic');
const same = (got: unknown, want: unknown, what: string) => assert.is(canonicalDiff(got, want), null, what);

test('every gob-generic vector decodes to the GobValue nodes Go wrote', () => {
  for (const v of generic) same(streamToCanonical(decodeGobStream(v.bytes)), v.expect, v.id);
});

test('canonical JSON -> stream -> bytes -> canonical JSON is the identity for every vector', () => {
  for (const v of generic) {
    const st = streamFromCanonical(v.expect, v.ctx['gobTypeIds'] as number[]);
    same(streamToCanonical(decodeGobStream(encodeGobStream(st))), v.expect, v.id);
  }
});

test("Go's type ids are used when the context lists as many definitions as the stream needs", () => {
  let matched = 0;
  for (const v of generic) {
    const want = v.ctx['gobTypeIds'] as number[];
    const got = decodeGobStream(encodeGobStream(streamFromCanonical(v.expect, want))).typeIds;
    if (got.length === want.length) {
      assert.equal([...got], want, v.id);
      matched++;
    }
  }
  assert.ok(matched > 80, `${matched}`);
});

test('every $float Go wrote reads back to a float that formats to the same text', () => {
  const floats: string[] = [];
  const walk = (j: unknown): void => {
    if (Array.isArray(j)) j.forEach(walk);
    else if (j && typeof j === 'object') {
      for (const [k, x] of Object.entries(j)) {
        if (k === '$float' && typeof x === 'string') floats.push(x);
        else if (k === '$complex' && Array.isArray(x)) floats.push(...(x as string[]));
        else walk(x);
      }
    }
  };
  generic.forEach((v) => walk(v.expect));
  assert.ok(floats.length > 30);
  const view = new DataView(new ArrayBuffer(8));
  for (const s of floats) {
    view.setBigUint64(0, parseGoFloatBits(s));
    assert.is(formatGoFloat(view.getFloat64(0)), s);
  }
});

test('property: formatGoFloat round-trips every float64 (Go syntax: e+06 from 1e6 up, below 1e-4)', () => {
  fc.assert(
    fc.property(fc.double(), (x) => {
      const s = formatGoFloat(x);
      const bits = parseGoFloatBits(s);
      if (Number.isNaN(x)) assert.is(s, 'NaN');
      else assert.is(bits, float64Bits(x));
      const a = Math.abs(x);
      if (Number.isFinite(a) && a > 0) {
        if (a >= 1e6 || a < 1e-4) assert.match(s, /e[+-]\d\d+$/);
        else assert.not.match(s, /e/);
      }
    }),
    { numRuns: 2000 },
  );
  assert.is(formatGoFloat(1e6), '1e+06');
  assert.is(formatGoFloat(123456), '123456');
  assert.is(formatGoFloat(0.0001), '0.0001');
  assert.is(formatGoFloat(0.00001), '1e-05');
});

// ---- random canonical trees ----

type Shape =
  | { k: 'basic'; tag: string }
  | { k: 'slice' | 'array'; elem: Shape; n: number }
  | { k: 'map'; key: Shape; elem: Shape }
  | { k: 'struct'; fields: [string, Shape][] }
  | { k: 'iface' };

const basicTags = ['$bool', '$int', '$uint', '$float', '$complex', '$string', '$stringBytes', '$bytes'];
const shape: fc.Arbitrary<Shape> = fc.letrec<{ s: Shape }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...basicTags).map((tag) => ({ k: 'basic' as const, tag })),
    fc.constant({ k: 'iface' as const }),
    fc.tuple(fc.constantFrom('slice' as const, 'array' as const), tie('s'), fc.nat({ max: 3 })).map(([k, elem, n]) => ({ k, elem, n })),
    fc.tuple(fc.constantFrom('$int', '$string', '$bool'), tie('s')).map(([tag, elem]) => ({ k: 'map' as const, key: { k: 'basic' as const, tag }, elem })),
    fc
      .uniqueArray(fc.tuple(fc.constantFrom('A', 'B', 'Cc', 'Ñ', 'Z9'), tie('s')), { selector: (f) => f[0], maxLength: 3 })
      .map((fields) => ({ k: 'struct' as const, fields })),
  ),
})).s;

const floatText = fc.double().map(formatGoFloat);
function valueOf(s: Shape, depth = 0): fc.Arbitrary<unknown> {
  switch (s.k) {
    case 'basic':
      switch (s.tag) {
        case '$bool':
          return fc.boolean().map((b) => ({ $bool: b }));
        case '$int':
          return fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((i) => ({ $int: String(i) }));
        case '$uint':
          return fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((i) => ({ $uint: String(i) }));
        case '$float':
          return floatText.map((f) => ({ $float: f }));
        case '$complex':
          return fc.tuple(floatText, floatText).map((c) => ({ $complex: c }));
        case '$string':
          return fc.string({ unit: 'grapheme', maxLength: 6 }).map((x) => ({ $string: x }));
        case '$stringBytes':
          return fc.uint8Array({ maxLength: 5 }).map((b) => ({ $stringBytes: Buffer.from([0xff, ...b]).toString('base64') }));
        default:
          return fc.uint8Array({ maxLength: 5 }).map((b) => ({ $bytes: Buffer.from(b).toString('base64') }));
      }
    case 'iface':
      return depth > 3
        ? fc.constant({ $interface: null })
        : fc
            .option(
              shape.chain((c) => valueOf(c, depth + 1).map((value) => ({ name: 'pkg.T', value }))),
              { nil: null },
            )
            .map((x) => ({ $interface: x }));
    case 'slice':
      return fc.array(valueOf(s.elem, depth + 1), { maxLength: 3 }).map((a) => ({ $slice: a }));
    case 'array':
      return fc.array(valueOf(s.elem, depth + 1), { minLength: s.n, maxLength: s.n }).map((a) => ({ $array: a }));
    case 'map':
      return fc.array(fc.tuple(valueOf(s.key, depth + 1), valueOf(s.elem, depth + 1)), { maxLength: 3 }).map((p) => ({ $map: p }));
    case 'struct': {
      const name = 'S' + JSON.stringify(s.fields.map(([n]) => n)) + JSON.stringify(s).length;
      return fc
        .tuple(...s.fields.map(([n, f]) => fc.option(valueOf(f, depth + 1), { nil: undefined }).map((x) => [n, x] as const)))
        .map((fs) => ({ $struct: { name, fields: Object.fromEntries(fs.filter(([, x]) => x !== undefined)) } }));
    }
  }
}

test('property: random GobValue trees survive canonical -> bytes -> canonical', () => {
  // Struct names are derived from their shape, so one name always means one Go type.
  const top = fc.array(
    shape.chain((s) => valueOf(s)),
    { minLength: 1, maxLength: 3 },
  );
  fc.assert(
    fc.property(top, (values) => {
      let st;
      try {
        st = streamFromCanonical({ values });
      } catch (e) {
        // Two different shapes may still share a derived name: that is a canonical error, not a crash.
        if (e instanceof WireError && e.codec === 'canonical') return;
        throw e;
      }
      same(streamToCanonical(decodeGobStream(encodeGobStream(st))), { values }, 'tree');
    }),
    { numRuns: 300 },
  );
});

test('property: a []int of any int64s (every byte count, both signs) survives bytes -> model -> bytes', () => {
  const int64 = fc.oneof(
    fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
    fc.bigInt({ min: -(1n << 31n) - 2n, max: (1n << 31n) + 2n }),
    fc.integer({ min: -70000, max: 70000 }).map(BigInt),
  );
  fc.assert(
    fc.property(fc.array(int64, { maxLength: 60 }), (ints) => {
      const elems = ints.map((value) => ({ kind: 'int' as const, value }));
      const stream = {
        types: new Map([[64, { kind: 'slice' as const, name: '', id: 64, elem: 2 }]]),
        typeIds: [64],
        values: [{ type: 64, value: { kind: 'slice' as const, elems } }],
      };
      const bytes = encodeGobStream(stream);
      const back = decodeGobStream(bytes);
      assert.equal((back.values[0]!.value as { readonly elems: readonly unknown[] }).elems, elems);
      assert.is(Buffer.from(encodeGobStream(back)).toString('hex'), Buffer.from(bytes).toString('hex'));
    }),
  );
});

test('canonical JSON that does not describe gob values is a canonical WireError', () => {
  const bad = (j: unknown) =>
    assert.throws(
      () => streamFromCanonical(j),
      (e: unknown) => e instanceof WireError && e.codec === 'canonical',
    );
  bad({});
  bad({ values: [{ $nope: 1 }] });
  bad({ values: [{ $slice: [{ $int: '1' }, { $string: 'x' }] }] });
  bad({ values: [{ $int: '9223372036854775808' }] });
  bad({ values: [{ $uint: '-1' }] });
  bad({ values: [{ $float: 'one' }] });
  bad({ values: [{ $bytes: '***' }] });
  bad({ values: [{ $interface: { name: '', value: { $int: '1' } } }] });
});

test.run();
