/**
 * The fuzzer in `npm test`: a short, seeded run per family (fails on any finding), and the
 * fuzzer's own machinery against a codec that misbehaves on purpose (testing/bad-codec.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAMILIES } from '../codecs/family.js';
import { familyCodec } from '../codecs/families.js';
import { DEFAULT_VECTORS_DIR } from './corpus.js';
import { fuzzFamily } from './supervisor.js';
import { BAD } from './testing/bad-codec.js';

/** Inputs per family: a few seconds in all (the 120 s deadline is only for a heavily loaded machine: the test counts inputs, not time). */
const INPUTS = 300;

test('a short seeded fuzz run of every family with a codec finds nothing', async () => {
  const problems: string[] = [];
  for (const family of FAMILIES) {
    if (!familyCodec(family)) {
      console.error(`NOTE fuzz: family ${family} has no codec yet (not fuzzed)`);
      continue;
    }
    const s = await fuzzFamily({ family, seconds: 120, maxInputs: INPUTS, seed: 7, vectorsDir: DEFAULT_VECTORS_DIR, findingsDir: null, coverage: false });
    assert.ok(s.inputs >= Math.min(INPUTS, s.seeds), `${family}: only ${s.inputs} inputs ran`);
    for (const f of s.findings) problems.push(`${family} [${f.kind}] ${f.stage}: ${f.message} at ${f.stackTop}; input ${f.hex.slice(0, 200)}`);
  }
  assert.equal(problems, [], problems.join('\n'));
});

test('the fuzzer reports every kind of misbehaviour', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-test-'));
  try {
    const order = [BAD.VALUE, BAD.WIRE_ERROR, BAD.TYPE_ERROR, BAD.RECURSE, BAD.BAD_OFFSET, BAD.RETAIN, BAD.CANONICAL_THROWS, BAD.SPIN, BAD.EXHAUST];
    const vectors = order.map((b) => {
      const file = `bad-${b}.bin`;
      writeFileSync(join(dir, file), Uint8Array.of(b, 0xaa));
      return { id: `gob-generic/bad-${b}`, family: 'gob-generic', file, expect: '', context: {} };
    });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ vectors }));
    const s = await fuzzFamily({
      family: 'gob-generic',
      seconds: 30,
      maxInputs: order.length,
      seed: 1,
      vectorsDir: dir,
      findingsDir: null,
      coverage: false,
      heapMb: 64,
      codecModule: new URL('./testing/bad-codec.js', import.meta.url).href,
    });
    const kinds = s.findings.map((f) => `${f.kind}/${f.stage}`).sort();
    assert.equal(kinds, [
      'bad-wire-error/decode',
      'exception/canonical',
      'exception/decode',
      'hang/decode',
      'heap-limit/decode',
      'memory/decode',
      'stack-overflow/decode',
    ]);
    const hang = s.findings.find((f) => f.kind === 'hang')!;
    assert.is(hang.hex, '06aa');
    assert.ok(hang.stackTop.includes('fuzz/testing/bad-codec.ts'), `hang stack top: ${hang.stackTop}`);
    const exception = s.findings.find((f) => f.kind === 'exception' && f.stage === 'decode')!;
    assert.is(exception.hex, '02', 'minimized to the one byte that matters');
    assert.ok(exception.stackTop.includes('decode (fuzz/testing/bad-codec.ts:'), exception.stackTop);
    assert.is(s.restarts, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
