/**
 * The conformance run as a test: every family that has a codec must pass all its vectors.
 * Families whose codec does not exist yet are reported (NOTE lines), not hidden.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { FAMILIES } from '../../codecs/family.js';
import { familyCodec } from '../../codecs/families.js';
import { checkVector, loadManifest, runConformance } from './run.js';

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

test('a proto-spec rejection file is compared by JSON value: sorted keys and other spacing still pass, another value fails', () => {
  const rejects = loadManifest(dir).filter((v) => v.family === 'proto-spec' && v.context?.['kind'] === 'reject');
  assert.ok(rejects.length > 0, 'no proto-spec reject vectors');
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .reverse()
              .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
          )
        : v;
  const tmp = mkdtempSync(join(tmpdir(), 'conformance-reject-'));
  try {
    for (const v of rejects) {
      const text = readFileSync(join(dir, v.file), 'utf8');
      const rewritten = JSON.stringify(sortKeys(JSON.parse(text)), null, 1);
      assert.ok(rewritten !== text, `${v.id}: the rewrite changed nothing`);
      writeFileSync(join(tmp, 'spec.json'), rewritten);
      writeFileSync(join(tmp, 'expect.json'), readFileSync(join(dir, v.expect)));
      const local = { ...v, file: 'spec.json', expect: 'expect.json' };
      assert.is(checkVector(tmp, local).reason, null, v.id);
    }
    // a different value must still fail
    const v = rejects[0]!;
    const other = JSON.parse(readFileSync(join(dir, v.file), 'utf8')) as Record<string, unknown>;
    other['$extra'] = 1;
    writeFileSync(join(tmp, 'spec.json'), JSON.stringify(other));
    assert.ok(checkVector(tmp, { ...v, file: 'spec.json', expect: 'expect.json' }).reason !== null, 'an extra key passed');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test.run();
