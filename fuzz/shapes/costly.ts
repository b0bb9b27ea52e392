/**
 * Valid input that costs too much (issue 16): each is well formed, and Go decodes it, slowly or
 * into far more memory than its size. Our codecs refuse them with a WireError naming the decode
 * limit (codecs/wire/limits.ts) instead of spending seconds or gigabytes.
 */
import { CtyNumber } from '../../codecs/cty/number.js';
import { T } from '../../codecs/cty/types.js';
import { encodeCtyValueGob } from '../../codecs/gob/api.js';
import { bytes, repeat, utf8 } from './build.js';
import { defineSlice, defineStruct, gobInt, gobUint, message } from './gob.js';
import type { Shape } from './shape.js';

const be32 = (n: number): number[] => [(n / 2 ** 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const mpStr = (s: string): Uint8Array => {
  const b = utf8(s);
  return bytes(b.length < 32 ? 0xa0 | b.length : [0xd9, b.length], b);
};
const mpArray = (n: number): Uint8Array => bytes(n < 16 ? 0x90 | n : n < 65536 ? [0xdc, n >>> 8, n & 0xff] : [0xdd, be32(n)]);

/** 10^-n at go-cty's 512 bits (binary exponent from the decimal one; the mantissa is irrelevant). */
const tinyNumber = (n: number): CtyNumber => new CtyNumber('finite', false, (1n << 511n) + 1n, -Math.ceil(n * Math.log2(10)) - 511, 512);

/** go-cty msgpack refined unknown: not null, length exactly n (ext 0x0c, map {1: false (is null), 5: n, 6: n}). */
const refinedUnknownList = (n: number): Uint8Array => {
  const body = bytes(0x83, 0x01, 0xc2, 0x05, 0xce, be32(n), 0x06, 0xce, be32(n));
  return bytes(0xc7, body.length, 0x0c, body);
};

export const costlyShapes: readonly Shape[] = [
  {
    name: 'cty-tiny-number',
    families: ['msgpack-value', 'json-value', 'gob-value'],
    about: 'the number 1e-N: Go needs minutes to print it in decimal',
    sizes: [600_000],
    make: (n, f) => {
      if (f === 'msgpack-value') return { bytes: mpStr(`1e-${n}`), ctx: { type: 'number' } };
      if (f === 'json-value') return { bytes: utf8(`1e-${n}`), ctx: { type: 'number' } };
      return { bytes: encodeCtyValueGob({ type: T.Number, raw: tinyNumber(n) }), ctx: {} };
    },
  },
  {
    name: 'cty-many-small-exponents',
    families: ['msgpack-value', 'json-value'],
    about: 'a list of N numbers 1e-999, each within maxNumberExponent but together past maxNumberExponentSum',
    sizes: [120],
    make: (n, f) => {
      const ctx = { type: ['list', 'number'] };
      if (f === 'msgpack-value')
        return {
          bytes: bytes(
            mpArray(n),
            Array.from({ length: n }, () => mpStr('1e-999')),
          ),
          ctx,
        };
      return { bytes: utf8(`[${Array.from({ length: n }, () => '1e-999').join(',')}]`), ctx };
    },
  },
  {
    name: 'msgpack-refined-unknown-lists',
    families: ['msgpack-value'],
    about: 'a list of N refined unknown lists, each declaring its known length 65,536 in 18 bytes',
    sizes: [1000],
    make: (n) => ({ bytes: bytes(mpArray(n), repeat(refinedUnknownList(65_536), n)), ctx: { type: ['list', ['list', 'string']] } }),
  },
  {
    name: 'msgpack-fixint-flood',
    families: ['msgpack-value'],
    about: 'a list(number) of N fixints (one byte, one value each)',
    sizes: [100_000],
    make: (n) => ({ bytes: bytes(mpArray(n), repeat(0x01, n)), ctx: { type: ['list', 'number'] } }),
  },
  {
    name: 'gob-empty-struct-flood',
    families: ['gob-generic'],
    about: 'a []struct{} of N elements (one byte, one value each)',
    sizes: [100_000],
    make: (n) => ({ bytes: bytes(defineStruct(65, 'E', []), defineSlice(66, '', 65), message(gobInt(66), 0, gobUint(n), repeat(0x00, n))), ctx: {} }),
  },
  {
    name: 'transcript-empty-records',
    families: ['transcript'],
    about: 'N empty transcript records (5 bytes each)',
    sizes: [40_000],
    make: (n) => ({ bytes: repeat(Uint8Array.of(0, 0, 0, 0, 0), n), ctx: {} }),
  },
];
