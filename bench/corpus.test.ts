import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusCount, loadCorpus } from './corpus.js';
import { goInitMs } from './cold.js';

const frame = (...payloads: number[][]) => {
  const out: number[] = [];
  for (const p of payloads) out.push((p.length >>> 24) & 255, (p.length >>> 16) & 255, (p.length >>> 8) & 255, p.length & 255, ...p);
  return new Uint8Array(out);
};

test('loadCorpus reads length-framed payloads, each its own copy, with per-payload types', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-corpus-test-'));
  try {
    writeFileSync(join(dir, 'c.corpus'), frame([1, 2, 3], [], [4]));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ count: 3, bytes: 4, types: ['string', ['list', 'number'], 'bool'] }));
    const c = loadCorpus(join(dir, 'c.corpus'), { type: 'dynamic', other: 1 });
    assert.equal(
      c.payloads.map((p) => [...p]),
      [[1, 2, 3], [], [4]],
    );
    assert.is.not(c.payloads[0]!.buffer, c.payloads[2]!.buffer);
    assert.equal(c.contexts[1], { type: ['list', 'number'], other: 1 });
    assert.is(c.meanBytes, 4 / 3);
    writeFileSync(join(dir, 'd.corpus'), frame([9]));
    assert.equal(loadCorpus(join(dir, 'd.corpus'), { a: 1 }).contexts, [{ a: 1 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('corpusCount: more payloads for small ones, at least 1,024', () => {
  assert.is(corpusCount(30_000), 1024);
  assert.is(corpusCount(740), 4096);
  assert.is(corpusCount(58), 16384);
});

test('goInitMs sums the clock time of GODEBUG=inittrace lines', () => {
  const text = [
    'init internal/bytealg @0.003 ms, 0 ms clock, 0 bytes, 0 allocs',
    'PASS',
    'init math/big @1.2 ms, 0.25 ms clock, 1024 bytes, 3 allocs',
    'init x @2 ms, 1.5 ms clock, 0 bytes, 0 allocs',
  ].join('\n');
  assert.is(goInitMs(text), 1.75);
  assert.is(goInitMs(''), 0);
});

test.run();
