/**
 * `packer-wire describe`: usage errors always; against the tester plugin (when the harness has
 * built it) the printed specs must equal the Go harness's vectors for the same build and mode.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalDiff } from '../conformance/runner/compare.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const mainJs = resolve(here, 'main.js');
const binDir = process.env['PACKER_WIRE_PLUGIN_BIN'] ?? resolve(root, 'conformance/.work/bin');

const run = (...args: string[]) => spawnSync(process.execPath, [mainJs, 'describe', ...args], { encoding: 'utf8', timeout: 120_000 });

test('usage errors exit 2', () => {
  assert.is(run().status, 2);
  assert.is(run('x', '--protocol', 'json').status, 2);
  assert.is(run('x', '--bogus').status, 2);
});

test('a binary that cannot be described exits 1', () => {
  const r = run('/nonexistent/packer-plugin-x');
  assert.is(r.status, 1);
  assert.match(r.stderr, /packer-wire describe:/);
});

interface Build {
  name: string;
  plugin: string;
  sdkVersion: string;
  path: string;
}
const list = resolve(binDir, 'plugins.json');
const tester = existsSync(list)
  ? (JSON.parse(readFileSync(list, 'utf8')) as Build[]).find((b) => b.name === 'tester-sdk0.6.4' && existsSync(b.path))
  : undefined;

if (!tester) {
  test('describe against the tester plugin', () => console.error(`SKIPPED: describe CLI live test: no tester-sdk0.6.4 in ${list}`));
} else {
  const manifest = JSON.parse(readFileSync(resolve(root, 'vectors/manifest.json'), 'utf8')) as {
    vectors: Array<{
      id: string;
      family: string;
      expect: string;
      source: { plugin: string; sdkVersion: string; mode: string };
      context: Record<string, unknown>;
    }>;
  };
  const expectOf = (family: string, component: string, call: string) => {
    const v = manifest.vectors.find(
      (x) =>
        x.family === family &&
        x.source.plugin === 'tester' &&
        x.source.sdkVersion === tester.sdkVersion &&
        x.context['component'] === component &&
        x.context['call'] === call,
    );
    return v && (JSON.parse(readFileSync(resolve(root, 'vectors', v.expect), 'utf8')) as unknown);
  };

  for (const protocol of ['gob', 'protobuf'] as const) {
    test(`--protocol ${protocol} --json: describe output and every spec Go has a vector for`, () => {
      const r = run(tester.path, '--protocol', protocol, '--json');
      const out = JSON.parse(r.stdout) as {
        describe: { sdk_version: string };
        protocol: string;
        components: Array<{ kind: string; name: string; configSpec: unknown; outputSpec?: unknown; error?: Record<string, string> }>;
      };
      assert.is(out.protocol, protocol);
      assert.is(out.describe.sdk_version, '0.6.4');
      assert.is(out.components.length, 8);
      const family = protocol === 'gob' ? 'gob-spec' : 'proto-spec';
      let compared = 0;
      for (const c of out.components) {
        const key = `${c.kind}/${c.name}`;
        const spec = expectOf(family, key, 'ConfigSpec');
        if (spec) {
          assert.is(canonicalDiff(c.configSpec, spec), null, key);
          compared++;
        } else assert.ok(c.error?.['configSpec'], `${key}: no Go vector, so the plugin must have refused`);
        const outSpec = c.kind === 'datasource' ? expectOf(family, key, 'OutputSpec') : undefined;
        if (outSpec) assert.is(canonicalDiff(c.outputSpec, outSpec), null, `${key} OutputSpec`);
      }
      assert.ok(compared >= 3, `compared ${compared}`);
      // the tester refuses some specs on purpose (a dynamic type in gob; more in protobuf):
      // any refusal makes the exit status 1
      assert.ok(out.components.some((c) => c.error));
      assert.is(r.status, 1);
    });
  }

  test('auto picks protobuf for a v2 plugin; the text form prints the describe line first', () => {
    const r = run(tester.path);
    const lines = r.stdout.split('\n');
    assert.ok(lines[0]!.startsWith('{"version":"0.1.0","sdk_version":"0.6.4"'), lines[0]);
    assert.is(lines[1], 'protocol: protobuf');
  });
}

test.run();
