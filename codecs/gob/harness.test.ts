/**
 * Every gob-generic vector through the typed API, with Go types described in TypeScript
 * (test-harness-types.ts): decode into those types, then encode again
 *  - with the ids the stream showed (recorded while decoding), and
 *  - as the harness's single Go process did: all cases in its order on one fresh IdSpace,
 * both of which must give Go's bytes exactly.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GobDecoder, END } from './decoder.js';
import { GobEncoder } from './encoder.js';
import { IdSpace } from './idspace.js';
import { CASE_ORDER, harnessRegistry, parseGoType } from '../../testkit/gob/test-harness-types.js';
import { hex, vectors, type LoadedVector } from '../../testkit/vectors.js';
import type { GoType } from './gotype.js';

const registry = harnessRegistry();
const all = new Map(vectors('gob-generic').map((v) => [v.id.replace('gob-generic/harness-', ''), v]));

interface Case {
  readonly name: string;
  readonly v: LoadedVector;
  readonly types: GoType[];
  readonly values: unknown[];
  readonly ids: IdSpace;
}

function decodeCase(name: string): Case {
  const v = all.get(name);
  if (!v) throw new Error(`no vector for case ${name}`);
  const types = (v.ctx['goTypes'] as string[]).map(parseGoType);
  const ids = new IdSpace();
  const d = new GobDecoder({ ids, registry }, v.bytes);
  const values = types.map((t) => {
    const x = d.next(t);
    if (typeof x === 'symbol') throw new Error(`${name}: stream ended early`);
    return x;
  });
  assert.is(d.next(types[0]!), END, `${name}: extra values`);
  assert.equal([...d.typeIds], v.ctx['gobTypeIds'], `${name}: type ids`);
  return { name, v, types, values, ids };
}

const cases = CASE_ORDER.map(decodeCase);

test('the case list covers every gob-generic vector', () => {
  assert.is(cases.length, all.size);
});

test('typed decode then encode with the recorded ids gives Go bytes (every byte-exact case)', () => {
  let exact = 0;
  for (const c of cases) {
    if (!c.v.byteExact) continue;
    const enc = new GobEncoder({ ids: c.ids.clone(), registry });
    const out = c.types.flatMap((t, i) => [...enc.encode(t, c.values[i])]);
    assert.is(hex(new Uint8Array(out)), hex(c.v.bytes), c.name);
    exact++;
  }
  assert.ok(exact >= 90, `only ${exact} byte-exact cases`);
});

test('one fresh process encoding every case in order numbers types exactly as Go did', () => {
  const process = new IdSpace();
  for (const c of cases) {
    const enc = new GobEncoder({ ids: process, registry });
    const out = new Uint8Array(c.types.flatMap((t, i) => [...enc.encode(t, c.values[i])]));
    if (c.v.byteExact) assert.is(hex(out), hex(c.v.bytes), c.name);
    else {
      // Go's map order differs run to run; the definitions (and their ids) must not.
      const d = new GobDecoder({ registry }, out);
      for (const t of c.types) d.next(t);
      assert.equal([...d.typeIds], c.v.ctx['gobTypeIds'], c.name);
    }
  }
});

test('typed values keep Go semantics: zero fields, pointers, named kinds, self-marshalling types', () => {
  const byName = new Map(cases.map((c) => [c.name, c.values]));
  assert.equal(byName.get('struct-point'), [{ X: 3n, Y: -4n }]);
  const z = byName.get('struct-zero-rules')![0] as Record<string, unknown>;
  assert.is(z['P'], null); // nil pointer: not on the wire
  assert.is(z['PZero'], null); // pointer to zero: not on the wire either, so nil again
  assert.equal(z['EmptyM'], new Map()); // empty non-nil map is sent
  assert.is(z['M'], null); // nil map is not
  assert.ok(Number.isNaN(z['NaN'] as number));
  assert.ok(Object.is(z['NegZ'], 0)); // -0 == 0: left out, so it decodes as +0
  const e = byName.get('encoders-in-struct')![0] as Record<string, unknown>;
  assert.equal(e['C'], { Deg: 1n });
  assert.equal(e['CP'], { Deg: 0n });
  assert.is(e['CPNil'], null);
  assert.equal(e['P'], { S: '' }); // only *PtrEnc implements GobEncoder: always sent
  const n = byName.get('struct-named-kinds')![0] as Record<string, unknown>;
  assert.is(n['I'], 3n);
  assert.equal(n['M'], new Map([['k', 1n]]));
});

test.run();
