/**
 * `packer-wire schema`: usage errors always; against the tester plugin's v2 build (when the
 * harness has built it: `bash conformance/scripts/build-plugins.sh`) every schema it prints must
 * compile with Ajv as draft 2020-12, and every TypeScript declaration must type-check.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { declarationName } from './schema.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const mainJs = resolve(here, 'main.js');
const binDir = process.env['PACKER_WIRE_PLUGIN_BIN'] ?? resolve(root, 'conformance/.work/bin');

const run = (...args: string[]) => spawnSync(process.execPath, [mainJs, 'schema', ...args], { encoding: 'utf8', timeout: 180_000 });

test('usage errors exit 2', () => {
  assert.is(run().status, 2);
  assert.is(run('x', '--format', 'yaml').status, 2);
  assert.is(run('x', '--component', 'builder').status, 2);
  assert.is(run('x', '--bogus').status, 2);
});

test('a binary that cannot be described exits 1', () => {
  const r = run('/nonexistent/packer-plugin-x');
  assert.is(r.status, 1);
  assert.match(r.stderr, /packer-wire schema:/);
});

test('declaration names', () => {
  assert.is(declarationName('builder', '-packer-default-plugin-name-', 'Config'), 'BuilderPackerDefaultPluginNameConfig');
  assert.is(declarationName('post-processor', 'docker-tag', 'Config'), 'PostProcessorDockerTagConfig');
  assert.is(declarationName('datasource', 'x', 'Output'), 'DatasourceXOutput');
});

interface Build {
  name: string;
  path: string;
  protocolV2: boolean;
}
const list = resolve(binDir, 'plugins.json');
const tester = existsSync(list)
  ? (JSON.parse(readFileSync(list, 'utf8')) as Build[]).find((b) => b.name === 'tester-sdk0.6.4' && existsSync(b.path))
  : undefined;

type Doc = Record<string, { configSpec: unknown; outputSpec?: unknown; error?: Record<string, string> }>;

if (!tester) {
  test('schema against the tester plugin', () => console.error(`SKIPPED: schema CLI live test: no tester-sdk0.6.4 in ${list}`));
} else {
  // The components whose spec the tester cannot send in a mode, by design (PROTOCOL.md): ToProto
  // refuses what protobuf cannot say; gob cannot carry DynamicPseudoType.
  const refused: Record<string, string[]> = {
    protobuf: ['builder/tester configSpec', 'post-processor/dynamic configSpec', 'post-processor/tester configSpec', 'datasource/tester outputSpec'],
    gob: ['post-processor/dynamic configSpec'],
  };
  for (const protocol of ['auto', 'gob'] as const) {
    test(`--protocol ${protocol} --json: every printed schema compiles with Ajv as draft 2020-12`, () => {
      const r = run(tester.path, '--protocol', protocol, '--json');
      const doc = JSON.parse(r.stdout) as Doc;
      assert.is(Object.keys(doc).length, 8);
      const ajv = new Ajv2020({ allowUnionTypes: true, strictTypes: true, strictTuples: true });
      const failed: string[] = [];
      let compiled = 0;
      for (const [component, c] of Object.entries(doc)) {
        for (const which of ['configSpec', 'outputSpec'] as const) {
          if (!(which in c)) continue;
          const schema = c[which];
          if (schema === null) {
            failed.push(`${component} ${which}`);
            continue;
          }
          const s = schema as { $schema: string };
          assert.is(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
          ajv.compile(s); // throws when the schema is not valid draft 2020-12
          compiled++;
        }
      }
      const mode = protocol === 'auto' ? (tester.protocolV2 ? 'protobuf' : 'gob') : protocol;
      assert.equal(failed.sort(), refused[mode]!.slice().sort(), 'components without a schema');
      assert.is(r.status, failed.length ? 1 : 0);
      console.error(
        `NOTE schema CLI: tester v2 build, protocol ${mode}: ${compiled} schemas compile with Ajv (draft 2020-12); not sent by the plugin: ${failed.join(', ') || 'none'}`,
      );
    });
  }

  test('--format typescript --json: every declaration type-checks', () => {
    const r = run(tester.path, '--protocol', 'gob', '--format', 'typescript', '--json');
    const doc = JSON.parse(r.stdout) as Doc;
    const decls = Object.values(doc).flatMap((c) => [c.configSpec, c.outputSpec].filter((x): x is string => typeof x === 'string'));
    assert.ok(decls.length >= 7);
    const dir = mkdtempSync(join(tmpdir(), 'packer-wire-schema-'));
    try {
      decls.forEach((d, i) => writeFileSync(join(dir, `c${i}.d.ts`), d));
      const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
      const t = spawnSync(process.execPath, [tsc, '--ignoreConfig', '--noEmit', '--strict', '--types', '', ...decls.map((_, i) => join(dir, `c${i}.d.ts`))], {
        encoding: 'utf8',
        timeout: 180_000,
      });
      assert.is(t.status, 0, t.stdout + t.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
