/**
 * The costliest 64 KB inputs we know of, per family (issue 16): numbers of every kind (short and
 * long decimals, integers, exponents up to the limits, sets sharing one hash bucket), long
 * strings, deep nesting, many small values, and the largest vectors. fuzz/worst.ts times them
 * and checks what they retain; fuzz/worst-inputs.test.ts checks the decode limits refuse, by name,
 * the ones that would retain more than the documented bound.
 */
import type { Family, VectorContext } from '../codecs/family.js';
import { familyCodec } from '../codecs/families.js';
import { loadSeeds, DEFAULT_VECTORS_DIR } from './corpus.js';
import { ALL_SHAPES } from './shapes/index.js';
import { bytes, repeat } from './shapes/build.js';
import { defineSlice, defineStruct, gobInt, gobString, gobUint, message } from './shapes/gob.js';

const SIZE = 64 * 1024;

export interface Input {
  readonly family: Family;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly ctx: VectorContext;
}

const utf8 = new TextEncoder();

/** As many comma-joined items as fit SIZE bytes with the brackets. */
function fill(item: (i: number) => string, open = '[', close = ']'): string {
  const parts: string[] = [];
  let len = open.length + close.length;
  for (let i = 0; ; i++) {
    const s = item(i);
    if (len + s.length + 1 > SIZE) break;
    parts.push(s);
    len += s.length + 1;
  }
  return open + parts.join(',') + close;
}

/** A cty JSON value of type t (the json-value family's bytes). */
const json = (name: string, type: unknown, text: string): Input => ({ family: 'json-value', name, bytes: utf8.encode(text), ctx: { type } });

/** Seeded digits, so that every run measures the same inputs. */
function digitStream(seed: number): (n: number) => string {
  let x = seed >>> 0 || 1;
  return (n) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      s += String((x >>> 0) % 10);
    }
    return s;
  };
}

function jsonInputs(): Input[] {
  const d = digitStream(7);
  const lead = (n: number): string => String(1 + (Number(d(1)) % 9)) + d(n - 1);
  return [
    json(
      'list(number) of 0.1',
      ['list', 'number'],
      fill(() => '0.1'),
    ),
    json(
      'list(number) of 1-digit ints',
      ['list', 'number'],
      fill((i) => String(i % 10)),
    ),
    json(
      'set(number) of distinct decimals',
      ['set', 'number'],
      fill((i) => `${i}.${d(3)}`),
    ),
    json(
      'set(number) of distinct ints',
      ['set', 'number'],
      fill((i) => String(i)),
    ),
    json(
      'set(number) sharing one %g hash',
      ['set', 'number'],
      fill((i) => `1.0000000000${String(i).padStart(8, '0')}`),
    ),
    json(
      'set(number) of 150-digit decimals',
      ['set', 'number'],
      fill(() => `${lead(150)}e-${100 + Number(d(2))}`),
    ),
    json(
      'list(number) of 160-digit decimals (past the short bound)',
      ['list', 'number'],
      fill(() => `${lead(160)}e-200`),
    ),
    json(
      'list(number) of 1e-999 (to maxNumberExponentSum)',
      ['list', 'number'],
      fill((i) => (i < 102 ? '1e-999' : '0')),
    ),
    json(
      'list(number) of 1e999 (to maxNumberExponentSum)',
      ['list', 'number'],
      fill((i) => (i < 102 ? `${lead(40)}e959` : '0')),
    ),
    json(
      'list(number) of 1000-digit integers',
      ['list', 'number'],
      fill(() => lead(1000)),
    ),
    json('string of 64 KB escapes', 'string', `"${'\\u00e9'.repeat((SIZE - 2) / 6)}"`),
    json(
      'list(string) of empty strings',
      ['list', 'string'],
      fill(() => '""'),
    ),
    json(
      'list(bool)',
      ['list', 'bool'],
      fill(() => 'true'),
    ),
    json(
      'map(number) of many keys',
      ['map', 'number'],
      fill((i) => `"k${i}":${i}`, '{', '}'),
    ),
    json(
      'set(string) of distinct strings',
      ['set', 'string'],
      fill((i) => `"s${i}"`),
    ),
    json(
      'set(list(number)) of small lists',
      ['set', ['list', 'number']],
      fill((i) => `[${i},0.5]`),
    ),
  ];
}

/** msgpack: an array header for n elements. */
const mpArray = (n: number): Uint8Array =>
  n < 16
    ? Uint8Array.of(0x90 | n)
    : n < 65536
      ? Uint8Array.of(0xdc, n >> 8, n & 0xff)
      : Uint8Array.of(0xdd, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
const mpStr = (s: string): Uint8Array => {
  const b = utf8.encode(s);
  return bytes(b.length < 32 ? 0xa0 | b.length : [0xd9, b.length], b);
};

function msgpackInputs(): Input[] {
  const mp = (name: string, type: unknown, items: Uint8Array[]): Input => ({
    family: 'msgpack-value',
    name,
    bytes: bytes(mpArray(items.length), ...items),
    ctx: { type },
  });
  const upTo = (each: number): number => Math.floor((SIZE - 5) / each);
  const f64 = (x: number): Uint8Array => {
    const b = new Uint8Array(9);
    b[0] = 0xcb;
    new DataView(b.buffer).setFloat64(1, x);
    return b;
  };
  const int16 = (v: number): Uint8Array => Uint8Array.of(0xd1, (v >> 8) & 0xff, v & 0xff);
  return [
    mp(
      'list(number) of fixints',
      ['list', 'number'],
      Array.from({ length: upTo(1) }, (_, i) => Uint8Array.of(i & 0x7f)),
    ),
    mp(
      'set(number) of int16',
      ['set', 'number'],
      Array.from({ length: upTo(3) }, (_, i) => int16(i - 10_000)),
    ),
    mp(
      'set(number) of float64',
      ['set', 'number'],
      Array.from({ length: upTo(9) }, (_, i) => f64(i / 7)),
    ),
    mp(
      'list(number) of number strings 0.1',
      ['list', 'number'],
      Array.from({ length: upTo(4) }, () => mpStr('0.1')),
    ),
    mp(
      'set(number) of decimal strings',
      ['set', 'number'],
      Array.from({ length: upTo(9) }, (_, i) => mpStr(`${i}.125`)),
    ),
    mp(
      'list(string) of empty strings',
      ['list', 'string'],
      Array.from({ length: upTo(1) }, () => Uint8Array.of(0xa0)),
    ),
    { family: 'msgpack-value', name: 'string of 64 KB', bytes: bytes([0xda, 0xff, 0xf0], new Uint8Array(0xfff0).fill(0x61)), ctx: { type: 'string' } },
  ];
}

/** gob-value: a canonical value written by our encoder (gob big.Float numbers keep their precision). */
function gobValueInputs(): Input[] {
  const codec = familyCodec('gob-value')!;
  const seed = loadSeeds(DEFAULT_VECTORS_DIR, 'gob-value').find((s) => s.id.endsWith('harness-gob-list-numbers'));
  if (!seed) return [];
  const make = (name: string, type: unknown, value: (i: number) => unknown): Input => {
    // as many elements as fit SIZE bytes: try a count, scale it by the size it gave
    let n = 1024;
    for (;;) {
      const model = codec.fromCanonical({ type, value: Array.from({ length: n }, (_, i) => value(i)) }, seed.ctx);
      const bytes = codec.encode(model, seed.ctx);
      if (bytes.length <= SIZE && bytes.length > SIZE * 0.97) return { family: 'gob-value', name, bytes, ctx: seed.ctx };
      n = Math.floor((n * SIZE * 0.985) / bytes.length);
    }
  };
  const num = (text: string, prec: number): unknown => ({ $number: text, prec, mode: 'ToNearestEven' });
  return [
    make('list(number) of prec-512 0.1', ['list', 'number'], () => num('0.1', 512)),
    make('list(number) of prec-64 ints', ['list', 'number'], (i) => num(String(i), 64)),
    make('set(number) of prec-512 decimals', ['set', 'number'], (i) => num(`${i}.37`, 512)),
    make('set(number) of prec-53 doubles', ['set', 'number'], (i) => num(String(i / 7), 53)),
    make('list(string)', ['list', 'string'], (i) => `s${i}`),
  ];
}

/** rpc: a Builder.Prepare request whose cty config (cty JSON in Configs) fills 64 KB with numbers. */
function rpcInputs(): Input[] {
  const codec = familyCodec('rpc')!;
  const seed = loadSeeds(DEFAULT_VECTORS_DIR, 'rpc').find((s) => s.id.endsWith('harness-rpc-builder-prepare-req-cty-only'));
  if (!seed) return [];
  const make = (name: string, type: unknown, item: (i: number) => unknown, each: number): Input => {
    const n = Math.floor((SIZE - 200) / each);
    const canonical = {
      header: { Seq: { $uint: '1' }, ServiceMethod: 'Builder.Prepare' },
      body: { Configs: [{ $cty: { type, value: Array.from({ length: n }, (_, i) => item(i)) } }] },
    };
    return { family: 'rpc', name, bytes: codec.encode(codec.fromCanonical(canonical, seed.ctx), seed.ctx), ctx: seed.ctx };
  };
  return [
    make('Prepare config: set(number) of distinct decimals', ['set', 'number'], (i) => ({ $number: `${i}.125` }), 10),
    make('Prepare config: list(number) of 0.1', ['list', 'number'], () => ({ $number: '0.1' }), 4),
    make('Prepare config: list(string) of empty strings', ['list', 'string'], () => '', 3),
  ];
}

function gobGenericInputs(): Input[] {
  return [
    {
      family: 'gob-generic',
      name: '[]struct{} of 64 K elements',
      bytes: bytes(defineStruct(65, 'E', []), defineSlice(66, '', 65), message(gobInt(66), 0, gobUint(SIZE - 40), repeat(0x00, SIZE - 40))),
      ctx: {},
    },
    {
      family: 'gob-generic',
      name: '[]string of empty strings',
      bytes: bytes(defineSlice(65, '', 6), message(gobInt(65), 0, gobUint(SIZE - 40), repeat(0x00, SIZE - 40))),
      ctx: {},
    },
    {
      family: 'gob-generic',
      name: '[]string of one 64 KB string',
      bytes: bytes(defineSlice(65, '', 6), message(gobInt(65), 0, gobUint(1), gobString('x'.repeat(SIZE - 40)))),
      ctx: {},
    },
  ];
}

/** Shapes of the fuzz tool at the size that comes nearest 64 KB (deep nesting, huge counts). */
function shapeInputs(): Input[] {
  const out: Input[] = [];
  for (const shape of ALL_SHAPES) {
    for (const family of shape.families) {
      const seeds = loadSeeds(DEFAULT_VECTORS_DIR, family);
      for (const n of shape.sizes) {
        const made = shape.make(n, family, seeds);
        if (!made || made.bytes.length > SIZE) continue;
        out.push({ family, name: `shape ${shape.name} ${n}`, bytes: made.bytes, ctx: made.ctx });
      }
    }
  }
  return out;
}

/** The largest seed vector of each family, repeated where the format allows (transcript records). */
function seedInputs(): Input[] {
  const out: Input[] = [];
  for (const family of ['gob-spec', 'proto-spec', 'rpc', 'transcript', 'gob-value', 'msgpack-value', 'json-value', 'gob-generic'] as const) {
    const seeds = loadSeeds(DEFAULT_VECTORS_DIR, family).filter((s) => s.bytes.length <= SIZE);
    seeds.sort((a, b) => b.bytes.length - a.bytes.length);
    const big = seeds[0];
    if (big) out.push({ family, name: `largest vector ${big.id.split('/').pop()}`, bytes: big.bytes, ctx: big.ctx });
  }
  return out;
}

/** Every input, in table order. */
export function worstInputs(): Input[] {
  return [...jsonInputs(), ...msgpackInputs(), ...gobValueInputs(), ...rpcInputs(), ...gobGenericInputs(), ...seedInputs(), ...shapeInputs()];
}
