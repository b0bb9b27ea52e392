import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { coldTable, fmtBytes, fmtOps, fmtRatio, mainTable, markdownTable, ratio, renderReport, type BenchReport, type CaseReport } from './report.js';
import { parseArgs } from './args.js';
import { checkGoals } from './goals.js';

const row = (over: Partial<CaseReport> = {}): CaseReport => ({
  name: 'gob-spec.configspec',
  family: 'gob-spec',
  op: 'decode',
  content: 'distinct',
  bytes: 26231,
  payloads: 1024,
  vector: 'gob-spec/x',
  ts: { opsPerSec: 1234.5, rme: 3.25, mbPerSec: 32.4, allocBytesPerOp: 2048 },
  go: { opsPerSec: 4000, rme: 12.5, mbPerSec: 104.9, allocBytesPerOp: 1_200_000, allocsPerOp: 26321 },
  ratio: 1234.5 / 4000,
  peers: {},
  ...over,
});

test('number formats', () => {
  assert.is(fmtOps(1234567.8), '1,234,568');
  assert.is(fmtOps(12.345), '12.3');
  assert.is(fmtOps(null), '—');
  assert.is(fmtOps(NaN), '—');
  assert.is(fmtBytes(1000), '1000 B');
  assert.is(fmtBytes(2048), '2.0 KiB');
  assert.is(fmtBytes(3 * 1024 * 1024), '3.0 MiB');
  assert.is(fmtRatio(1.234), '1.23x');
  assert.is(fmtRatio(0.31), '0.31x !');
  assert.is(fmtRatio(null), '—');
});

test('ratio needs two finite numbers and a positive divisor', () => {
  assert.is(ratio(10, 4), 2.5);
  assert.is(ratio(10, null), null);
  assert.is(ratio(null, 4), null);
  assert.is(ratio(10, 0), null);
});

test('markdownTable pads columns, right-aligns where asked and escapes pipes', () => {
  const t = markdownTable(
    ['a', 'num'],
    [
      ['x|y', '1'],
      ['long text', '12345'],
    ],
    [false, true],
  ).split('\n');
  assert.is(t.length, 4);
  assert.is(t[0], '| a         |   num |');
  assert.is(t[1], '|-----------|------:|');
  assert.is(t[2], '| x\\|y      |     1 |');
  assert.is(t[3], '| long text | 12345 |');
});

test('main table shows TS, Go and the marked ratio; missing Go is a dash', () => {
  const t = mainTable([
    row(),
    row({ op: 'encode', go: { opsPerSec: null, rme: null, mbPerSec: null, allocBytesPerOp: null, allocsPerOp: null }, ratio: null }),
  ]);
  const lines = t.split('\n');
  assert.ok(lines[2]!.includes('1,235'));
  assert.ok(lines[2]!.includes('4,000'));
  assert.ok(lines[2]!.includes('0.31x !'));
  assert.ok(lines[2]!.includes('26,321'));
  assert.ok(lines[2]!.includes('±3.3%'));
  assert.ok(lines[2]!.includes('±13%'));
  assert.ok(lines[2]!.includes('| distinct'));
  assert.ok(lines[3]!.trimEnd().endsWith('— |'));
});

test('cold cases go to their own table with milliseconds, not to the throughput table', () => {
  const cold = row({
    name: 'cold.gob-spec',
    content: 'cold',
    ts: { opsPerSec: null, ms: 12.5, rme: 4, mbPerSec: null, allocBytesPerOp: null },
    go: { opsPerSec: null, ms: 25, rme: 2, mbPerSec: null, allocBytesPerOp: null, allocsPerOp: null },
    ratio: 2,
  });
  assert.not.ok(mainTable([cold]).includes('cold.gob-spec'));
  const t = coldTable([row(), cold]).split('\n');
  assert.is(t.length, 3);
  assert.ok(t[2]!.includes('12.5') && t[2]!.includes('25.0') && t[2]!.includes('2.00x'));
});

test('a TS error replaces the TS number', () => {
  const t = mainTable([row({ ts: { opsPerSec: null, rme: null, mbPerSec: null, allocBytesPerOp: null, error: 'no codec' }, ratio: null })]);
  assert.ok(t.includes('error: no codec'));
});

test('renderReport lists machine, peers, memory, missing cases and notes', () => {
  const r: BenchReport = {
    date: '2024-01-01T00:00:00Z',
    quick: true,
    machine: { cores: 2, cpu: 'AMD EPYC', node: 'v20', go: null, loadStart: [0.1, 0.2, 0.3], loadEnd: [0.4, 0.5, 0.6] },
    cases: [row({ peers: { msgpackr: { opsPerSec: 100, mbPerSec: 1, ratio: 12.345 } } })],
    memory: [
      { name: 'gob-spec.configspec', family: 'gob-spec', bytes: 26231, ts: { retainedPerOp: 52462, perByte: 2 }, go: { retainedPerOp: null, perByte: null } },
    ],
    missing: [{ name: 'rpc.ui-say', family: 'rpc', what: 'largest Ui.Say request' }],
    notes: ['GO NOT FOUND: Go columns are empty'],
  };
  const text = renderReport(r);
  assert.ok(text.includes('2 cores, AMD EPYC'));
  assert.ok(text.includes('Go absent'));
  assert.ok(text.includes('GO ABSENT'));
  assert.ok(text.includes('load 0.1 0.2 0.3'));
  assert.ok(text.includes('| msgpackr'));
  assert.ok(text.includes('12.35x'));
  assert.ok(text.includes('51.2 KiB'));
  assert.ok(text.includes('- rpc.ui-say: largest Ui.Say request'));
  assert.ok(text.includes('- GO NOT FOUND'));
});

test('goals: ratios against the goals of issue 15, missing figures count as missed', () => {
  const r: BenchReport = {
    date: 'd',
    quick: false,
    machine: { cores: 2, cpu: 'x', node: 'v20', go: 'go', loadStart: [0], loadEnd: [0] },
    cases: [
      row({ ratio: 7 }),
      row({ op: 'encode', ratio: 1.5 }),
      row({ name: 'msgpack-value.largest', family: 'msgpack-value', ratio: null, peers: { msgpackr: { opsPerSec: 1, mbPerSec: 1, ratio: 1.2 } } }),
      row({ name: 'json-value.largest', family: 'json-value', content: 'same', ratio: 0.1 }),
      row({
        name: 'cold.import',
        family: 'core',
        op: 'import',
        content: 'cold',
        ts: { opsPerSec: null, ms: 31, rme: 1, mbPerSec: null, allocBytesPerOp: null },
      }),
      row({ name: 'cold.rpc', family: 'rpc', content: 'cold', ratio: 1 }),
    ],
    memory: [{ name: 'gob-spec.configspec', family: 'gob-spec', bytes: 10, ts: { retainedPerOp: 20, perByte: 2 }, go: { retainedPerOp: 10, perByte: 1 } }],
    missing: [],
    notes: [],
  };
  const g = checkGoals(r);
  const met = Object.fromEntries(g.map((x) => [`${x.case} ${x.goal}`, x.met]));
  assert.equal(met, {
    'gob-spec.configspec gob-spec decode on new content >= 6x Go': true,
    'gob-spec.configspec gob-spec encode on new content >= 2x Go': false,
    'msgpack-value.largest msgpack-value decode on new content >= 5x Go': false,
    'msgpack-value.largest msgpack-value decode >= msgpackr on the same bytes': true,
    'cold.import core entry imports in <= 30 ms': false,
    'cold.rpc first decode no slower than Go (Go ms / TS ms >= 1)': true,
    'gob-spec.configspec retained memory after a decode <= Go (Go bytes / TS bytes >= 1)': false,
  });
  assert.ok(renderReport(r).includes('### Goals (issue 15): 3 of 7 met'));
});

test('parseArgs', () => {
  assert.equal(parseArgs([]), { json: false, quick: false, go: true, write: true, filter: [] });
  const a = parseArgs(['--json', '--quick', '--no-go', '--vectors', '/v', 'rpc']);
  assert.equal(a, { json: true, quick: true, go: false, write: true, vectorsDir: '/v', filter: ['rpc'] });
  assert.throws(() => parseArgs(['--fast']), /unknown flag/);
  assert.throws(() => parseArgs(['--vectors']), /needs a folder/);
});

test.run();
