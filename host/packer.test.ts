/**
 * Packer's session (host/packer.ts): the Packer-variables map per version and kind, Go durations,
 * the no-tty Ui; and, against the tester plugin (conformance/.work/bin), a builder, provisioner,
 * post-processor and datasource driven as Packer drives them, checked call by call. Without the
 * plugin binaries the live part prints a SKIPPED line and passes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GoMap, type AnyValue } from '../codecs/rpc/index.js';
import { goConfigs, goHostRequests } from '../conformance/interop/go-requests.js';
import {
  NO_TTY,
  executeDatasourceAsPacker,
  newRunUuid,
  packerDescribeEnvironment,
  packerPluginEnvironment,
  packerUi,
  packerVariables,
  parseGoDuration,
  postProcessAsPacker,
  prepareBuilderAsPacker,
  preparePostProcessorAsPacker,
  prepareProvisionerAsPacker,
  provisionAsPacker,
  reportArtifactAsPacker,
  versionAtLeast,
} from './packer.js';
import { startComponent } from './session.js';
import { RecordingUi } from './ui.js';
import { HostError } from './errors.js';
import type { RpcTrace } from './rpc-client.js';
import type { HostArtifact } from './components.js';

const keys = (m: GoMap) => m.entries.map(([k]) => k as string).sort();
const src = { type: 'tester', name: 'b' };

test('packerVariables: six strings for builders; provisioners get packer_sensitive_variables from 1.14, post-processors from 1.16', () => {
  const six = ['packer_build_name', 'packer_builder_type', 'packer_core_version', 'packer_debug', 'packer_force', 'packer_on_error'];
  for (const v of ['1.12.0', 'v1.16.0']) assert.equal(keys(packerVariables({ version: v }, 'builder', src)), six);
  assert.equal(keys(packerVariables({ version: '1.12.0' }, 'provisioner', src)), six);
  assert.equal(keys(packerVariables({ version: '1.12.0' }, 'post-processor', src)), six);
  assert.equal(keys(packerVariables({ version: '1.15.0' }, 'provisioner', src)), [...six, 'packer_sensitive_variables'].sort());
  assert.equal(keys(packerVariables({ version: '1.15.0' }, 'post-processor', src)), six);
  const m = packerVariables({ version: 'v1.16.0', force: true, onError: 'abort' }, 'post-processor', src);
  assert.equal(m.get('packer_sensitive_variables'), []);
  assert.is(m.get('packer_core_version'), '1.16.0');
  assert.is(m.get('packer_builder_type'), 'tester');
  assert.is(m.get('packer_build_name'), 'b');
  assert.is(m.get('packer_debug'), 'false');
  assert.is(m.get('packer_force'), 'true');
  assert.is(m.get('packer_on_error'), 'abort');
  assert.ok(versionAtLeast('1.16.0', '1.14.0') && !versionAtLeast('1.12.0', '1.14.0') && versionAtLeast('1.14.0', '1.14.0'));
});

test('parseGoDuration follows time.ParseDuration', () => {
  assert.is(parseGoDuration('0'), 0n);
  assert.is(parseGoDuration('1h30m'), 5_400_000_000_000n);
  assert.is(parseGoDuration('1.5s'), 1_500_000_000n);
  assert.is(parseGoDuration('300ms'), 300_000_000n);
  assert.is(parseGoDuration('-2us'), -2000n);
  assert.is(parseGoDuration('.5m'), 30_000_000_000n);
  for (const bad of ['', '5', 'abc', '1x', '-', '1h-2m', '.s'])
    assert.throws(
      () => parseGoDuration(bad),
      (e: unknown) => e instanceof HostError && e.code === 'payload',
      bad,
    );
});

test('packerUi: Ask fails with "no available tty" unless the caller has a terminal', async () => {
  const rec = new RecordingUi('yes');
  const ui = packerUi(rec);
  await ui.say?.('hello');
  assert.throws(
    () => ui.ask?.('q?'),
    (e: unknown) => (e as Error).message === NO_TTY,
  );
  assert.is(await packerUi(rec, { terminal: true }).ask?.('q?'), 'yes');
  assert.equal(rec.texts('say'), ['hello']);
});

test('environments: PACKER_RUN_UUID for start and describe; describe has no magic cookie', () => {
  const id = newRunUuid();
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const start = packerPluginEnvironment(id, { PATH: '/bin' });
  assert.is(start['PACKER_RUN_UUID'], id);
  assert.ok(start['PACKER_PLUGIN_MAGIC_COOKIE']);
  const describe = packerDescribeEnvironment(id, { PATH: '/bin', PACKER_PLUGIN_MAGIC_COOKIE: 'x' });
  assert.is(describe['PACKER_RUN_UUID'], id);
  assert.is(describe['PACKER_PLUGIN_MAGIC_COOKIE'], undefined);
});

// ---- live ----

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const binDir = process.env['PACKER_WIRE_PLUGIN_BIN'] ?? resolve(root, 'conformance/.work/bin');
const tester = (() => {
  const f = resolve(binDir, 'plugins.json');
  if (!existsSync(f)) return undefined;
  return (JSON.parse(readFileSync(f, 'utf8')) as Array<{ name: string; path: string }>).find((b) => b.name === 'tester-sdk0.6.4' && existsSync(b.path));
})();
const transcript = (id: string) => {
  const m = (JSON.parse(readFileSync(resolve(root, 'vectors/manifest.json'), 'utf8')) as { vectors: Array<{ id: string; file: string }> }).vectors.find(
    (v) => v.id === id,
  )!;
  return goHostRequests(new Uint8Array(readFileSync(resolve(root, 'vectors', m.file))));
};
/** The config (second Configs element) Go's host sent in a recorded session. */
const goConfig = (id: string, method: string): AnyValue => goConfigs(transcript(`transcript/${id}`), method)![1]!;
const methods = (traces: RpcTrace[], caller: 'host' | 'plugin') =>
  traces
    .filter((t) => t.caller === caller)
    .sort((a, b) => a.order - b.order)
    .map((t) => t.request.header.serviceMethod);

async function withTester<T>(
  kind: 'builder' | 'provisioner' | 'post-processor' | 'datasource',
  runUuid: string,
  f: (s: Awaited<ReturnType<typeof startComponent>>, traces: RpcTrace[]) => Promise<T>,
): Promise<T> {
  const traces: RpcTrace[] = [];
  const s = await startComponent(tester!.path, kind, kind === 'datasource' ? '-packer-default-plugin-name-' : 'tester', {
    protocol: 'gob',
    env: packerPluginEnvironment(runUuid),
    callTimeoutMs: 30_000,
    trace: (t) => traces.push(t),
  });
  try {
    return await f(s, traces);
  } finally {
    await s.close();
  }
}

test('live: a builder as Packer drives it (ConfigSpec twice, six variables, Ask without a tty, hook data, artifact report)', async () => {
  if (!tester) return console.error('SKIPPED: host/packer live: no tester-sdk0.6.4 binary (run conformance/scripts/build-plugins.sh)');
  const runUuid = newRunUuid();
  await withTester('builder', runUuid, async (s, traces) => {
    const b = s.builder();
    const vars = packerVariables({ version: '1.16.0', runUuid }, 'builder', src);
    const prep = await prepareBuilderAsPacker(b, vars, goConfig('tester-sdk0.6.4-builder-tester-transcript-gob-run', 'Builder.Prepare'));
    assert.ok(prep.ok, String(prep.result.error));
    const rec = new RecordingUi('yes');
    let hookData: AnyValue = null;
    const artifact = await b.run(packerUi(rec), { run: (_n, data) => void (hookData = data) });
    assert.ok(rec.texts('error').includes(`tester: ask failed: ${NO_TTY}`), rec.texts('error').join(' | '));
    assert.ok((hookData as unknown) instanceof GoMap, 'no hook data');
    const data = hookData as unknown as GoMap;
    assert.is(data.get('PackerRunUUID'), runUuid, 'the plugin did not inherit PACKER_RUN_UUID');
    for (const [k, v] of data.entries)
      assert.ok(v !== null && !Array.isArray(v) && !((v as unknown) instanceof GoMap), `hook data ${String(k)} is of a kind Packer refuses`);
    assert.ok(artifact, 'no artifact');
    const report = await reportArtifactAsPacker(artifact!);
    assert.is(report.id, 'tester-123');
    artifact!.close();
    assert.equal(
      methods(traces, 'host').filter((m) => !m.startsWith('Ui')),
      [
        'Builder.ConfigSpec',
        'Builder.Prepare',
        'Builder.ConfigSpec',
        'Builder.Run',
        'Artifact.String',
        'Artifact.BuilderId',
        'Artifact.Id',
        'Artifact.String',
        'Artifact.Files',
      ],
    );
    const ask = traces.find((t) => t.request.header.serviceMethod === 'Ui.Ask');
    assert.is(ask?.response?.header.error, NO_TTY);
  });
});

test('live: a provisioner as Packer drives it (nil override, Prepare again at Provision time, timeout not sent)', async () => {
  if (!tester) return console.error('SKIPPED: host/packer live: no tester-sdk0.6.4 binary');
  const runUuid = newRunUuid();
  await withTester('provisioner', runUuid, async (s, traces) => {
    const p = s.provisioner();
    const vars = packerVariables({ version: '1.16.0' }, 'provisioner', src);
    const config = goConfig('tester-sdk0.6.4-provisioner-tester-transcript-gob-run', 'Provisioner.Prepare');
    await prepareProvisionerAsPacker(p, vars, config);
    // no Communicator served: the tester's Start fails; the call shape is what is checked
    await provisionAsPacker(p, {
      vars,
      config,
      generatedData: new Map([['ID', 'x']]),
      ui: packerUi(new RecordingUi()),
      communicator: null,
      timeout: '30s',
    }).catch(() => {});
    assert.equal(methods(traces, 'host'), [
      'Provisioner.ConfigSpec',
      'Provisioner.Prepare',
      'Provisioner.ConfigSpec',
      'Provisioner.ConfigSpec',
      'Provisioner.Prepare',
      'Provisioner.Provision',
    ]);
    const prepares = traces.filter((t) => t.request.header.serviceMethod === 'Provisioner.Prepare');
    for (const t of prepares) {
      const configs = (t.request.body as { Configs: unknown[] }).Configs;
      assert.is(configs.length, 3);
      assert.is(configs[2], null);
    }
  });
});

test('live: a post-processor and a datasource as Packer drives them', async () => {
  if (!tester) return console.error('SKIPPED: host/packer live: no tester-sdk0.6.4 binary');
  const runUuid = newRunUuid();
  await withTester('post-processor', runUuid, async (s, traces) => {
    const pp = s.postProcessor();
    const vars = packerVariables({ version: '1.16.0' }, 'post-processor', src);
    const config = goConfig('tester-sdk0.6.4-post-processor-tester-transcript-gob-run', 'PostProcessor.Configure');
    await preparePostProcessorAsPacker(pp, vars, config);
    const input: HostArtifact = { builderId: () => 'b', id: () => 'i', string: () => 's', files: () => [], state: () => null, destroy: () => null };
    const r = await postProcessAsPacker(pp, { vars, config, artifact: input, ui: packerUi(new RecordingUi()) });
    if (r.artifact) {
      await reportArtifactAsPacker(r.artifact);
      r.artifact.close();
    }
    const host = methods(traces, 'host');
    assert.equal(host.slice(0, 6), [
      'PostProcessor.ConfigSpec',
      'PostProcessor.Configure',
      'PostProcessor.ConfigSpec',
      'PostProcessor.ConfigSpec',
      'PostProcessor.Configure',
      'PostProcessor.PostProcess',
    ]);
  });
  await withTester('datasource', runUuid, async (s, traces) => {
    const requests = transcript('transcript/tester-sdk0.6.4-datasource-default-transcript-gob-case01-primitives');
    const cfg = goConfigs(requests, 'Datasource.Configure')![0]!;
    await executeDatasourceAsPacker(s.datasource(), cfg);
    assert.equal(methods(traces, 'host'), ['Datasource.ConfigSpec', 'Datasource.Configure', 'Datasource.ConfigSpec', 'Datasource.Execute']);
  });
});

test.run();
