/**
 * The conformance run as a test: every family that has a codec must pass all its vectors.
 * Families whose codec does not exist yet are reported (NOTE lines), not hidden.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { FAMILIES } from '../../codecs/family.js';
import { familyCodec } from '../../codecs/families.js';
import { runConformance } from './run.js';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../vectors');

test('vectors exist', () => {
  assert.ok(existsSync(resolve(dir, 'manifest.json')), 'vectors/manifest.json is missing');
});

test('every family with a codec passes all its vectors', () => {
  const report = runConformance(dir);
  for (const f of FAMILIES) {
    const s = report.families[f]!;
    if (!familyCodec(f)) {
      console.error(`NOTE conformance: family ${f} has no codec yet (${s.total} vectors not checked)`);
      continue;
    }
    const fails = report.failures.filter((x) => x.family === f).slice(0, 5);
    assert.ok(s.total >= 1, `family ${f} has no vectors`);
    assert.is(s.failed, 0, `family ${f}: ${s.failed} of ${s.total} failed, e.g.\n${fails.map((x) => `${x.id}: ${x.reason}`).join('\n')}`);
  }
});

test.run();
