/**
 * Live sessions of the host library against real Go plugin binaries (conformance/.work/bin,
 * built by conformance/scripts/build-plugins.sh), checked against the Go harness's vectors:
 * ConfigSpec/OutputSpec in both modes, Datasource.Execute, Builder.Run with the served Ui and
 * Hook and the returned artifact, Cancel, PostProcess; and the interop runner on one build.
 * Without the binaries it prints a SKIPPED line on stderr and passes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specToCanonical } from '../codecs/hclspec/canonical.js';
import { valueFromCanonical, valueToCanonical } from '../codecs/cty/canonical.js';
import { GoMap, type AnyValue } from '../codecs/rpc/index.js';
import { canonicalDiff } from '../conformance/runner/compare.js';
import { goConfigs, goHostArtifact, goHostRequests } from '../conformance/interop/go-requests.js';
import { runInterop } from '../conformance/interop/main.js';
import { startComponent, type PluginSession } from './session.js';
import { RecordingUi } from './ui.js';
import { killAllPlugins, livePluginCount } from './launch.js';
import { HostError, RpcRemoteError } from './errors.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const binDir = process.env['PACKER_WIRE_PLUGIN_BIN'] ?? resolve(root, 'conformance/.work/bin');
const vectorsDir = resolve(root, 'vectors');

interface Build {
  name: string;
  plugin: string;
  sdkVersion: string;
  path: string;
  protocolV2: boolean;
}

function loadBuilds(): Build[] | string {
  const f = resolve(binDir, 'plugins.json');
  if (!existsSync(f)) return `no ${f} (run conformance/scripts/build-plugins.sh)`;
  const list = (JSON.parse(readFileSync(f, 'utf8')) as Build[]).filter((b) => existsSync(b.path));
  return list.length ? list : 'plugins.json lists no binary that exists';
}

interface Vector {
  id: string;
  file: string;
  expect: string;
  byteExact: boolean;
}
let manifest: Map<string, Vector> | undefined;
function vector(id: string): { bytes: Uint8Array; expect: unknown; v: Vector } {
  manifest ??= new Map((JSON.parse(readFileSync(resolve(vectorsDir, 'manifest.json'), 'utf8')) as { vectors: Vector[] }).vectors.map((v) => [v.id, v]));
  const v = manifest.get(id);
  if (!v) throw new Error(`no vector ${id}`);
  return {
    v,
    bytes: new Uint8Array(readFileSync(resolve(vectorsDir, v.file))),
    expect: JSON.parse(readFileSync(resolve(vectorsDir, v.expect), 'utf8')) as unknown,
  };
}
const transcriptCalls = (id: string) =>
  (vector(id).expect as { calls: Array<{ caller: string; serviceMethod: string; request: unknown; response: unknown; error: string }> }).calls;
const goRequests = (id: string) => goHostRequests(vector(id).bytes);

const same = (ours: unknown, go: unknown, what: string) => {
  const d = canonicalDiff(ours, go);
  assert.ok(d === null, `${what}: ${d}`);
};

const guard = setTimeout(() => {
  console.error('live host test: global timeout, killing plugins');
  killAllPlugins();
  process.exit(1);
}, 240_000);

const builds = loadBuilds();

async function withSession<T>(
  bin: Build,
  kind: 'builder' | 'datasource' | 'post-processor',
  comp: string,
  protocol: 'gob' | 'protobuf',
  f: (s: PluginSession) => Promise<T>,
): Promise<T> {
  const s = await startComponent(bin.path, kind, comp, { protocol, callTimeoutMs: 20_000, sessionTimeoutMs: 60_000 });
  try {
    return await f(s);
  } finally {
    await s.close();
    assert.ok(s.process.exitStatus !== null, 'plugin reaped after close');
  }
}

if (typeof builds === 'string') {
  test('live: plugin binaries', () => {
    console.error(`SKIPPED: live host sessions: ${builds}`);
  });
} else {
  const tester = builds.find((b) => b.plugin === 'tester' && b.sdkVersion === 'v0.6.4');
  const gobOnly = builds.find((b) => b.plugin === 'tester' && !b.protocolV2);
  if (!tester) {
    test('live: tester v0.6.4', () => console.error('SKIPPED: live host sessions: no tester-sdk0.6.4 build'));
  } else {
    const ds = '-packer-default-plugin-name-';
    for (const protocol of ['gob', 'protobuf'] as const) {
      test(`${protocol}: datasource ConfigSpec and OutputSpec equal Go's vectors`, async () => {
        await withSession(tester, 'datasource', ds, protocol, async (s) => {
          const fam = protocol === 'gob' ? 'gob-spec' : 'proto-spec';
          same(
            specToCanonical(await s.datasource().configSpec()),
            vector(`${fam}/tester-sdk0.6.4-datasource-default-configspec-${protocol}`).expect,
            'ConfigSpec',
          );
          same(
            specToCanonical(await s.datasource().outputSpec()),
            vector(`${fam}/tester-sdk0.6.4-datasource-default-outputspec-${protocol}`).expect,
            'OutputSpec',
          );
        });
      });

      test(`${protocol}: Configure with Go's config, Execute: the value equals Go's`, async () => {
        const configs = goConfigs(
          goRequests(`transcript/tester-sdk0.6.4-datasource-default-transcript-${protocol}-case01-primitives`),
          'Datasource.Configure',
        )!;
        await withSession(tester, 'datasource', ds, protocol, async (s) => {
          await s.datasource().configure(configs);
          const bytes = await s.datasource().executeBytes();
          if (protocol === 'gob') {
            const { value } = await s.datasource().execute();
            same(
              valueToCanonical(value, { withPrec: true }),
              vector('gob-value/tester-sdk0.6.4-datasource-default-execute-gob-case01-primitives').expect,
              'Execute value',
            );
          } else {
            const want = vector('msgpack-value/tester-sdk0.6.4-datasource-default-execute-protobuf-case01-primitives');
            assert.ok(want.v.byteExact);
            assert.equal(bytes, want.bytes, 'go-cty msgpack bytes');
            const { value } = await s.datasource().execute();
            same(valueToCanonical(value), want.expect, 'Execute value');
          }
        });
      });

      test(`${protocol}: a config built here (a CtyValue, sent as cty JSON) configures the datasource`, async () => {
        const config = valueFromCanonical({
          type: [
            'object',
            { case: 'number', label: 'string', options: ['map', 'string'], filter: ['list', ['object', { name: 'string', values: ['list', 'string'] }]] },
          ],
          value: { case: { $number: '2' }, label: 'from TypeScript', options: null, filter: [] },
        });
        await withSession(tester, 'datasource', ds, protocol, async (s) => {
          await s.datasource().configure([config]);
          const { value } = await s.datasource().execute();
          const fam = protocol === 'gob' ? 'gob-value' : 'msgpack-value';
          same(
            valueToCanonical(value, { withPrec: protocol === 'gob' }),
            vector(`${fam}/tester-sdk0.6.4-datasource-default-execute-${protocol}-case02-integers`).expect,
            'Execute value',
          );
          // a config the datasource refuses: its error comes back as an RpcRemoteError
          const bad = valueFromCanonical({ type: ['object', { case: 'number' }], value: { case: { $number: '999' } } });
          const e = await s
            .datasource()
            .configure([bad])
            .catch((x: unknown) => x);
          assert.instance(e, RpcRemoteError);
          assert.is((e as RpcRemoteError).remoteMessage, 'tester: unknown case 999');
        });
      });

      test(`${protocol}: a datasource error is an RpcRemoteError with Go's text`, async () => {
        const id = `transcript/tester-sdk0.6.4-datasource-default-transcript-${protocol}-case21-error`;
        const goErr = transcriptCalls(id).find((c) => c.serviceMethod === 'Datasource.Execute')!.error;
        await withSession(tester, 'datasource', ds, protocol, async (s) => {
          await s.datasource().configure(goConfigs(goRequests(id), 'Datasource.Configure')!);
          const e = await s
            .datasource()
            .execute()
            .catch((x: unknown) => x);
          assert.instance(e, RpcRemoteError);
          assert.is((e as RpcRemoteError).remoteMessage, goErr);
        });
      });

      test(`${protocol}: Builder.Run serves Ui and Hook; the plugin's calls and the artifact match Go's transcript`, async () => {
        const id = `transcript/tester-sdk0.6.4-builder-tester-transcript-${protocol}-run`;
        const calls = transcriptCalls(id);
        await withSession(tester, 'builder', 'tester', protocol, async (s) => {
          const b = s.builder();
          const prep = await b.prepare(goConfigs(goRequests(id), 'Builder.Prepare')!);
          const goPrep = calls.find((c) => c.serviceMethod === 'Builder.Prepare')!.response as { Warnings: string[]; GeneratedVars: string[] };
          assert.equal(prep, { generatedVars: goPrep.GeneratedVars, warnings: goPrep.Warnings, error: null });
          const ui = new RecordingUi('yes');
          const hooks: Array<{ name: string; data: AnyValue }> = [];
          const artifact = await b.run(ui, {
            async run(name, data, plugin) {
              hooks.push({ name, data });
              await plugin.ui.say('host hook: ' + name);
            },
          });
          // the texts of the plugin's Ui calls, in Go's order
          const goUi = calls
            .filter((c) => c.caller === 'plugin' && /^Ui\.(Say|Message|Error|Ask)$/.test(c.serviceMethod))
            .map((c) => [c.serviceMethod.slice(3).toLowerCase(), c.request]);
          const ours = ui.events.flatMap((e) => (e.kind === 'say' || e.kind === 'message' || e.kind === 'error' || e.kind === 'ask' ? [[e.kind, e.text]] : []));
          assert.equal(ours, goUi);
          assert.equal(
            ui.events.filter((e) => e.kind === 'machine'),
            calls
              .filter((c) => c.serviceMethod === 'Ui.Machine')
              .map((c) => ({ kind: 'machine', category: (c.request as { Category: string }).Category, args: (c.request as { Args: string[] }).Args })),
          );
          const goAdds = calls.filter((c) => /^Ui.+\.Add$/.test(c.serviceMethod)).map((c) => BigInt((c.request as { $int: string }).$int));
          assert.equal(
            ui.events.filter((e) => e.kind === 'progress').map((e) => (e as { bytes: bigint }).bytes),
            goAdds,
          );
          assert.is(hooks.length, 1);
          assert.is(hooks[0]!.name, 'packer_provision');
          assert.ok(hooks[0]!.data instanceof GoMap);
          assert.ok(artifact, 'an artifact');
          const goAnswer = (m: string, req?: unknown) =>
            calls.find((c) => c.caller === 'host' && c.serviceMethod === m && (req === undefined || c.request === req))!.response;
          assert.is(await artifact!.builderId(), goAnswer('Artifact.BuilderId'));
          assert.is(await artifact!.id(), goAnswer('Artifact.Id'));
          assert.equal(await artifact!.files(), goAnswer('Artifact.Files'));
          assert.is(await artifact!.string(), goAnswer('Artifact.String'));
          assert.is(await artifact!.state('string'), goAnswer('Artifact.State', 'string'));
          const destroyed = await artifact!.destroy();
          assert.is(destroyed, (goAnswer('Artifact.Destroy') as { $map: [string, string][] }).$map[0]![1]);
          artifact!.close();
        });
      });
    }

    test("Cancel: aborting the signal sends Builder.Cancel; Run fails with the builder's error", async () => {
      const id = 'transcript/tester-sdk0.6.4-builder-tester-transcript-gob-cancel';
      const goRun = transcriptCalls(id).find((c) => c.serviceMethod === 'Builder.Run')!;
      await withSession(tester, 'builder', 'tester', 'gob', async (s) => {
        const b = s.builder();
        await b.prepare(goConfigs(goRequests(id), 'Builder.Prepare')!);
        const ui = new RecordingUi();
        const abort = new AbortController();
        ui.onEvent = (e) => e.kind === 'say' && e.text.includes('waiting for cancel') && abort.abort();
        const t0 = Date.now();
        const e = await b.run(ui, null, { signal: abort.signal }).catch((x: unknown) => x);
        assert.ok(Date.now() - t0 < 10_000, 'cancelled quickly (the tester waits 20 s without a cancel)');
        assert.instance(e, RpcRemoteError);
        assert.is((e as RpcRemoteError).remoteMessage, goRun.error);
        assert.ok(ui.texts('error').includes('tester: cancelled'));
      });
    });

    test('PostProcess: our artifact is served to the plugin, its artifact comes back', async () => {
      const id = 'transcript/tester-sdk0.6.4-post-processor-tester-transcript-gob-run';
      const calls = transcriptCalls(id);
      await withSession(tester, 'post-processor', 'tester', 'gob', async (s) => {
        const pp = s.postProcessor();
        await pp.configure(goConfigs(goRequests(id), 'PostProcessor.Configure')!);
        const ui = new RecordingUi();
        const r = await pp.postProcess(ui, goHostArtifact);
        const goPP = calls.find((c) => c.serviceMethod === 'PostProcessor.PostProcess')!.response as { Keep: boolean; ForceOverride: boolean };
        assert.is(r.error, null);
        assert.is(r.keep, goPP.Keep);
        assert.is(r.forceOverride, goPP.ForceOverride);
        assert.equal(
          ui.texts('say'),
          calls.filter((c) => c.caller === 'plugin' && c.serviceMethod === 'Ui.Say').map((c) => c.request),
        );
        assert.is(await r.artifact!.id(), calls.find((c) => c.caller === 'host' && c.serviceMethod === 'Artifact.Id')!.response);
        r.artifact!.close();
      });
    });

    test('Provision without a Communicator: the plugin says hello, then its Communicator.Start gets net/rpc\'s "can\'t find service"', async () => {
      const id = 'transcript/tester-sdk0.6.4-provisioner-tester-transcript-gob-run';
      const s = await startComponent(tester.path, 'provisioner', 'tester', { protocol: 'gob', callTimeoutMs: 20_000 });
      try {
        await s.provisioner().prepare(goConfigs(goRequests(id), 'Provisioner.Prepare')!);
        const ui = new RecordingUi();
        const e = await s
          .provisioner()
          .provision(ui, new Map<string, AnyValue>([['ID', 'x']]), null)
          .catch((x: unknown) => x);
        assert.instance(e, RpcRemoteError);
        assert.match((e as RpcRemoteError).remoteMessage, /^tester: start failed: rpc: can't find service Communicator\.Start/);
        assert.equal(ui.texts('say'), ['tester: provisioning with {ID=x}']);
      } finally {
        await s.close();
      }
    });

    test('a session killed mid-Run (the plugin dies) fails the Run with exited', async () => {
      await withSession(tester, 'builder', 'tester', 'gob', async (s) => {
        const ui = new RecordingUi();
        ui.onEvent = (e) => e.kind === 'ask' && s.process.kill();
        const e = await s
          .builder()
          .run(ui, null)
          .catch((x: unknown) => x);
        assert.instance(e, HostError);
        assert.is((e as HostError).code, 'exited');
        assert.match((e as HostError).message, /SIGKILL/);
      });
    });

    test('the interop runner on tester-sdk0.6.4: sessions in both protocols, all passing', async () => {
      const s = await runInterop({ only: 'tester-sdk0.6.4', build: false, log: () => {} });
      assert.is(s.failed, 0, JSON.stringify(s.failures).slice(0, 2000));
      assert.ok(s.byProtocol.gob.sessions >= 4 && s.byProtocol.protobuf.sessions >= 4, JSON.stringify(s.byProtocol));
    });
  }

  if (gobOnly) {
    test(`gob-only SDK (${gobOnly.name}): ConfigSpec in gob mode equals Go's vector`, async () => {
      await withSession(gobOnly, 'builder', 'tester', 'gob', async (s) => {
        same(specToCanonical(await s.builder().configSpec()), vector(`gob-spec/${gobOnly.name}-builder-tester-configspec-gob`).expect, 'ConfigSpec');
      });
    });
  }
}

test('no plugin process left behind', () => {
  assert.is(livePluginCount(), 0);
});

test.after(() => {
  clearTimeout(guard);
  killAllPlugins();
});

test.run();
