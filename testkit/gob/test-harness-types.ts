/**
 * Test support: TypeScript descriptions of the Go types the vector harness encodes for the
 * gob-generic family (conformance/internal/gobcases), the names it registers, and the order in
 * which its single process encodes the cases (which fixes Go's type ids).
 */
import { WireError } from '../../codecs/wire/errors.js';
import {
  goAny,
  goArray,
  goBool,
  goBytes,
  goComplex128,
  goComplex64,
  goFloat32,
  goFloat64,
  goInt,
  goInt16,
  goInt32,
  goInt64,
  goInt8,
  goInterface,
  goMap,
  goNamedBasic,
  goPtr,
  goSlice,
  goString,
  goStruct,
  goUint,
  goUint16,
  goUint32,
  goUint64,
  goUint8,
  goUintptr,
  gobEncoder,
  type GoType,
} from '../../codecs/gob/gotype.js';
import { GobRegistry } from '../../codecs/gob/registry.js';

const PKG = 'github.com/packer-wire/conformance/internal/gobcases';
const S = (name: string, fields: Record<string, GoType> | (() => Record<string, GoType>), str = `gobcases.${name}`) => goStruct(name, fields, { str });

const enc = new TextEncoder();
const dec = new TextDecoder();
const bad = (reason: string): never => {
  throw new WireError('gob', 0, reason);
};

export const Point = S('Point', { X: goInt, Y: goInt });
const AllKinds = S('AllKinds', {
  B: goBool,
  I: goInt,
  I8: goInt8,
  I16: goInt16,
  I32: goInt32,
  I64: goInt64,
  U: goUint,
  U8: goUint8,
  U16: goUint16,
  U32: goUint32,
  U64: goUint64,
  UP: goUintptr,
  F32: goFloat32,
  F64: goFloat64,
  C64: goComplex64,
  C128: goComplex128,
  S: goString,
  Bs: goBytes,
});
const Empty = S('Empty', {});
const Zeroes = S('Zeroes', {
  B: goBool,
  I: goInt,
  F: goFloat64,
  NegZ: goFloat64,
  C: goComplex128,
  S: goString,
  Bs: goBytes,
  Sl: goSlice(goInt),
  M: goMap(goString, goInt),
  EmptyM: goMap(goString, goInt),
  P: goPtr(goInt),
  PZero: goPtr(goInt),
  PS: goPtr(Point),
  Arr: goArray(2, goInt),
  Arr0: goArray(0, goInt),
  St: Point,
  E: Empty,
  Any: goAny,
  NaN: goFloat64,
});
const Nested = S('Nested', {
  Name: goString,
  Inner: Point,
  Ptr: goPtr(Point),
  PP: goPtr(goPtr(Point)),
  List: goSlice(Point),
  PList: goSlice(goPtr(Point)),
  Map: goMap(goString, Point),
  Grid: goArray(2, goArray(2, goInt)),
});
// Sent fields only: a (unexported), ǅ (title case, not upper), chan/func fields and ignored are not sent.
const Names = S('Names', { A: goInt, Ab: goInt, AB: goInt, Δx: goInt, Ñame: goString, Last: goString });
const Inner2 = S('Inner2', { Z: goInt });
const Embedded = S('Embedded', { Point, Inner2: goPtr(Inner2), Label: goString });
const ListNode: GoType = S('ListNode', () => ({ Val: goInt, Next: goPtr(ListNode) }));
const Tree: GoType = S('Tree', () => ({ Name: goString, Kids: goSlice(Tree) }));
const RecMap: GoType = goMap(goString, () => RecMap, { name: 'RecMap', str: 'gobcases.RecMap' });
const Holder = S('Holder', { Name: goString, V: goAny, Vs: goSlice(goAny), M: goMap(goString, goAny) });
const Shape = goInterface('Shape', 'gobcases.Shape');
const Square = S('Square', { Side: goInt });
const Rect = S('Rect', { W: goInt, H: goInt });
const ShapeBox = S('ShapeBox', { S: Shape, Shapes: goSlice(Shape) });
const Outer = S('Outer', { X: goInt, I: goAny, Y: goInt });
const InnerI = S('InnerI', { A: goInt, N: goAny });
const Deep = S('Deep', { Z: goString });

// The self-marshalling test types, with the methods cases.go gives them.
const Celsius = gobEncoder<{ Deg: bigint }>(
  'Celsius',
  {
    encode: (c) => enc.encode(`${c.Deg}C`),
    decode: (b) => {
      const s = dec.decode(b);
      return s.endsWith('C') ? { Deg: BigInt(s.slice(0, -1)) } : bad('bad celsius');
    },
    isZero: (c) => c.Deg === 0n,
    zero: () => ({ Deg: 0n }),
  },
  { str: 'gobcases.Celsius', fields: { Deg: goInt } },
);
const PtrEnc = gobEncoder<{ S: string }>(
  'PtrEnc',
  { encode: (p) => enc.encode(`<${p.S}>`), decode: (b) => ({ S: dec.decode(b).replace(/^</, '').replace(/>$/, '') }), zero: () => ({ S: '' }) },
  { str: 'gobcases.PtrEnc', receiver: 'pointer', fields: { S: goString } },
);
const Bin = gobEncoder<{ N: number }>(
  'Bin',
  {
    encode: (x) => Uint8Array.of(x.N >> 8, x.N & 0xff),
    decode: (b) => (b.length === 2 ? { N: (b[0]! << 8) | b[1]! } : bad('bin')),
    isZero: (x) => x.N === 0,
    zero: () => ({ N: 0 }),
  },
  { str: 'gobcases.Bin', marshal: 'binary', fields: { N: goUint16 } },
);
const Txt = S('Txt', { A: goString, B: goString });
const GobBoth = gobEncoder<{ V: bigint }>(
  'GobBoth',
  { encode: (g) => Uint8Array.of(0x67, Number(g.V)), decode: (b) => ({ V: BigInt(b[1]!) }), isZero: (g) => g.V === 0n, zero: () => ({ V: 0n }) },
  { str: 'gobcases.GobBoth', fields: { V: goInt } },
);
const Encoders = S('Encoders', {
  C: Celsius,
  CZero: Celsius,
  CP: goPtr(Celsius),
  CPNil: goPtr(Celsius),
  P: PtrEnc,
  B: Bin,
  T: Txt,
  G: GobBoth,
  Label: goString,
});
const MyInt = goNamedBasic('int', 'MyInt', 'gobcases.MyInt');
const MyString = goNamedBasic('string', 'MyString', 'gobcases.MyString');
const MyBytes = goSlice(goUint8, { name: 'MyBytes', str: 'gobcases.MyBytes' });
const MyMap = goMap(MyString, MyInt, { name: 'MyMap', str: 'gobcases.MyMap' });
const MySlice = goSlice(MyInt, { name: 'MySlice', str: 'gobcases.MySlice' });
const Named = S('Named', { I: MyInt, S: MyString, Bs: MyBytes, M: MyMap, Sl: MySlice });

/** Standard library and SDK types, their method bytes kept as they are. */
const opaque = (name: string, str: string, opts: { receiver?: 'value' | 'pointer'; marshal?: 'gob' | 'binary'; fields?: Record<string, GoType> } = {}) =>
  gobEncoder<Uint8Array>(name, { encode: (b) => b, decode: (b) => b.slice(), isZero: (b) => b.length === 0, zero: () => new Uint8Array(0) }, { str, ...opts });
const Userinfo = goStruct('Userinfo', {}, { str: 'url.Userinfo' });
const NAMED: Record<string, GoType> = {
  'gobcases.Point': Point,
  'gobcases.AllKinds': AllKinds,
  'gobcases.Empty': Empty,
  'gobcases.Zeroes': Zeroes,
  'gobcases.Nested': Nested,
  'gobcases.Names': Names,
  'gobcases.Embedded': Embedded,
  'gobcases.ListNode': ListNode,
  'gobcases.Tree': Tree,
  'gobcases.RecMap': RecMap,
  'gobcases.Holder': Holder,
  'gobcases.ShapeBox': ShapeBox,
  'gobcases.Outer': Outer,
  'gobcases.Celsius': Celsius,
  'gobcases.PtrEnc': PtrEnc,
  'gobcases.Bin': Bin,
  'gobcases.Txt': Txt,
  'gobcases.GobBoth': GobBoth,
  'gobcases.Encoders': Encoders,
  'gobcases.Named': Named,
  'time.Time': opaque('Time', 'time.Time'),
  'big.Int': opaque('Int', 'big.Int', { receiver: 'pointer' }),
  'big.Float': opaque('Float', 'big.Float', { receiver: 'pointer' }),
  'big.Rat': opaque('Rat', 'big.Rat', { receiver: 'pointer' }),
  'url.URL': opaque('URL', 'url.URL', {
    receiver: 'pointer',
    marshal: 'binary',
    fields: {
      Scheme: goString,
      Opaque: goString,
      User: goPtr(Userinfo),
      Host: goString,
      Path: goString,
      RawPath: goString,
      OmitHost: goBool,
      ForceQuery: goBool,
      RawQuery: goString,
      Fragment: goString,
      RawFragment: goString,
    },
  }),
  'rpc.CommandFinished': goStruct('CommandFinished', { ExitStatus: goInt }, { str: 'rpc.CommandFinished' }),
};
const BasicError = goStruct('BasicError', { Message: goString }, { str: 'rpc.BasicError' });
const BASIC: Record<string, GoType> = {
  bool: goBool,
  int: goInt,
  int8: goInt8,
  int16: goInt16,
  int32: goInt32,
  int64: goInt64,
  uint: goUint,
  uint8: goUint8,
  uint16: goUint16,
  uint32: goUint32,
  uint64: goUint64,
  uintptr: goUintptr,
  float32: goFloat32,
  float64: goFloat64,
  complex64: goComplex64,
  complex128: goComplex128,
  string: goString,
};

/** The names gobcases' init, encoding/gob's registerBasics and the SDK's rpc/init.go register. */
export function harnessRegistry(): GobRegistry {
  const r = new GobRegistry();
  for (const [n, t] of Object.entries(BASIC)) r.register(n, t);
  for (const n of [
    'bool',
    'int',
    'int8',
    'int16',
    'int32',
    'int64',
    'uint',
    'uint16',
    'uint32',
    'uint64',
    'uintptr',
    'float32',
    'float64',
    'complex64',
    'complex128',
    'string',
  ]) {
    r.register(`[]${n}`, goSlice(BASIC[n]!));
  }
  r.register('[]uint8', goBytes);
  r.register(`${PKG}.Point`, Point);
  r.register('*gobcases.Rect', goPtr(Rect));
  r.register(`${PKG}.Square`, Square);
  r.register(`${PKG}.InnerI`, InnerI);
  r.register(`${PKG}.Deep`, Deep);
  r.register(`${PKG}.Celsius`, Celsius);
  r.register('[]interface {}', goSlice(goAny));
  r.register('map[string]interface {}', goMap(goString, goAny));
  r.register('custom.Name/Tree', Tree);
  r.register(`${PKG}.MyInt`, MyInt);
  r.register(`${PKG}.Bin`, Bin);
  r.register('*gobcases.ListNode', goPtr(ListNode));
  r.register('*map[string]string', goPtr(goMap(goString, goString)));
  r.register('*rpc.BasicError', goPtr(BasicError));
  return r;
}

const anonStructs = new Map<string, GoType>();

/** Parses a reflect String() such as `map[[2]int]bool`, `**gobcases.Point`, `struct { A int }`. */
export function parseGoType(s: string): GoType {
  let i = 0;
  const expect = (t: string): void => {
    if (!s.startsWith(t, i)) throw new Error(`expected ${t} at ${i} in ${s}`);
    i += t.length;
  };
  const parse = (): GoType => {
    if (s.startsWith('*', i)) {
      i++;
      return goPtr(parse());
    }
    if (s.startsWith('[]', i)) {
      i += 2;
      return goSlice(parse());
    }
    if (s[i] === '[') {
      const j = s.indexOf(']', i);
      const n = Number(s.slice(i + 1, j));
      i = j + 1;
      return goArray(n, parse());
    }
    if (s.startsWith('map[', i)) {
      i += 4;
      const k = parse();
      expect(']');
      return goMap(k, parse());
    }
    if (s.startsWith('interface {}', i)) {
      i += 12;
      return goAny;
    }
    if (s.startsWith('struct {', i)) {
      const start = i;
      i += 8;
      const fields: Record<string, GoType> = {};
      while (!s.startsWith('}', i)) {
        if (s[i] === ' ') i++;
        if (s.startsWith('}', i)) break;
        const sp = s.indexOf(' ', i);
        const name = s.slice(i, sp);
        i = sp + 1;
        fields[name] = parse();
        if (s.startsWith(';', i)) i++;
      }
      i++;
      const str = s.slice(start, i);
      let t = anonStructs.get(str);
      if (!t) anonStructs.set(str, (t = goStruct('', fields, { str })));
      return t;
    }
    const m = /^[\p{L}\p{N}_.]+/u.exec(s.slice(i));
    if (!m) throw new Error(`cannot parse ${s} at ${i}`);
    i += m[0].length;
    const t = NAMED[m[0]] ?? BASIC[m[0]];
    if (!t) throw new Error(`unknown Go type ${m[0]}`);
    return t;
  };
  const t = parse();
  if (i !== s.length) throw new Error(`trailing text in ${s}`);
  return t;
}

/** The order of gobcases.Cases(): one process encodes them in this order. */
export const CASE_ORDER = [
  'bool-true',
  'bool-false',
  'int-zero',
  'int-small',
  'int-fixint-edges',
  'int8-min-max',
  'int16-min-max',
  'int32-min-max',
  'int64-min-max',
  'uint-zero',
  'uint-edges',
  'uint8-max',
  'uint16-max',
  'uint32-max',
  'uint64-max',
  'uintptr',
  'float64-simple',
  'float64-fractions',
  'float64-extremes',
  'float64-subnormal',
  'float64-nan-inf',
  'float64-negzero',
  'float32',
  'complex128',
  'complex64',
  'complex-zero-negzero',
  'string-empty',
  'string-ascii',
  'string-unicode',
  'string-invalid-utf8',
  'string-long',
  'bytes-empty-vs-nil',
  'bytes-data',
  'bytes-long',
  'array-int',
  'array-bytes',
  'array-zero',
  'slice-int',
  'slice-zeros',
  'slice-mixed-kinds',
  'slice-nested',
  'slice-pointers',
  'slice-large',
  'map-string-int',
  'map-int-string',
  'map-empty-vs-nil',
  'map-array-key',
  'map-struct-key-value',
  'map-zero-values',
  'map-of-slices',
  'map-many-entries',
  'struct-point',
  'struct-zero',
  'struct-empty',
  'struct-all-kinds',
  'struct-all-kinds-zero',
  'struct-zero-rules',
  'struct-zero-rules-set',
  'struct-nested',
  'struct-nested-zero',
  'struct-pointer-top',
  'struct-field-names',
  'struct-embedded',
  'struct-anonymous',
  'struct-wide-deltas',
  'struct-named-kinds',
  'recursive-list',
  'recursive-tree',
  'recursive-map',
  'recursive-deep-list',
  'interface-top-nil',
  'interface-top-values',
  'interface-basic-names',
  'interface-field',
  'interface-slice-with-nil',
  'interface-map',
  'interface-custom-name',
  'interface-nested-typedefs',
  'interface-nested-twice',
  'interface-non-empty',
  'interface-gobencoder',
  'interface-deep-slices',
  'gobencoder-value-receiver',
  'gobencoder-pointer-receiver',
  'binarymarshaler',
  'textmarshaler-not-used',
  'gobencoder-preferred',
  'encoders-in-struct',
  'stdlib-time',
  'stdlib-big',
  'stdlib-url',
  'sdk-command-finished-0',
  'sdk-command-finished-1',
  'sdk-command-finished-123',
  'sdk-command-finished-negative',
  'sdk-registered-interfaces',
  'multi-same-type',
  'multi-mixed',
  'multi-interleaved-defs',
];

export { Shape, Square, Rect };
