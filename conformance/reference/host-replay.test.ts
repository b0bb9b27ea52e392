/**
 * The session differential (host-replay.ts): our host driving the tester plugin through Packer's
 * session must equal what real Packer v1.12.0 did (recordings in testdata/, and the reference
 * run's recordings when conformance/.work/reference/results.json exists); a Go-host transcript
 * (which asks OutputSpec and ConfigSpec once) must not. Needs the plugin builds
 * (conformance/scripts/build-plugins.sh); without them it prints SKIPPED and passes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareSessions, replayWithOurHost, templateSources, type RecordedSessionInput } from './host-replay.js';
import { loadPlugins } from '../interop/plugins.js';
import { testerSettings } from './differential.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const testdata = resolve(root, 'conformance/reference/testdata');
const plugins = loadPlugins();
const hasTester = typeof plugins !== 'string' && plugins.builds.some((b) => b.name === 'tester-sdk0.6.4');

test('templateSources reads the source blocks', () => {
  assert.equal(templateSources('source "t064" "b" {\n}\nsource "null" "n" {\n  communicator = "none"\n}\n'), [
    { type: 't064', name: 'b' },
    { type: 'null', name: 'n' },
  ]);
});

test('compareSessions: order per caller, method, error, request and answer', () => {
  const call = (method: string, request: unknown = null, error = '') => ({ caller: 'host' as const, method, request, response: null, error });
  assert.equal(compareSessions([call('A'), call('B')], [call('A'), call('B')]), []);
  assert.ok(compareSessions([call('A'), call('C')], [call('A'), call('B')]).some((d) => d.includes('ours is C')));
  assert.ok(compareSessions([call('A', { $map: [['k', 'v']] })], [call('A', { $map: [['k', 'w']] })]).length > 0);
  assert.ok(compareSessions([call('A', null, 'x')], [call('A', null, '')]).length > 0);
  // map order is not a difference
  assert.equal(
    compareSessions(
      [
        call('A', {
          $map: [
            ['a', 1],
            ['b', 2],
          ],
        }),
      ],
      [
        call('A', {
          $map: [
            ['b', 2],
            ['a', 1],
          ],
        }),
      ],
    ),
    [],
  );
});

test('live: every recorded real-Packer session of testdata/ is matched by our host', async () => {
  if (!hasTester) return console.error('SKIPPED: reference differential: no tester-sdk0.6.4 build (run conformance/scripts/build-plugins.sh)');
  const list = JSON.parse(readFileSync(join(testdata, 'sessions.json'), 'utf8')) as { sessions: Array<RecordedSessionInput & { templateFile: string }> };
  assert.ok(list.sessions.length >= 10);
  const kinds = new Set<string>();
  for (const s of list.sessions) {
    // recorded with the tester's every-Go-type generated_data (now TESTER_GENERATED_DATA=all)
    const r = await replayWithOurHost(
      { ...s, template: readFileSync(join(testdata, s.templateFile), 'utf8') },
      { workDir: testdata, pluginEnv: { TESTER_GENERATED_DATA: 'all' } },
    );
    assert.equal(r.differences, [], s.id);
    assert.ok(r.matched, s.id);
    kinds.add(`${s.kind}/${s.protocol}`);
  }
  for (const k of ['builder/gob', 'builder/protobuf', 'provisioner/gob', 'provisioner/protobuf', 'post-processor/gob', 'datasource/gob', 'datasource/protobuf'])
    assert.ok(kinds.has(k), `no ${k} session`);
});

test('live: a Go-host transcript is not what Packer does (OutputSpec, one ConfigSpec): differences are found', async () => {
  if (!hasTester) return console.error('SKIPPED: reference differential: no tester-sdk0.6.4 build');
  const r = await replayWithOurHost(
    {
      id: 'go-host datasource',
      packer: 'v1.12.0',
      build: 'tester-sdk0.6.4',
      kind: 'datasource',
      component: '-packer-default-plugin-name-',
      protocol: 'protobuf',
      args: ['start', 'datasource', '--protobuf', '-packer-default-plugin-name-'],
      template: '',
      file: 'transcript/tester-sdk0.6.4-datasource-default-transcript-protobuf-case01-primitives.bin',
    },
    { workDir: resolve(root, 'vectors') },
  );
  assert.not.ok(r.matched);
  assert.ok(
    r.differences.some((d) => d.includes('OutputSpec')),
    r.differences.join('\n'),
  );
});

test("live: the reference run's recordings, when present, are matched", async () => {
  const dir = resolve(root, 'conformance/.work/reference');
  const results = join(dir, 'results.json');
  if (!hasTester || !existsSync(results)) return console.error(`SKIPPED: reference differential: no ${results} (npm run reference records it)`);
  const got = JSON.parse(readFileSync(results, 'utf8')) as {
    cases?: Array<{ id: string; build?: string; env?: Record<string, string> }>;
    sessions?: Array<RecordedSessionInput & { case: string }>;
  };
  // the build cases' sessions run with TESTER_WORKDIR and other plugins' answers: builds.test.ts compares those whole builds
  const builds = new Set((got.cases ?? []).filter((c) => c.build).map((c) => c.id));
  for (const s of (got.sessions ?? []).filter((x) => !builds.has(x.case))) {
    const r = await replayWithOurHost(s, { workDir: dir, pluginEnv: testerSettings(got.cases?.find((c) => c.id === s.case)?.env) });
    assert.ok(r.matched, `${s.id}: ${r.differences.join('; ')}`);
  }
});

test.run();
