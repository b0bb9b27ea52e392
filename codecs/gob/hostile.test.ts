/** Bad input: every failure is a WireError (codec 'gob', offset, reason), fast, with no runaway allocation. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { WireError, isWireError } from '../wire/errors.js';
import { ByteWriter } from '../wire/writer.js';
import { decodeCtyValueGob, decodeObjectSpecGob, encodeObjectSpecGob } from './api.js';
import { firstInvalidUtf8 } from './wire.js';
import { decodeGob, GobDecoder } from './decoder.js';
import { decodeGobStream } from './dynamic.js';
import { encodeGobStream } from './dynamic-encode.js';
import { goInt, goSlice, goString, goStruct, type GoType } from './gotype.js';
import { GobRegistry } from './registry.js';
import { T_INT, T_INTERFACE, T_STRING, writeWireType, type WireType } from './types.js';
import { vectors } from '../../testkit/vectors.js';
import { writeGobInt, writeGobString, writeGobUint, writeGobUint64 } from './wire.js';

// ---- building hostile streams (inputs only) ----

type Part = Uint8Array | number[];
const cat = (...parts: Part[]): Uint8Array => new Uint8Array(parts.flatMap((p) => [...p]));
const w = (f: (w: ByteWriter) => void): Uint8Array => {
  const x = new ByteWriter();
  f(x);
  return x.finish();
};
const uint = (n: number) => w((x) => writeGobUint(x, n));
const int = (n: number) => w((x) => writeGobInt(x, n));
const str = (s: string) => w((x) => writeGobString(x, s));
const message = (...parts: Part[]): Uint8Array => {
  const body = cat(...parts);
  return cat(uint(body.length), body);
};
const def = (id: number, wt: WireType) =>
  message(
    int(-id),
    w((x) => writeWireType(x, wt)),
  );
const slice = (id: number, elem: number): WireType => ({ kind: 'slice', name: '', id, elem });
const struct = (id: number, fields: [string, number][]): WireType => ({
  kind: 'struct',
  name: 'S',
  id,
  fields: fields.map(([name, fid]) => ({ name, id: fid })),
});

const gobError = (re: RegExp) => (e: unknown) => {
  if (!(e instanceof WireError)) return false;
  if (e.codec !== 'gob' || !Number.isInteger(e.offset) || e.offset < 0) return false;
  if (!re.test(e.reason)) throw new Error(`unexpected reason: ${e.reason}`);
  return true;
};
const dyn = (b: Uint8Array) => () => decodeGobStream(b);

const allGob = [...vectors('gob-generic'), ...vectors('gob-spec'), ...vectors('gob-value')];

// ---- truncation ----

test('every proper prefix of every gob vector: fewer whole values or a WireError, never anything else', () => {
  // Every cut for small vectors; 150 spread cuts (and the ends) for large ones.
  const cutsOf = (len: number): number[] =>
    len <= 3000 ? Array.from({ length: len }, (_, i) => i) : [...Array.from({ length: 150 }, (_, i) => Math.floor((i * len) / 150)), len - 1, len - 2];
  for (const v of allGob) {
    const full = decodeGobStream(v.bytes).values.length;
    for (const n of cutsOf(v.bytes.length)) {
      try {
        assert.ok(decodeGobStream(v.bytes.subarray(0, n)).values.length < full, `${v.id}[:${n}]`);
      } catch (e) {
        if (!isWireError(e)) throw e;
      }
    }
  }
});

test('every proper prefix of a spec or cty value payload is a WireError', () => {
  for (const v of [...vectors('gob-spec'), ...vectors('gob-value')].filter((x) => x.bytes.length < 1200)) {
    const decode = v.id.startsWith('gob-spec') ? decodeObjectSpecGob : decodeCtyValueGob;
    for (let n = 0; n < v.bytes.length; n++)
      assert.throws(
        () => decode(v.bytes.subarray(0, n)),
        (e: unknown) => isWireError(e),
        `${v.id}[:${n}]`,
      );
  }
});

test('message and string lengths beyond the input', () => {
  assert.throws(dyn(cat(uint(1000), int(T_INT), [0, 2])), gobError(/truncated message: length 1000/));
  assert.throws(dyn(cat([0xf0], [1, 2, 3])), gobError(/byte count 16/));
  assert.throws(dyn(message(int(T_STRING), [0], uint(50), [0x61, 0x62])), gobError(/string length 50 exceeds/));
  const d = new GobDecoder({ maxMessageBytes: 100 });
  d.push(cat(uint(101)));
  assert.throws(() => d.nextDynamic(), gobError(/exceeds the limit of 100/));
});

// ---- types ----

test('unknown and reserved type ids', () => {
  assert.throws(dyn(message(int(70), [0], [1])), gobError(/unknown type id 70/));
  assert.throws(dyn(cat(def(64, struct(64, [['A', 99]])), message(int(64), [1, 2, 0]))), gobError(/unknown type id 99/));
  assert.throws(dyn(message(int(12), [0], [1])), gobError(/not a value type/));
  assert.throws(dyn(def(10, slice(10, T_INT))), gobError(/predefined id 10/));
});

test('a type definition that repeats or contradicts an earlier one', () => {
  assert.throws(dyn(cat(def(64, slice(64, T_INT)), def(64, struct(64, [['A', T_INT]])))), gobError(/contradicts/));
  assert.throws(dyn(cat(def(64, slice(64, T_INT)), def(64, slice(64, T_INT)))), gobError(/duplicate definition of type id 64/));
});

test('malformed definitions: no kind, two kinds, a field delta past the last field', () => {
  assert.throws(dyn(message(int(-64), [0])), gobError(/sets no kind/));
  assert.throws(dyn(message(int(-64), [2, 1, 0, 0, 1, 1, 0, 0, 0])), gobError(/more than one kind/));
  assert.throws(dyn(message(int(-64), [8, 0])), gobError(/runs past the last field/));
});

test('a struct value whose field delta runs past the last field', () => {
  const s = def(
    64,
    struct(64, [
      ['A', T_INT],
      ['B', T_INT],
    ]),
  );
  assert.throws(dyn(cat(s, message(int(64), [3, 2, 0]))), gobError(/field delta 3 .* past the last field \(2 fields\)/));
  assert.throws(() => decodeGob(goStruct('S', { A: goInt, B: goInt }), cat(s, message(int(64), [1, 2, 2, 4, 1, 6, 0]))), gobError(/past the last field/));
});

test('values that do not fit: bool 2, array length, extra bytes after a value or a definition', () => {
  assert.throws(dyn(message(int(1), [0, 2])), gobError(/neither 0 nor 1/));
  const arr = def(64, { kind: 'array', name: '', id: 64, elem: T_INT, len: 2 });
  assert.throws(dyn(cat(arr, message(int(64), [0, 3, 2, 4, 6]))), gobError(/array length 3, but its type says 2/));
  assert.throws(dyn(message(int(T_INT), [0, 2, 7])), gobError(/bytes left in the message after the value/));
  assert.throws(
    dyn(
      cat(
        message(
          int(-64),
          w((x) => writeWireType(x, slice(64, T_INT))),
          [5],
        ),
        message(int(64), [0, 0]),
      ),
    ),
    gobError(/extra data in the message after a type definition/),
  );
});

test('interface names: unregistered (typed), too long, not UTF-8', () => {
  const holder = goStruct('H', { V: { kind: 'interface', name: '', str: 'interface {}' } as GoType });
  const s = def(64, struct(64, [['V', T_INTERFACE]]));
  const named = (name: Uint8Array) => cat(s, message(int(64), [1], uint(name.length), name, int(T_INT), [2, 0, 2, 0]));
  assert.throws(
    () => decodeGob(holder, named(str('no.Such').subarray(1)), { registry: new GobRegistry() }),
    gobError(/name not registered for interface: "no.Such"/),
  );
  assert.throws(dyn(named(new Uint8Array(1100).fill(0x61))), gobError(/too long/));
  assert.throws(dyn(named(Uint8Array.of(0xff, 0xfe))), gobError(/not valid UTF-8/));
});

// ---- nesting (CVE-2022-30635 / CVE-2024-34156 shapes) ----

const DEEP = 100_000;
/** type T []T, and a value nested DEEP levels: 00 (singleton), then count 1 per level, then 0. */
const deepRecursive = () => cat(def(64, slice(64, 64)), message(int(64), [0], new Uint8Array(DEEP).fill(1), [0]));

test('a recursive type with a value nested far past the limit (dynamic and typed)', () => {
  assert.throws(dyn(deepRecursive()), gobError(/nests deeper than 1000/));
  const T: GoType = goSlice(() => T, { name: 'T' });
  assert.throws(() => decodeGob(T, deepRecursive()), gobError(/nests deeper than 1000/));
});

test('a chain of thousands of distinct type definitions, used by one value', () => {
  const n = 5000;
  const defs = Array.from({ length: n }, (_, i) => def(64 + i, slice(64 + i, i === n - 1 ? T_INT : 65 + i)));
  assert.throws(dyn(cat(...defs, message(int(64), [0], new Uint8Array(n).fill(1), [0]))), gobError(/nests deeper than 1000/));
});

test('interfaces nested thousands deep ([]interface{} in []interface{} …)', () => {
  const level = cat(str('[]interface {}'), int(64), uint(0), [0], uint(1));
  const levels = 5000;
  const body = cat(int(T_INTERFACE), [0], ...Array.from({ length: levels }, () => level), [0]);
  assert.throws(dyn(cat(def(64, slice(64, T_INTERFACE)), message(body))), gobError(/nests deeper than 1000/));
});

test('a deep value in a field the receiver does not have is skipped with the same limit (CVE-2024-34156)', () => {
  const s = cat(
    def(
      64,
      struct(64, [
        ['Name', T_STRING],
        ['Deep', 65],
      ]),
    ),
    def(65, slice(65, 65)),
  );
  const v = message(int(64), [1], str('n'), [1], new Uint8Array(DEEP).fill(1), [0], [0]);
  assert.throws(() => decodeGob(goStruct('S', { Name: goString }), cat(s, v)), gobError(/nests deeper than 1000/));
});

test('writing a model whose type definitions nest thousands deep is refused, not a stack overflow', () => {
  const n = 5000;
  const types = new Map<number, WireType>(Array.from({ length: n }, (_, i) => [65 + i, slice(65 + i, i === n - 1 ? T_INT : 66 + i)] as [number, WireType]));
  types.set(64, struct(64, [['Deep', 65]]));
  // The value leaves the deep field out, but Go's Encoder still defines every type it could hold.
  const model = { types, typeIds: [], values: [{ type: 64, value: { kind: 'struct' as const, fields: [] } }] };
  assert.throws(() => encodeGobStream(model), gobError(/nest deeper than 1000/));
});

// ---- counts ----

test('element counts far beyond the input are refused before anything is allocated', () => {
  const t0 = Date.now();
  const huge = w((x) => writeGobUint64(x, 1n << 50n));
  const ints = cat(def(64, slice(64, T_INT)), message(int(64), [0], huge, [2, 4]));
  assert.throws(dyn(ints), gobError(/element count \d+ exceeds/));
  assert.throws(() => decodeGob(goSlice(goInt), ints), gobError(/element count \d+ exceeds/));
  const m = cat(def(64, { kind: 'map', name: '', id: 64, key: T_INT, elem: T_INT }), message(int(64), [0], huge, [2, 4]));
  assert.throws(dyn(m), gobError(/map entry count \d+ exceeds/));
  // Interface elements may continue in later messages: refused element by element instead.
  const ifaces = cat(
    def(64, slice(64, T_INTERFACE)),
    message(
      int(64),
      [0],
      w((x) => writeGobUint(x, 2 ** 40)),
      [0, 0],
    ),
  );
  assert.throws(dyn(ifaces), gobError(/runs past the end of the message/));
  assert.throws(dyn(message(int(T_STRING), [0], huge)), gobError(/exceeds/));
  assert.throws(dyn(message(int(-64), [3, 1, 0, 1], huge, [0])), gobError(/struct field count \d+ exceeds/));
  assert.ok(Date.now() - t0 < 1000);
});

test('slices nested hundreds deep, each claiming every byte left, allocate nothing ahead of their elements', () => {
  // type R []R; each level claims as many elements as bytes remain, then the innermost element is bad.
  const levels = 900;
  const filler = new Uint8Array(1 << 20).fill(0x80);
  const headers: Uint8Array[] = [];
  for (let i = 0, after = filler.length; i < levels; i++) {
    const h = uint(after);
    headers.unshift(h);
    after += h.length;
  }
  const body = cat([0], ...headers, filler);
  const b = cat(def(64, slice(64, 64)), message(int(64), body));
  const t0 = Date.now();
  assert.throws(dyn(b), gobError(/byte count|exceeds|runs past|too many values/));
  const r: GoType = goSlice(() => r, { name: 'R' });
  assert.throws(() => decodeGob(r, b), gobError(/byte count|exceeds|runs past|too many values/));
  assert.ok(Date.now() - t0 < 2000);
});

// ---- fuzzing ----

const mutate = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('flip', 'insert', 'delete', 'truncate', 'byte'),
  bit: fc.integer({ min: 0, max: 7 }),
  byte: fc.integer({ min: 0, max: 255 }),
});
const apply = (b: Uint8Array, muts: { at: number; op: string; bit: number; byte: number }[]): Uint8Array => {
  let x = [...b];
  for (const m of muts) {
    const i = x.length === 0 ? 0 : m.at % x.length;
    if (m.op === 'flip' && x.length) x[i]! ^= 1 << m.bit;
    else if (m.op === 'byte' && x.length) x[i] = m.byte;
    else if (m.op === 'insert') x.splice(i, 0, m.byte);
    else if (m.op === 'delete') x.splice(i, 1);
    else if (m.op === 'truncate') x = x.slice(0, i);
  }
  return Uint8Array.from(x);
};
const onlyWireErrors = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (!isWireError(e)) throw e;
  }
};

test('fuzz: mutated vectors give values or WireErrors, for the dynamic, spec and cty decoders', () => {
  const pick = (fam: string) => allGob.filter((v) => v.id.startsWith(fam));
  const cases: [string, (b: Uint8Array) => unknown][] = [
    ['gob-generic', (b) => decodeGobStream(b)],
    ['gob-spec', (b) => decodeObjectSpecGob(b)],
    ['gob-value', (b) => decodeCtyValueGob(b)],
  ];
  for (const [fam, decode] of cases) {
    const vs = pick(fam);
    fc.assert(
      fc.property(fc.nat({ max: vs.length - 1 }), fc.array(mutate, { minLength: 1, maxLength: 4 }), (k, muts) => {
        onlyWireErrors(() => decode(apply(vs[k]!.bytes, muts)));
      }),
      { numRuns: 700 },
    );
  }
});

test('an ObjectSpec key that is not UTF-8 is refused at the offset of its bad byte', () => {
  const attr = (name: string) => ({ kind: 'attr' as const, name, type: { kind: 'string' as const }, required: false });
  const spec = {
    kind: 'object' as const,
    attrs: new Map([
      ['first', attr('first')],
      ['keyQét', attr('x')],
    ]),
  };
  const bytes = encodeObjectSpecGob(spec);
  // the key's bytes appear once in the stream: make its second byte of "é" a bad continuation
  const key = new TextEncoder().encode('keyQ\u00e9t');
  let at = -1;
  for (let i = 0; i + key.length <= bytes.length && at < 0; i++) if (key.every((b, j) => bytes[i + j] === b)) at = i;
  assert.ok(at > 0, 'key not found in the stream');
  const bad = bytes.slice();
  bad[at + 5] = 0x41; // 0xc3 followed by 'A': invalid at the 0xc3
  let err: unknown;
  try {
    decodeObjectSpecGob(bad);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof WireError, 'not a WireError');
  assert.is((err as WireError).reason, 'ObjectSpec key is not valid UTF-8');
  assert.is((err as WireError).offset, at + 4);
});

test('firstInvalidUtf8 finds the first byte of a bad sequence', () => {
  const u = (...b: number[]) => Uint8Array.from(b);
  assert.is(firstInvalidUtf8(u(0x61, 0x62)), 2);
  assert.is(firstInvalidUtf8(u(0x61, 0xff)), 1);
  assert.is(firstInvalidUtf8(u(0xc3, 0xa9, 0xc3)), 2);
  assert.is(firstInvalidUtf8(u(0x61, 0xe2, 0x82, 0x41)), 1);
  assert.is(firstInvalidUtf8(u(0xed, 0xa0, 0x80)), 0); // a surrogate
  assert.is(firstInvalidUtf8(u(0xf0, 0x9f, 0x98, 0x80, 0xc0)), 4);
});

test.run();
