/**
 * cty numbers kept as decimals (codecs/cty/numtext.ts, withShortDecimal) against Go: many seeded
 * random decimals go through go-cty's JSON decoder in the Go round-trip helper
 * (conformance/cmd/roundtrip) and through ours, as a list(number) (each number's canonical text,
 * `Text('f', -1)`), a set(number) (go-cty's equality and numeric order: duplicates written
 * differently, order after the crc32 buckets) and a set(list(number)) (ordered by go-cty's hash
 * strings, which print each number with `Text('g', 10)`, ties at the 11th digit included).
 *
 * The draw covers what the decimal path decides on: digit counts around the short-decimal bound
 * (151 at precision 512), powers of five around the exact bound (5^27), exponents up to the
 * default maxNumberExponent, neighbours one unit in the last digit apart, integers around 2^53,
 * and the same value written several ways. Then seeded float64s (powers of two and their
 * neighbours, subnormals, random bit patterns) and int64s (around 2^53 and 2^63) as go-cty msgpack
 * reads them (precision 53 and 64), the same three ways. `--number-samples N` / NUMBER_SAMPLES (default
 * 8,000), `--seed N` / PROPS_SEED. Without Go on PATH a line starting SKIPPED says so.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decode } from '../../codecs/api.js';
import { GoHelper, isUnavailable, option } from './crosslang.js';
import { canonicalDiff } from './compare.js';

const samples = Number(option('number-samples', 'NUMBER_SAMPLES') ?? 8_000);
const seed = Number(option('seed', 'PROPS_SEED') ?? 0x5eed);
const BATCH = 400;
/** The draw holds exponents past the default limits' sum; these tests are about values, not limits. */
const LIMITS = { maxNumberExponentSum: Number.MAX_SAFE_INTEGER, maxValues: 10_000_000, maxRetainedBytes: Number.MAX_SAFE_INTEGER };

/** A seeded uniform [0, 1) (mulberry32). */
function rng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One decimal in one of the shapes the decimal path must get right. */
function drawDecimal(r: () => number): string {
  const int = (n: number): number => Math.floor(r() * n);
  const digits = (n: number): string => {
    let s = String(1 + int(9));
    for (let i = 1; i < n; i++) s += String(int(10));
    return s;
  };
  const sign = r() < 0.3 ? '-' : '';
  const shape = int(8);
  let mant: string;
  let exp: number;
  switch (shape) {
    case 0: // short decimals, small exponents: the common case
      mant = digits(1 + int(8));
      exp = int(40) - 25;
      break;
    case 1: // digit counts around the short-decimal bound
      mant = digits(140 + int(20));
      exp = int(60) - 30 - mant.length;
      break;
    case 2: // powers of five around the exact bound 5^27 and the 64-bit one
      mant = digits(1 + int(30));
      exp = -mant.length + (r() < 0.5 ? 1 : -1) * (20 + int(20));
      break;
    case 3: // past the exact powers of five, up to the default maxNumberExponent (rarely: Go
      // needs tens of milliseconds to print one of those)
      mant = digits(1 + int(40));
      exp = (r() < 0.5 ? 1 : -1) * (r() < 0.1 ? 400 + int(590) : 30 + int(370)) - mant.length;
      break;
    case 4: // %g ties: 11 digits ending in 5, and its neighbours
      mant = digits(10) + ['5', '4', '6', '50', '51', '49'][int(6)];
      exp = int(20) - 15;
      break;
    case 5: // integers around 2^53 and 10^15
      mant = String((r() < 0.5 ? 2 ** 53 : 1e15) + int(2000) - 1000);
      exp = 0;
      break;
    case 6: // leading zeros after the point, trailing zeros
      return `${sign}0.${'0'.repeat(int(8))}${digits(1 + int(5))}${'0'.repeat(int(30))}e${int(40) - 20}`;
    default: // long mantissas of nines (carries when rounded)
      mant = digits(1) + '9'.repeat(10 + int(150));
      exp = int(20) - 10 - mant.length;
  }
  return `${sign}${mant}e${exp}`;
}

/** The same value written another way: a decimal point moved, zeros added. */
function rewrite(text: string, r: () => number): string {
  const m = /^(-?)(\d+)e(-?\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, mant, e] = m as unknown as [string, string, string, string];
  const shift = Math.floor(r() * Math.min(mant.length, 5));
  const point = mant.length - shift;
  return `${sign}${mant.slice(0, point)}.${mant.slice(point)}00e${Number(e) + shift}`;
}

function batches(): string[][] {
  const r = rng(seed);
  const out: string[][] = [];
  for (let done = 0; done < samples; done += BATCH) {
    const b: string[] = [];
    while (b.length < BATCH) {
      const x = drawDecimal(r);
      b.push(x);
      if (r() < 0.1) b.push(rewrite(x, r));
      if (r() < 0.1) {
        // a neighbour one unit in the last digit away
        const m = /^(-?)(\d+)(e-?\d+)$/.exec(x);
        if (m) b.push(`${m[1]}${(BigInt(m[2]!) + 1n).toString()}${m[3]}`);
      }
    }
    out.push(b);
  }
  return out;
}

const utf8 = new TextEncoder();

const FLOAT_BATCH = 400;

/** Seeded float64s: random bit patterns, powers of two and their neighbours, short decimals, subnormals. */
function floatBatches(): number[][] {
  const r = rng(seed ^ 0xf10a7);
  const view = new DataView(new ArrayBuffer(8));
  const out: number[][] = [];
  for (let done = 0; done < samples; done += FLOAT_BATCH) {
    const b: number[] = [];
    while (b.length < FLOAT_BATCH) {
      const kind = Math.floor(r() * 5);
      let x: number;
      if (kind === 0) {
        view.setUint32(0, Math.floor(r() * 2 ** 32));
        view.setUint32(4, Math.floor(r() * 2 ** 32));
        x = view.getFloat64(0);
      } else if (kind === 1) {
        x = 2 ** (Math.floor(r() * 2098) - 1074);
        const step = Math.floor(r() * 3) - 1; // the power of two or a neighbour
        if (step !== 0 && x > 0) {
          view.setFloat64(0, x);
          view.setBigUint64(0, view.getBigUint64(0) + BigInt(step));
          x = view.getFloat64(0);
        }
      } else if (kind === 2) x = Number(`${Math.floor(r() * 1e6)}e${Math.floor(r() * 40) - 20}`);
      else if (kind === 3) x = r() * 2 ** -1022;
      else x = (Math.floor(r() * 2 ** 53) - 2 ** 52) * 2 ** (Math.floor(r() * 100) - 50);
      if (Number.isFinite(x)) b.push(r() < 0.5 ? -x : x);
    }
    out.push(b);
  }
  return out;
}

/** Seeded int64s: around 2^53 and 2^63, powers of ten, small ones. */
function intBatches(): bigint[][] {
  const r = rng(seed ^ 0x1a7);
  const out: bigint[][] = [];
  for (let done = 0; done < samples; done += FLOAT_BATCH) {
    const b: bigint[] = [];
    while (b.length < FLOAT_BATCH) {
      const kind = Math.floor(r() * 4);
      const jitter = BigInt(Math.floor(r() * 2000) - 1000);
      let v: bigint;
      if (kind === 0) v = (1n << 53n) + jitter;
      else if (kind === 1) v = (1n << 63n) - 1n - BigInt(Math.floor(r() * 2000));
      else if (kind === 2) v = 10n ** BigInt(Math.floor(r() * 19)) * BigInt(1 + Math.floor(r() * 9)) + (r() < 0.5 ? 0n : jitter);
      else v = BigInt(Math.floor(r() * 2 ** 40)) * BigInt(Math.floor(r() * 2 ** 20));
      if (v >= 1n << 63n) v = (1n << 63n) - 1n;
      b.push(r() < 0.5 ? -v : v);
    }
    out.push(b);
  }
  return out;
}

/** A msgpack array of float64s (0xcb) or int64s (0xd3), each wrapped in a one-element array when `lists`. */
function msgpackNumbers(xs: readonly (number | bigint)[], lists: boolean): Uint8Array {
  const each = lists ? 10 : 9;
  const out = new Uint8Array(3 + xs.length * each);
  const view = new DataView(out.buffer);
  out.set([0xdc, xs.length >> 8, xs.length & 0xff]);
  xs.forEach((x, i) => {
    let at = 3 + i * each;
    if (lists) out[at++] = 0x91;
    out[at] = typeof x === 'bigint' ? 0xd3 : 0xcb;
    if (typeof x === 'bigint') view.setBigInt64(at + 1, x);
    else view.setFloat64(at + 1, x);
  });
  return out;
}

const started = GoHelper.start();
if (isUnavailable(started) && started.goMissing) {
  console.error(`SKIPPED: cty numbers against Go did not run: ${started.reason}`);
} else if (isUnavailable(started)) {
  test('the Go round-trip helper builds', () => {
    assert.unreachable(started.reason);
  });
} else {
  const go = started;
  const all = batches();

  const cases: { name: string; type: unknown; body: (b: string[]) => string }[] = [
    { name: 'list(number): every text', type: ['list', 'number'], body: (b) => `[${b.join(',')}]` },
    { name: 'set(number): equality and order', type: ['set', 'number'], body: (b) => `[${b.join(',')}]` },
    { name: 'set(list(number)): hash strings (Text g 10)', type: ['set', ['list', 'number']], body: (b) => `[${b.map((x) => `[${x}]`).join(',')}]` },
  ];
  /** Batches decoded by Go and by us: the first few that differ. */
  const differences = async (family: 'json-value' | 'msgpack-value', type: unknown, batches: { first: unknown; bytes: Uint8Array }[]): Promise<string[]> => {
    const bad: string[] = [];
    const ctx = { type };
    for (const b of batches) {
      const theirs = await go.roundtrip(family, b.bytes, ctx);
      assert.is(theirs.error, '', `Go refused a batch: ${theirs.error}`);
      const ours = JSON.parse(JSON.stringify(decode(family, b.bytes, ctx, LIMITS))) as unknown;
      const d = canonicalDiff(ours, theirs.canonical);
      if (d !== null && bad.length < 3) bad.push(`batch starting ${String(b.first)}: ${d}`);
    }
    return bad;
  };

  for (const c of cases) {
    test(`${c.name}: ${all.reduce((n, b) => n + b.length, 0)} seeded decimals (seed ${seed}) as go-cty reads them`, async () => {
      assert.equal(
        await differences(
          'json-value',
          c.type,
          all.map((b) => ({ first: b[0], bytes: utf8.encode(c.body(b)) })),
        ),
        [],
      );
    });
  }

  // float64s (go-cty msgpack reads them as NumberFloatVal, precision 53): printed from JS's
  // shortest formatting except at powers of two (numtext.ts, doubleShortest); compared as doubles.
  const floats = floatBatches();
  for (const type of [
    ['list', 'number'],
    ['set', 'number'],
    ['set', ['list', 'number']],
  ] as const) {
    test(`msgpack ${JSON.stringify(type)}: ${floats.length * FLOAT_BATCH} seeded float64s as go-cty reads them`, async () => {
      assert.equal(
        await differences(
          'msgpack-value',
          type,
          floats.map((b) => ({ first: b[0], bytes: msgpackNumbers(b, type[1] !== 'number') })),
        ),
        [],
      );
    });
  }

  // int64s (go-cty msgpack reads them as NumberIntVal, precision 64): safe integers printed from
  // JS numbers, the rest exactly; compared as doubles where exact.
  const ints = intBatches();
  for (const type of [
    ['list', 'number'],
    ['set', 'number'],
    ['set', ['list', 'number']],
  ] as const) {
    test(`msgpack ${JSON.stringify(type)}: ${ints.length * FLOAT_BATCH} seeded int64s as go-cty reads them`, async () => {
      assert.equal(
        await differences(
          'msgpack-value',
          type,
          ints.map((b) => ({ first: b[0], bytes: msgpackNumbers(b, type[1] !== 'number') })),
        ),
        [],
      );
    });
  }

  test.after(async () => {
    await go.close();
  });
}

test.run();
