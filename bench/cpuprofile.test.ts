import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { summarizeProfile, type CpuProfile } from './cpuprofile.js';

// A call tree in V8's .cpuprofile shape: root -> main -> {readUvarint, decodeStruct -> decodeStruct (recursion) -> readUvarint}.
const frame = (functionName: string, line = 0) => ({ functionName, url: 'file:///repo/dist/codecs/gob/x.js', lineNumber: line });
const PROFILE: CpuProfile = {
  startTime: 0,
  endTime: 100,
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2] },
    { id: 2, callFrame: frame('main', 1), children: [3, 4] },
    { id: 3, callFrame: frame('readUvarint', 10) },
    { id: 4, callFrame: frame('decodeStruct', 20), children: [5] },
    { id: 5, callFrame: frame('decodeStruct', 20), children: [6] },
    { id: 6, callFrame: frame('readUvarint', 10) },
  ],
  samples: [3, 3, 6, 6, 6, 5, 4, 2, 2, 2],
};

const by = (where: string) => summarizeProfile(PROFILE, '/repo/').find((r) => r.where.startsWith(where));

test('self time adds samples of every node of a function', () => {
  assert.is(by('readUvarint')?.selfPct, 50);
  assert.is(by('decodeStruct')?.selfPct, 20);
  assert.is(by('main')?.selfPct, 30);
});

test('inclusive time counts a recursive function once per sample', () => {
  assert.is(by('decodeStruct')?.totalPct, 50);
  assert.is(by('main')?.totalPct, 100);
});

test('largest self time first, paths cut to the repository and lines 1-based', () => {
  const rows = summarizeProfile(PROFILE, '/repo/');
  assert.is(rows[0]?.where, 'readUvarint (dist/codecs/gob/x.js:11)');
});

test('without samples, hitCount is used', () => {
  const p: CpuProfile = {
    startTime: 0,
    endTime: 1,
    nodes: [
      { id: 1, callFrame: frame('a'), hitCount: 3, children: [2] },
      { id: 2, callFrame: frame('b'), hitCount: 1 },
    ],
  };
  const rows = summarizeProfile(p);
  assert.is(rows[0]?.selfPct, 75);
  assert.is(rows.find((r) => r.where.startsWith('a'))?.totalPct, 100);
});

test.run();
