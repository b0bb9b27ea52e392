/**
 * Guard on vectors/manifest.json: no gob-spec, gob-value or gob-generic vector whose value holds
 * a Go map with two or more entries is flagged byteExact (Go writes map entries in random
 * order). The flag itself is decided by cmd/vectorize from the decoded Go value; this reads the
 * same structure back from the expect files: an `$object` spec with 2+ attributes, a cty object
 * or map value or an object type with 2+ attributes, a `$map` with 2+ pairs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../interop/plugins.js';

interface Entry {
  id: string;
  family: string;
  expect: string;
  byteExact: boolean;
}

/** True when a JSON dict in the canonical form stands for a Go map with 2+ entries. */
function holdsBigMap(node: unknown, family: string, root = true): boolean {
  if (Array.isArray(node)) {
    // a cty object type: ["object", {attr: T, …}] (optional names follow)
    if (node[0] === 'object' && node.length >= 2 && node[1] !== null && typeof node[1] === 'object' && Object.keys(node[1] as object).length >= 2) return true;
    return node.some((n) => holdsBigMap(n, family, false));
  }
  if (node === null || typeof node !== 'object') return false;
  const o = node as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$object') return Object.keys(o['$object'] as object).length >= 2 || holdsBigMap(o['$object'], family, false);
  if (keys.length === 1 && keys[0] === '$map') return (o['$map'] as unknown[]).length >= 2 || holdsBigMap(o['$map'], family, false);
  if (keys.includes('$unknown') || keys.includes('$number')) return false;
  if (keys.length === 1 && keys[0]!.startsWith('$') && !keys[0]!.startsWith('$$')) return holdsBigMap(o[keys[0]!], family, false);
  if (family === 'gob-value' && root) return holdsBigMap(o['type'], family, false) || holdsBigMap(o['value'], family, false);
  // user data: a cty object or map value (gob-value), struct fields (gob-generic)
  if (family === 'gob-value' && keys.length >= 2) return true;
  return keys.some((k) => holdsBigMap(o[k], family, false));
}

test('no gob vector holding a Go map with 2+ entries is byteExact', () => {
  const dir = process.env['PACKER_WIRE_VECTORS'] ?? resolve(repoRoot, 'vectors');
  const m = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as { vectors: Entry[] };
  const wrong: string[] = [];
  let checked = 0;
  for (const v of m.vectors) {
    if (!['gob-spec', 'gob-value', 'gob-generic'].includes(v.family) || !v.byteExact) continue;
    const expect = JSON.parse(readFileSync(resolve(dir, v.expect), 'utf8')) as unknown;
    checked++;
    if (holdsBigMap(expect, v.family)) wrong.push(v.id);
  }
  assert.ok(checked > 0, 'no byteExact gob vector to check');
  assert.equal(wrong, [], `flagged byteExact although they hold a Go map with 2+ entries:\n${wrong.join('\n')}`);
});

test('the structure check finds the maps it must', () => {
  assert.ok(holdsBigMap({ $object: { a: {}, b: {} } }, 'gob-spec'));
  assert.not.ok(holdsBigMap({ $object: { a: { $attr: { Name: 'a', Type: 'string', Required: false } } } }, 'gob-spec'));
  assert.ok(
    holdsBigMap(
      {
        $map: [
          [1, 2],
          [3, 4],
        ],
      },
      'gob-generic',
    ),
  );
  assert.not.ok(holdsBigMap({ $struct: { name: 'T', fields: { A: { $int: '1' }, B: { $int: '2' } } } }, 'gob-generic'));
  const v = { type: ['list', ['object', { a: 'string', b: 'number' }]], value: [] };
  assert.ok(holdsBigMap(v, 'gob-value'));
  const w = { type: ['map', 'string'], value: { x: 'a', y: 'b' } };
  assert.ok(holdsBigMap(w, 'gob-value'));
  const n = { type: 'number', value: { $number: '1', prec: 512, mode: 'ToNearestEven' } };
  assert.not.ok(holdsBigMap(n, 'gob-value'));
});

test.run();
