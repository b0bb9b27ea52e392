import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CASE_RULES, countJsonNodes, filterCases, selectCases, type BenchVector, type Metric } from './cases.js';

// Manifest entries shaped as vectors/README.md describes; sizes come from the table below, not from files.
const vec = (id: string, family: string, plugin: string, context: Record<string, unknown> = {}): BenchVector => ({
  id,
  family,
  file: `${id}.bin`,
  expect: `${id}.expect.json`,
  source: { plugin },
  context,
});

const SIZES: Record<string, number> = {};
const NODES: Record<string, number> = {};
const sized = (v: BenchVector, n: number, nodes = 1) => ((SIZES[v.id] = n), (NODES[v.id] = nodes), v);
const sizeOf = (v: BenchVector, m: Metric) => (m === 'bytes' ? SIZES[v.id] : NODES[v.id]) ?? 0;

const manifest: BenchVector[] = [
  sized(vec('gob-spec/harness-huge', 'gob-spec', 'harness', { call: 'ConfigSpec' }), 90_000),
  sized(vec('gob-spec/tester-builder', 'gob-spec', 'tester', { call: 'ConfigSpec' }), 3_000),
  sized(vec('gob-spec/docker-builder', 'gob-spec', 'docker', { call: 'ConfigSpec' }), 20_000),
  sized(vec('gob-spec/docker-outputspec', 'gob-spec', 'docker', { call: 'OutputSpec' }), 50_000),
  sized(vec('proto-spec/reject-one', 'proto-spec', 'tester', { kind: 'reject' }), 80_000),
  sized(vec('proto-spec/b', 'proto-spec', 'tester', { kind: 'accept', call: 'ConfigSpec' }), 700),
  sized(vec('proto-spec/a', 'proto-spec', 'docker', { kind: 'accept', call: 'ConfigSpec' }), 700),
  sized(vec('gob-value/small', 'gob-value', 'harness'), 10),
  sized(vec('gob-value/big', 'gob-value', 'tester'), 1_000, 400),
  sized(vec('gob-value/nested', 'gob-value', 'tester'), 800, 90),
  sized(vec('gob-value/wide', 'gob-value', 'tester'), 600, 120),
  sized(vec('msgpack-value/only', 'msgpack-value', 'tester'), 600, 120),
  sized(vec('rpc/prepare-small', 'rpc', 'harness', { direction: 'request', serviceMethod: 'Builder.Prepare' }), 100),
  sized(vec('rpc/prepare-big', 'rpc', 'harness', { direction: 'request', serviceMethod: 'Provisioner.Prepare' }), 900),
  sized(vec('rpc/prepare-response', 'rpc', 'harness', { direction: 'response', serviceMethod: 'Builder.Prepare' }), 5_000),
  sized(vec('rpc/say', 'rpc', 'harness', { direction: 'request', serviceMethod: 'Ui.Say' }), 40),
  sized(vec('rpc/spec-resp', 'rpc', 'harness', { direction: 'response', serviceMethod: 'Datasource.ConfigSpec' }), 4_000),
  sized(vec('rpc/spec-req', 'rpc', 'harness', { direction: 'request', serviceMethod: 'Datasource.ConfigSpec' }), 9_000),
];

const picked = (name: string) => selectCases(manifest, sizeOf).cases.find((c) => c.name === name)?.vector.id;

test('spec cases take the largest ConfigSpec from a real plugin, never harness or OutputSpec', () => {
  assert.is(picked('gob-spec.configspec'), 'gob-spec/docker-builder');
});

test('proto-spec ignores reject vectors and breaks size ties by id', () => {
  assert.is(picked('proto-spec.configspec'), 'proto-spec/a');
});

test('value cases take the largest vector whatever its source', () => {
  assert.is(picked('gob-value.largest'), 'gob-value/big');
});

test('most-nodes ranks by expect nodes, not bytes', () => {
  assert.is(picked('gob-value.most-nodes'), 'gob-value/wide');
});

test('most-nodes does not repeat the largest case when another vector matches', () => {
  const only = [manifest.find((v) => v.id === 'gob-value/big')!, manifest.find((v) => v.id === 'gob-value/small')!];
  const cs = selectCases(only, sizeOf).cases;
  assert.is(cs.find((c) => c.name === 'gob-value.largest')?.vector.id, 'gob-value/big');
  assert.is(cs.find((c) => c.name === 'gob-value.most-nodes')?.vector.id, 'gob-value/small');
});

test('with a single vector, largest and most-nodes both time it', () => {
  const cs = selectCases(manifest, sizeOf).cases;
  assert.is(cs.find((c) => c.name === 'msgpack-value.largest')?.vector.id, 'msgpack-value/only');
  assert.is(cs.find((c) => c.name === 'msgpack-value.most-nodes')?.vector.id, 'msgpack-value/only');
});

test('a case picked by nodes still reports its payload size', () => {
  assert.is(selectCases(manifest, sizeOf).cases.find((c) => c.name === 'gob-value.most-nodes')?.bytes, 600);
});

test('countJsonNodes counts every value', () => {
  assert.is(countJsonNodes(null), 1);
  assert.is(countJsonNodes({ a: [1, 2, { b: 'x' }], c: {} }), 7);
});

test('rpc cases match direction and method', () => {
  assert.is(picked('rpc.prepare-request'), 'rpc/prepare-big');
  assert.is(picked('rpc.ui-say'), 'rpc/say');
  assert.is(picked('rpc.configspec-response'), 'rpc/spec-resp');
});

test('a case carries the size it was chosen by', () => {
  const c = selectCases(manifest, sizeOf).cases.find((x) => x.name === 'gob-spec.configspec');
  assert.is(c?.bytes, 20_000);
});

test('rules with no vector are listed as missing, in rule order', () => {
  const { cases, missing } = selectCases(manifest, sizeOf);
  const names = missing.map((m) => m.name);
  assert.equal(names, ['json-value.largest', 'gob-generic.largest']);
  assert.is(cases.length + missing.length, CASE_RULES.length);
});

test('selection does not depend on manifest order', () => {
  const a = selectCases(manifest, sizeOf).cases.map((c) => c.vector.id);
  const b = selectCases([...manifest].reverse(), sizeOf).cases.map((c) => c.vector.id);
  assert.equal(a, b);
});

test('case names are stable and safe as Go sub-benchmark names', () => {
  const names = CASE_RULES.map((r) => r.name);
  assert.is(new Set(names).size, names.length);
  for (const n of names) {
    assert.ok(/^[a-z0-9.-]+$/.test(n), n);
    assert.not.ok(/-\d+$/.test(n), `${n} would be cut by the GOMAXPROCS suffix rule`);
  }
});

test('an empty manifest gives no cases and every rule missing', () => {
  const { cases, missing } = selectCases([], sizeOf);
  assert.is(cases.length, 0);
  assert.is(missing.length, CASE_RULES.length);
});

test('filterCases keeps names containing any word, all when no words', () => {
  const cs = [{ name: 'rpc.ui-say' }, { name: 'gob-spec.configspec' }, { name: 'proto-spec.configspec' }];
  assert.equal(
    filterCases(cs, ['rpc']).map((c) => c.name),
    ['rpc.ui-say'],
  );
  assert.equal(filterCases(cs, ['configspec']).length, 2);
  assert.equal(filterCases(cs, []).length, 3);
});

test.run();
