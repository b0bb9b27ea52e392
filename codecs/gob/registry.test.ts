import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeGobStream, type GobValue } from './dynamic.js';
import { goAny, goInt, goMap, goPtr, goSlice, goString, goStruct } from './gotype.js';
import { IdSpace } from './idspace.js';
import { GobRegistry, registeredName } from './registry.js';
import { packerRegistry } from './hcldec.js';
import { vector, vectors } from '../../testkit/vectors.js';

/** Registered names found in interface values on Go's streams. */
function namesOn(bytes: Uint8Array): Set<string> {
  const out = new Set<string>();
  const walk = (v: GobValue): void => {
    if (v.kind === 'interface' && v.concrete) {
      out.add(v.concrete.name);
      walk(v.concrete.value);
    } else if (v.kind === 'slice' || v.kind === 'array') v.elems.forEach(walk);
    else if (v.kind === 'map') v.entries.forEach(([k, x]) => (walk(k), walk(x)));
    else if (v.kind === 'struct') v.fields.forEach((f) => walk(f.value));
  };
  decodeGobStream(bytes).values.forEach((t) => walk(t.value));
  return out;
}

test('every interface name on the gob-spec vectors is one the Packer registry knows', () => {
  const r = packerRegistry();
  const seen = new Set<string>();
  for (const v of vectors('gob-spec')) for (const n of namesOn(v.bytes)) seen.add(n);
  assert.ok(seen.size >= 10);
  for (const n of seen) assert.ok(r.typeOf(n), n);
});

test("registeredName derives Go's names: pkgpath.T for named types, String() for pointers and unnamed types", () => {
  const names = namesOn(vector('gob-generic/harness-interface-top-values').bytes);
  const Point = goStruct('Point', { X: goInt, Y: goInt }, { str: 'gobcases.Point' });
  const Rect = goStruct('Rect', { W: goInt, H: goInt }, { str: 'gobcases.Rect' });
  const pkg = 'github.com/packer-wire/conformance/internal/gobcases';
  assert.ok(names.has(registeredName(Point, pkg)));
  assert.ok(names.has(registeredName(goPtr(Rect), pkg)));
  assert.ok(names.has(registeredName(goInt, '')));
  assert.ok(namesOn(vector('gob-generic/harness-interface-slice-with-nil').bytes).has(registeredName(goSlice(goAny), '')));
});

test('registry: a name is looked up by base type; duplicates are refused as gob.Register panics', () => {
  const T = goStruct('T', { A: goInt });
  const r = new GobRegistry().register('*p.T', goPtr(T));
  assert.is(r.nameOf(T), '*p.T');
  assert.is(r.nameOf(goPtr(T)), '*p.T');
  assert.is(r.typeOf('*p.T'), goPtr(T));
  r.register('*p.T', goPtr(T)); // same pair again is fine
  assert.throws(() => r.register('*p.T', goStruct('U', {})), /duplicate types/);
  assert.throws(() => r.register('p.T', T), /duplicate names/);
  assert.throws(() => r.register('', goString), /empty name/);
  const copy = r.extend().register('m', goMap(goString, goInt));
  assert.is(r.typeOf('m'), undefined);
  assert.ok(copy.typeOf('*p.T'));
});

test('IdSpace: clones are independent; an observation that disagrees is reported', () => {
  const S = goStruct('S', { A: goInt });
  const a = new IdSpace();
  const info = a.getTypeInfo({ user: S, base: S, indir: 0, externalEnc: 0, encIndir: 0 });
  assert.is(info.id, 64);
  const b = a.clone();
  const T = goStruct('T', { B: goString });
  assert.is(b.getTypeInfo({ user: T, base: T, indir: 0, externalEnc: 0, encIndir: 0 }).id, 65);
  assert.is(a.next, 65);
  assert.is(b.next, 66);
  assert.ok(a.observe(S, 64, info.wire));
  assert.not.ok(a.observe(S, 70, info.wire));
});

test.run();
