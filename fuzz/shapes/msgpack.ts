/**
 * Hostile msgpack: arrays and maps nested far past MAX_DEPTH, a deeply nested type in a
 * DynamicPseudoType value, and declared counts/lengths far past the input. For `rpc` the hostile
 * part is the body after a real header taken from a seed.
 */
import type { Family } from '../../codecs/family.js';
import { bytes, repeat, utf8 } from './build.js';
import { contextWhere, DEPTHS, HUGE, type Seed, type Shape, type ShapeInput } from './shape.js';

/** Where the msgpack object starting at `pos` ends, or -1 when the bytes are not one whole object. */
export function skipMsgpack(b: Uint8Array, pos: number): number {
  let pending = 1;
  while (pending > 0) {
    if (pos >= b.length) return -1;
    const c = b[pos++]!;
    pending--;
    const be = (n: number): number => {
      let v = 0;
      for (let i = 0; i < n; i++) v = v * 256 + (b[pos + i] ?? 0);
      pos += n;
      return v;
    };
    if (c <= 0x7f || c >= 0xe0 || c === 0xc0 || c === 0xc2 || c === 0xc3) continue;
    if (c >= 0x80 && c <= 0x8f) pending += 2 * (c & 0x0f);
    else if (c >= 0x90 && c <= 0x9f) pending += c & 0x0f;
    else if (c >= 0xa0 && c <= 0xbf) pos += c & 0x1f;
    else if (c === 0xc4 || c === 0xd9) pos += be(1);
    else if (c === 0xc5 || c === 0xda) pos += be(2);
    else if (c === 0xc6 || c === 0xdb) pos += be(4);
    else if (c === 0xc7) pos += be(1) + 1;
    else if (c === 0xc8) pos += be(2) + 1;
    else if (c === 0xc9) pos += be(4) + 1;
    else if (c === 0xca) pos += 4;
    else if (c === 0xcb) pos += 8;
    else if (c === 0xcc || c === 0xd0) pos += 1;
    else if (c === 0xcd || c === 0xd1) pos += 2;
    else if (c === 0xce || c === 0xd2) pos += 4;
    else if (c === 0xcf || c === 0xd3) pos += 8;
    else if (c >= 0xd4 && c <= 0xd8) pos += 1 + (1 << (c - 0xd4));
    else if (c === 0xdc) pending += be(2);
    else if (c === 0xdd) pending += be(4);
    else if (c === 0xde) pending += 2 * be(2);
    else if (c === 0xdf) pending += 2 * be(4);
    else return -1;
  }
  return pos <= b.length ? pos : -1;
}

const deepArrays = (n: number): Uint8Array => bytes(repeat(0x91, n), 0xc0);
const deepMaps = (n: number): Uint8Array => bytes(repeat(Uint8Array.of(0x81, 0xa1, 0x61), n), 0xc0);
const deepTypeJson = (n: number): Uint8Array => utf8('["list",'.repeat(n) + '"string"' + ']'.repeat(n));
const bin32 = (b: Uint8Array): Uint8Array => bytes(0xc6, (b.length >>> 24) & 0xff, (b.length >>> 16) & 0xff, (b.length >>> 8) & 0xff, b.length & 0xff, b);
const be32 = (n: number): number[] => [(n / 2 ** 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** The value part for a family: msgpack-value takes it with a context, rpc after a seed's header. */
function place(family: Family, seeds: readonly Seed[], value: Uint8Array, wantType: (t: unknown) => boolean): ShapeInput | null {
  if (family === 'msgpack-value') {
    const ctx = contextWhere(seeds, (c) => wantType(c['type']));
    return ctx ? { bytes: value, ctx } : null;
  }
  // rpc: a request whose body is decoded as an interface/map (it can hold anything).
  for (const s of seeds) {
    if (s.ctx['direction'] !== 'request') continue;
    const end = skipMsgpack(s.bytes, 0);
    if (end > 0) return { bytes: bytes(s.bytes.subarray(0, end), value), ctx: s.ctx };
  }
  return null;
}

const isList = (t: unknown): boolean => Array.isArray(t) && t[0] === 'list';
const any = (): boolean => true;

export const msgpackShapes: readonly Shape[] = [
  {
    name: 'msgpack-deep-arrays',
    families: ['msgpack-value', 'rpc'],
    about: 'N one-element arrays, one inside the next, around nil',
    sizes: DEPTHS,
    make: (n, f, seeds) => place(f, seeds, deepArrays(n), isList),
  },
  {
    name: 'msgpack-deep-maps',
    families: ['msgpack-value', 'rpc'],
    about: 'N one-entry maps {"a": …} nested, around nil',
    sizes: DEPTHS,
    make: (n, f, seeds) => place(f, seeds, deepMaps(n), any),
  },
  {
    name: 'msgpack-dynamic-deep-type',
    families: ['msgpack-value'],
    about: 'a DynamicPseudoType value [type JSON, value] whose type JSON is a list of a list of … string, N deep, with a value as deep',
    sizes: DEPTHS,
    make: (n, f, seeds) => place(f, seeds, bytes(0x92, bin32(deepTypeJson(n)), deepArrays(n)), (t) => t === 'dynamic'),
  },
  {
    name: 'msgpack-huge-array-count',
    families: ['msgpack-value', 'rpc'],
    about: 'an array32 declaring N elements, 1 present',
    sizes: HUGE.filter((n) => n <= 0xffff_ffff),
    make: (n, f, seeds) => place(f, seeds, bytes(0xdd, be32(n), 0xc0), isList),
  },
  {
    name: 'msgpack-huge-map-count',
    families: ['msgpack-value', 'rpc'],
    about: 'a map32 declaring N entries, 1 present',
    sizes: HUGE.filter((n) => n <= 0xffff_ffff),
    make: (n, f, seeds) => place(f, seeds, bytes(0xdf, be32(n), 0xa1, 0x61, 0xc0), any),
  },
  {
    name: 'msgpack-huge-str-length',
    families: ['msgpack-value', 'rpc'],
    about: 'a str32 declaring N bytes, 3 present',
    sizes: HUGE.filter((n) => n <= 0xffff_ffff),
    make: (n, f, seeds) => place(f, seeds, bytes(0xdb, be32(n), utf8('abc')), (t) => t === 'string'),
  },
];
