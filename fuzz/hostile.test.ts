/** The hostile vectors: each still gives its WireError, and every planned vector is in the manifest. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
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

test('the manifest holds exactly the planned hostile vectors', () => {
  const planned = planHostileVectors(DEFAULT_VECTORS_DIR)
    .vectors.map((v) => v.id)
    .sort();
  assert.equal(vectors.map((v) => v.id).sort(), planned, 'run: npm run fuzz -- --write-hostile');
});

test.run();
