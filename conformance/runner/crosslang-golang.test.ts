/**
 * codecs/golang against Go itself (conformance/cmd/roundtrip, op "golang"): strconv.IsPrint and
 * strconv.Quote for every Unicode code point, encoding/json string writing for every code point
 * (HTML escaping on and off), and strconv.FormatFloat(f, 'g', -1, 64) and json.Marshal(float64)
 * for a large seeded random sample of float64 bit patterns plus edge cases.
 *
 * `--float-samples N` / GOLANG_FLOAT_SAMPLES sets the sample size (default 200000); `--seed N` /
 * PROPS_SEED replays. Without Go on PATH a line starting SKIPPED says so.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goIsPrint, goQuote, formatGoFloat } from '../../codecs/golang/strconv.js';
import { goJsonFloat, writeGoJsonString } from '../../codecs/golang/json.js';
import { GO_PRINT_RANGES } from '../../codecs/golang/print-table.js';
import { ByteWriter } from '../../codecs/wire/writer.js';
import { GoHelper, isUnavailable, option } from './crosslang.js';

const floatSamples = Number(option('float-samples', 'GOLANG_FLOAT_SAMPLES') ?? 200_000);
const seed = Number(option('seed', 'PROPS_SEED') ?? 0x5eed);
const MAX_RUNE = 0x10ffff;
const CHUNK = 512;

/** Every code point but the surrogates (no Go string holds them), in strings of CHUNK code points. */
function codePointChunks(): { first: number; text: string }[] {
  const out: { first: number; text: string }[] = [];
  for (let first = 0; first <= MAX_RUNE; first += CHUNK) {
    let text = '';
    for (let cp = first; cp < first + CHUNK && cp <= MAX_RUNE; cp++) if (cp < 0xd800 || cp > 0xdfff) text += String.fromCodePoint(cp);
    if (text) out.push({ first, text });
  }
  return out;
}

/** Which code points of a chunk come out differently (asked of Go one by one). */
async function firstDiffering(go: GoHelper, text: string, ours: (s: string) => string, fn: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const cps = [...text];
  const theirs = await go.golang<string[]>({ fn, strings: cps, ...extra });
  const bad: string[] = [];
  cps.forEach((c, i) => {
    if (ours(c) !== theirs[i] && bad.length < 5)
      bad.push(`U+${c.codePointAt(0)!.toString(16).toUpperCase()}: ours ${JSON.stringify(ours(c))}, Go ${JSON.stringify(theirs[i])}`);
  });
  return bad;
}

/** xorshift64*: a seeded stream of 64-bit patterns. */
function* bitPatterns(n: number, s: number): Generator<bigint> {
  let x = BigInt(s) | 1n;
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < n; i++) {
    x ^= x >> 12n;
    x ^= (x << 25n) & mask;
    x ^= x >> 27n;
    yield (x * 0x2545f4914f6cdd1dn) & mask;
  }
}

const f64 = new DataView(new ArrayBuffer(8));
const fromBits = (b: bigint): number => {
  f64.setBigUint64(0, b);
  return f64.getFloat64(0);
};
const toBits = (f: number): bigint => {
  f64.setFloat64(0, f);
  return f64.getBigUint64(0);
};

/** Float64 bit patterns: uniform bits, values near powers of ten and the %e/%f boundaries, edge cases. */
function floatSample(): bigint[] {
  const out: bigint[] = [];
  const edges = [
    0,
    -0,
    1,
    -1,
    0.1,
    1e-4,
    9.999999999999999e-5,
    1e-5,
    1e6,
    999999,
    999999.9999999999,
    1e21,
    1e-6,
    1e-7,
    5e-324,
    -5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    Infinity,
    -Infinity,
    NaN,
    123456789,
    0.000123,
    1e20,
    1e22,
    2 ** 53,
    2 ** 53 + 2,
    1 / 3,
  ];
  for (const e of edges) out.push(toBits(e));
  const n = Math.max(0, floatSamples - out.length);
  let k = 0;
  for (const b of bitPatterns(n, seed)) {
    // Half uniform bit patterns; half decimal-looking values around the format boundaries.
    if (k++ % 2 === 0) out.push(b);
    else {
      const exp = Number(b % 50n) - 25;
      const digits = Number((b >> 8n) % 10_000_000_000_000_000n);
      const len = 1 + Number((b >> 60n) % 17n);
      out.push(toBits(Number(`${String(digits).slice(0, len)}e${exp}`) * (b & 1n ? -1 : 1)));
    }
  }
  return out;
}

const started = GoHelper.start();
if (isUnavailable(started) && started.goMissing) {
  console.error(`SKIPPED: codecs/golang against Go did not run: ${started.reason}`);
} else if (isUnavailable(started)) {
  test('the Go round-trip helper builds', () => {
    assert.unreachable(started.reason);
  });
} else {
  const go = started;
  const chunks = codePointChunks();

  test('strconv.IsPrint: our table and goIsPrint agree with Go for every code point', async () => {
    const ranges = await go.golang<number[]>({ fn: 'isprint-ranges' });
    assert.equal([...GO_PRINT_RANGES], ranges, 'codecs/golang/print-table.ts differs from this Go: regenerate it with conformance/cmd/goprint');
    const bad: string[] = [];
    let r = 0;
    for (let cp = 0; cp <= MAX_RUNE; cp++) {
      while (r < ranges.length && ranges[r + 1]! < cp) r += 2;
      const theirs = r < ranges.length && ranges[r]! <= cp;
      if (goIsPrint(cp) !== theirs && bad.length < 5) bad.push(`U+${cp.toString(16)}: ours ${goIsPrint(cp)}, Go ${theirs}`);
    }
    assert.equal(bad, []);
  });

  test(`strconv.Quote: every code point (${chunks.length} strings of ${CHUNK}) as Go quotes it`, async () => {
    const theirs = await go.golang<string[]>({ fn: 'quote', strings: chunks.map((c) => c.text) });
    const bad: string[] = [];
    for (let i = 0; i < chunks.length && bad.length < 5; i++) {
      if (goQuote(chunks[i]!.text) !== theirs[i]) bad.push(...(await firstDiffering(go, chunks[i]!.text, goQuote, 'quote')));
    }
    assert.equal(bad, []);
    // ASCII controls, quote and backslash next to printable text.
    const ascii = ['', 'a"b\\c', '\x00\x07\x08\t\n\x0b\x0c\r\x1b\x7f', 'x\u0080y\u00a0z\u00ad'];
    assert.equal(ascii.map(goQuote), await go.golang<string[]>({ fn: 'quote', strings: ascii }));
  });

  for (const escapeHTML of [true, false]) {
    test(`encoding/json string writing (escapeHTML ${escapeHTML}): every code point as Go writes it`, async () => {
      const w = new ByteWriter();
      const ours = (s: string): string => {
        writeGoJsonString(w.reset(), s, { escapeHTML });
        return Buffer.from(w.bytes()).toString('base64');
      };
      const extra = ['', '<a href="x">&amp;</a>', '\x00\x08\t\n\x0c\r\x1f\x7f\\"/', '\u2028\u2029'];
      const all = [...chunks.map((c) => c.text), ...extra];
      const theirs = await go.golang<string[]>({ fn: 'json-string', strings: all, escapeHTML });
      const bad: string[] = [];
      for (let i = 0; i < all.length && bad.length < 5; i++) {
        if (ours(all[i]!) !== theirs[i]) bad.push(...(await firstDiffering(go, all[i]!, ours, 'json-string', { escapeHTML })));
      }
      assert.equal(bad, []);
    });
  }

  for (const format of ['g', 'json'] as const) {
    test(`${format === 'g' ? "strconv.FormatFloat(f, 'g', -1, 64)" : 'json.Marshal(float64)'}: ${floatSamples} float64s as Go writes them`, async () => {
      const sample = floatSample();
      const ours = (b: bigint): string => (format === 'g' ? formatGoFloat(fromBits(b)) : (goJsonFloat(fromBits(b)) ?? ''));
      const bad: string[] = [];
      const BATCH = 20_000;
      for (let i = 0; i < sample.length; i += BATCH) {
        const part = sample.slice(i, i + BATCH);
        const theirs = await go.golang<string[]>({ fn: 'format-float', format, bits: part.map((b) => b.toString(16).padStart(16, '0')) });
        part.forEach((b, j) => {
          if (ours(b) !== theirs[j] && bad.length < 5) bad.push(`bits ${b.toString(16)}: ours ${ours(b)}, Go ${theirs[j]}`);
        });
      }
      assert.equal(bad, []);
    });
  }

  test.after(async () => {
    await go.close();
  });
}

test.run();
