/**
 * Hostile gob streams, built from the wire rules in codecs/gob/README.md:
 * recursive and deeply nested types (the shapes behind Go's CVE-2022-30635 and CVE-2024-34156),
 * deep interface chains, an ignored deep field, and declared counts/lengths far past the input.
 */
import { bytes, nest, utf8, repeat, type Part } from './build.js';
import { DEPTHS, HUGE, type Shape } from './shape.js';

const GOB = ['gob-generic', 'gob-spec', 'gob-value'] as const;

export function gobUint(v: number | bigint): Uint8Array {
  let x = BigInt(v);
  if (x < 128n) return Uint8Array.of(Number(x));
  const out: number[] = [];
  while (x > 0n) {
    out.unshift(Number(x & 0xffn));
    x >>= 8n;
  }
  return Uint8Array.from([256 - out.length, ...out]);
}

export function gobInt(v: number): Uint8Array {
  const x = BigInt(v);
  return gobUint(x < 0n ? (~x << 1n) | 1n : x << 1n);
}

export const gobString = (s: string): Uint8Array => {
  const b = utf8(s);
  return bytes(gobUint(b.length), b);
};

/** One message: byte count, then the body. */
export const message = (...body: Part[]): Uint8Array => {
  const b = bytes(...body);
  return bytes(gobUint(b.length), b);
};

const commonType = (name: string, id: number): Part => [1, name ? [1, gobString(name), 1] : 2, gobInt(id), 0];

/** wireType fields: ArrayT 0, SliceT 1, StructT 2, MapT 3. */
export const defineSlice = (id: number, name: string, elem: number): Uint8Array => message(gobInt(-id), 2, commonType(name, id), 1, gobInt(elem), 0, 0);

export const defineMap = (id: number, name: string, key: number, elem: number): Uint8Array =>
  message(gobInt(-id), 4, commonType(name, id), 1, gobInt(key), 1, gobInt(elem), 0, 0);

export const defineStruct = (id: number, name: string, fields: readonly [string, number][]): Uint8Array =>
  message(
    gobInt(-id),
    3,
    commonType(name, id),
    1,
    gobUint(fields.length),
    fields.map(([n, t]) => [1, gobString(n), 1, gobInt(t), 0]),
    0,
    0,
  );

const FIRST = 65;
const INT = 2;
const STRING = 6;
const BOOL = 1;
const IFACE = 8;

/** `type T []T`, and a value nested `depth` deep: one byte per level. */
function recursiveSlice(depth: number): Uint8Array {
  return bytes(defineSlice(FIRST, 'T', FIRST), message(gobInt(FIRST), 0, repeat(1, depth), 0));
}

/** `depth` distinct slice types, each the element of the next ([]…[]int), and one small value. */
function nestedSliceTypes(depth: number): Uint8Array {
  const defs: Uint8Array[] = [defineSlice(FIRST, '', INT)];
  for (let i = 1; i < depth; i++) defs.push(defineSlice(FIRST + i, '', FIRST + i - 1));
  return bytes(defs, message(gobInt(FIRST + depth - 1), 0, repeat(1, depth - 1), 0));
}

/** `type S struct{ I interface{} }` registered as "S", holding an S holding an S … `depth` deep. */
function interfaceChain(depth: number): Uint8Array {
  const body = nest(depth, Uint8Array.of(0), (inner) => [bytes(1, gobString('S'), gobInt(FIRST), gobUint(inner)), Uint8Array.of(0)]);
  return bytes(defineStruct(FIRST, 'S', [['I', IFACE]]), message(gobInt(FIRST), body));
}

const objectSpec = (): Uint8Array => defineMap(FIRST, 'ObjectSpec', STRING, IFACE);

const BLOCK_SPEC = '*hcldec.BlockSpec';

/** hcldec.ObjectSpec{"a": &BlockSpec{Nested: &BlockSpec{Nested: ...}}}, `depth` blocks deep. */
function blockSpecChain(depth: number): Uint8Array {
  const block = defineStruct(FIRST + 1, 'BlockSpec', [
    ['TypeName', STRING],
    ['Nested', IFACE],
    ['Required', BOOL],
  ]);
  // A BlockSpec value: TypeName "b", then Nested = the next BlockSpec (name, type id, byte count, value).
  const last = bytes(1, gobString('b'), 0);
  const first = nest(depth - 1, last, (inner) => [bytes(1, gobString('b'), 1, gobString(BLOCK_SPEC), gobInt(FIRST + 1), gobUint(inner)), Uint8Array.of(0)]);
  const entry = bytes(gobString('a'), gobString(BLOCK_SPEC), gobInt(FIRST + 1), gobUint(first.length), first);
  return bytes(objectSpec(), block, message(gobInt(FIRST), 0, 1, entry));
}

/**
 * hcldec.ObjectSpec{"a": &BlockSpec{…}} where the wire's BlockSpec has an extra field X that Go's
 * type lacks, holding a `type T []T` value `depth` deep: the decoder must skip it (Go's
 * CVE-2024-34156 is exactly this: skipping an ignored deeply nested value).
 */
function ignoredDeepField(depth: number): Uint8Array {
  const t = FIRST + 2;
  const block = defineStruct(FIRST + 1, 'BlockSpec', [
    ['TypeName', STRING],
    ['Nested', IFACE],
    ['Required', BOOL],
    ['X', t],
  ]);
  const value = bytes(1, gobString('b'), 3, repeat(1, depth), 0, 0);
  return bytes(
    objectSpec(),
    block,
    defineSlice(t, 'T', t),
    message(gobInt(FIRST), 0, 1, gobString('a'), gobString(BLOCK_SPEC), gobInt(FIRST + 1), gobUint(value.length), value),
  );
}

export const gobShapes: readonly Shape[] = [
  {
    name: 'gob-recursive-slice',
    families: GOB,
    about: 'type T []T and a value nested N deep (1 byte per level)',
    sizes: DEPTHS,
    make: (n) => ({ bytes: recursiveSlice(n), ctx: {} }),
  },
  {
    name: 'gob-nested-slice-types',
    families: GOB,
    about: 'N slice types, each the element of the next, and one value of the outermost',
    sizes: DEPTHS.filter((d) => d <= 20_000),
    make: (n) => ({ bytes: nestedSliceTypes(n), ctx: {} }),
  },
  {
    name: 'gob-interface-chain',
    families: GOB,
    about: 'struct S{I interface{}} holding an S in its interface, N deep',
    sizes: DEPTHS.filter((d) => d <= 20_000),
    make: (n) => ({ bytes: interfaceChain(n), ctx: {} }),
  },
  {
    name: 'gob-blockspec-chain',
    families: GOB,
    about: 'hcldec.ObjectSpec holding *hcldec.BlockSpec whose Nested is a BlockSpec, N deep',
    sizes: DEPTHS.filter((d) => d <= 20_000),
    make: (n) => ({ bytes: blockSpecChain(n), ctx: {} }),
  },
  {
    name: 'gob-ignored-deep-field',
    families: GOB,
    about: "a BlockSpec wire struct with an extra field (not in Go's type) holding a type T []T value N deep",
    sizes: DEPTHS,
    make: (n) => ({ bytes: ignoredDeepField(n), ctx: {} }),
  },
  {
    name: 'gob-huge-slice-count',
    families: GOB,
    about: 'a []int value declaring N elements in a 10-byte message',
    sizes: HUGE,
    make: (n) => ({ bytes: bytes(defineSlice(FIRST, '', INT), message(gobInt(FIRST), 0, gobUint(n), 1, 2, 3)), ctx: {} }),
  },
  {
    name: 'gob-huge-map-count',
    families: GOB,
    about: 'an ObjectSpec (map[string]Spec) declaring N entries',
    sizes: HUGE,
    make: (n) => ({ bytes: bytes(objectSpec(), message(gobInt(FIRST), 0, gobUint(n), 0)), ctx: {} }),
  },
  {
    name: 'gob-huge-string-length',
    families: GOB,
    about: 'a top-level string value declaring N bytes',
    sizes: HUGE,
    make: (n) => ({ bytes: message(gobInt(STRING), 0, gobUint(n), utf8('abc')), ctx: {} }),
  },
  {
    name: 'gob-huge-message-length',
    families: GOB,
    about: 'a message whose byte count is N',
    sizes: HUGE,
    make: (n) => ({ bytes: bytes(gobUint(n), gobInt(INT), 0, 2), ctx: {} }),
  },
];
