import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseGoBenchOutput } from './goBench.js';

// The shape `go test -bench . -benchmem` prints (testing/benchmark.go), with the skip lines of conformance/gobench.
const OUTPUT = [
  'gobench-skip retain gob-generic.largest: Go type "main.Pair" is not importable by the bench',
  'goos: linux',
  'goarch: amd64',
  'pkg: github.com/packer-wire/conformance/gobench',
  'cpu: AMD EPYC 7B13',
  'BenchmarkDecode/gob-spec.configspec-2         \t    3188\t    363045 ns/op\t  72.25 MB/s\t 1163408 B/op\t   26321 allocs/op',
  'gobench-skip decode gob-generic.largest: Go type "main.Pair" is not importable by the bench',
  'BenchmarkDecode/rpc.ui-say-2                  \t 2651113\t       377.2 ns/op\t 132.55 MB/s\t     128 B/op\t       5 allocs/op',
  'BenchmarkEncode/gob-spec.configspec-2         \t   12350\t     97000 ns/op\t 270.40 MB/s\t  429260 B/op\t    4105 allocs/op',
  'BenchmarkEncode/noalloc                       \t  100000\t      1000 ns/op',
  'BenchmarkOther/x-2                            \t  100000\t      1000 ns/op',
  'PASS',
  'ok  \tgithub.com/packer-wire/conformance/gobench\t12.345s',
].join('\n');

test('parses every Decode/Encode line with its metrics', () => {
  const p = parseGoBenchOutput(OUTPUT);
  assert.is(p.results.length, 4);
  const d = p.results[0]!;
  assert.equal(d, { op: 'decode', name: 'gob-spec.configspec', iterations: 3188, nsPerOp: 363045, opsPerSec: 1e9 / 363045, mbPerSec: 72.25, bytesPerOp: 1163408, allocsPerOp: 26321 });
});

test('fractional ns/op and the GOMAXPROCS suffix', () => {
  const say = parseGoBenchOutput(OUTPUT).results.find((r) => r.name === 'rpc.ui-say');
  assert.ok(say);
  assert.is(say.nsPerOp, 377.2);
  assert.ok(Math.abs(say.opsPerSec - 2_651_113) < 10);
});

test('a line without -benchmem columns and without a suffix', () => {
  const r = parseGoBenchOutput(OUTPUT).results.find((x) => x.name === 'noalloc');
  assert.ok(r);
  assert.is(r.op, 'encode');
  assert.is(r.bytesPerOp, undefined);
  assert.is(r.mbPerSec, undefined);
});

test('benchmarks other than Decode/Encode are ignored', () => {
  assert.not.ok(parseGoBenchOutput(OUTPUT).results.some((r) => r.name === 'x'));
});

test('skip lines and cpu are collected; a passing run is not failed', () => {
  const p = parseGoBenchOutput(OUTPUT);
  assert.is(p.skips.length, 2);
  assert.equal(p.skips[1], { op: 'decode', name: 'gob-generic.largest', reason: 'Go type "main.Pair" is not importable by the bench' });
  assert.is(p.cpu, 'AMD EPYC 7B13');
  assert.is(p.failed, false);
});

test('FAIL and panic mark the run failed', () => {
  assert.ok(parseGoBenchOutput('--- FAIL: BenchmarkDecode/x\nFAIL').failed);
  assert.ok(parseGoBenchOutput('panic: runtime error: index out of range').failed);
});

test('garbage and empty output give no results', () => {
  assert.is(parseGoBenchOutput('').results.length, 0);
  assert.is(parseGoBenchOutput('BenchmarkDecode/x-2 abc 12 ns/op\nBenchmarkDecode/y-2 10 0 ns/op').results.length, 0);
});

test.run();
