/**
 * The hostile vectors: each still gives its WireError, every planned vector of the fuzz tool is in
 * the manifest, and the Go-made ones (conformance/cmd/payloads -hostile) are there.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import type { Family } from '../codecs/family.js';
import { familyCodec } from '../codecs/families.js';
import { DecodeLimitError } from '../codecs/wire/limits.js';
import { join } from 'node:path';
import { checkVector, loadManifest } from '../conformance/runner/run.js';
import { DEFAULT_VECTORS_DIR } from './corpus.js';
import { planHostileVectors } from './hostile.js';

const vectors = loadManifest(DEFAULT_VECTORS_DIR).filter((v) => v.family === 'hostile');

test('hostile vectors exist', () => {
  assert.ok(vectors.length > 0, 'no hostile vectors in vectors/manifest.json');
  for (const v of vectors) assert.ok(existsSync(join(DEFAULT_VECTORS_DIR, v.file)), v.file);
});

test('every hostile vector gives the WireError it records', () => {
  const fails = vectors.map((v) => [v.id, checkVector(DEFAULT_VECTORS_DIR, v).reason] as const).filter(([, r]) => r !== null);
  assert.equal(fails, [], fails.map(([id, r]) => `${id}: ${r}`).join('\n'));
});

test("the manifest holds exactly the fuzz tool's planned hostile vectors", () => {
  const planned = planHostileVectors(DEFAULT_VECTORS_DIR)
    .vectors.map((v) => v.id)
    .sort();
  const made = vectors.filter((v) => v.source.plugin === 'fuzz');
  assert.equal(made.map((v) => v.id).sort(), planned, 'run: npm run fuzz -- --write-hostile');
});

test('shape 1 inside an rpc Prepare config (Go-made vectors): refused by a DecodeLimitError naming maxNumberExponent', () => {
  const byGo = vectors.filter((v) => v.source.plugin === 'harness' && /prepare-tiny-number/.test(v.id));
  assert.equal(byGo.map((v) => v.id).sort(), ['hostile/rpc-builder-prepare-tiny-number', 'hostile/rpc-provisioner-prepare-tiny-number']);
  for (const v of byGo) {
    const { family, ...ctx } = v.context as { family: Family };
    try {
      familyCodec(family)!.decode(new Uint8Array(readFileSync(join(DEFAULT_VECTORS_DIR, v.file))), ctx);
      assert.unreachable(`${v.id} decoded`);
    } catch (e) {
      assert.ok(e instanceof DecodeLimitError && e.limit === 'maxNumberExponent' && e.reason.includes('maxNumberExponent'), `${v.id}: ${String(e)}`);
    }
  }
});

test.run();
