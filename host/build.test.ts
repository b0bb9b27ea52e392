/**
 * Whole builds with the tester plugin (conformance/.work/bin, built by
 * conformance/scripts/build-plugins.sh) in both protocols: the builder's communicator proxied to
 * the provisioner (Start with stdin/stdout/stderr and CommandFinished, Upload, Download, UploadDir,
 * DownloadDir), the tester's local mode (TESTER_WORKDIR: commands and files on this machine), a
 * failing provisioner, a cancel mid-provision (every plugin process group gone afterwards), a
 * 2-step post-processor chain, and a 1 GiB upload through the proxy in a child host whose peak
 * RSS stays under 256 MB. Without the binaries it prints a SKIPPED line and passes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostError } from './errors.js';
import { processGroupsLeft, runBuild, type BuildDescription, type BuildUiEvent } from './build.js';
import { CANCEL_COMMAND } from '../conformance/interop/builds.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const binDir = process.env['PACKER_WIRE_PLUGIN_BIN'] ?? resolve(root, 'conformance/.work/bin');
const DEFAULT_NAME = '-packer-default-plugin-name-';

function testerBinary(): string | null {
  const f = resolve(binDir, 'plugins.json');
  if (!existsSync(f)) return null;
  const list = JSON.parse(readFileSync(f, 'utf8')) as Array<{ name: string; path: string }>;
  const b = list.find((x) => x.name === 'tester-sdk0.6.4');
  return b && existsSync(b.path) ? b.path : null;
}
const tester = testerBinary();

const obj = (attrs: Record<string, string | boolean>) => ({
  value: attrs,
  type: ['object', Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, typeof v === 'boolean' ? 'bool' : 'string']))],
});

function build(protocol: 'gob' | 'protobuf', parts: Partial<BuildDescription> = {}): BuildDescription {
  return {
    name: 'tester.one',
    protocol,
    builder: { plugin: tester!, type: DEFAULT_NAME, config: obj({ str: 'hello' }) },
    ...parts,
  };
}

if (!tester) {
  console.error(`SKIPPED: host/build.test.ts: no tester-sdk0.6.4 in ${binDir} (run conformance/scripts/build-plugins.sh)`);
} else {
  for (const protocol of ['gob', 'protobuf'] as const) {
    test(`${protocol}: the builder's communicator is proxied to the provisioner, every call`, async () => {
      const ui: BuildUiEvent[] = [];
      const calls: string[] = [];
      const r = await runBuild(build(protocol, { provisioners: [{ plugin: tester, type: 'tester', config: obj({ command: 'echo hi' }) }] }), {
        onUi: (e) => ui.push(e),
        onCommunicatorCall: (m, d) => calls.push(`${m} ${d}`),
      });
      assert.is(r.error, null, String(r.error));
      assert.is(r.protocol, protocol);
      assert.equal(calls, [
        'Start echo hi',
        'Upload /tmp/tester/upload.txt',
        'Upload /tmp/tester/upload-nofi.txt',
        'Download /tmp/tester/download.txt',
        'UploadDir /tmp/tester/src -> /tmp/tester/dst',
        'DownloadDir /tmp/tester/remote -> /tmp/tester/local',
      ]);
      const texts = ui.map((e) => `${e.kind} ${e.target}: ${e.text}`);
      // The fake communicator's output came back through both sessions; stdin reached it.
      assert.ok(
        texts.includes('say tester.one: tester: command exited 0; stdout "plugin stdout for: echo hi\\n"; stderr "plugin stderr\\n"'),
        texts.join('\n'),
      );
      assert.ok(texts.includes('say tester.one: tester: downloaded "plugin file contents of /tmp/tester/download.txt"'), texts.join('\n'));
      // The builder's error is the provisioner's answer, with the builder's text.
      assert.ok(texts.includes('error tester.one: tester: download dir failed: tester: DownloadDir is not supported'), texts.join('\n'));
      assert.equal(
        r.artifacts.map((a) => a.id),
        ['tester-123'],
      );
      assert.equal(await processGroupsLeft(r.pids), []);
    });

    test(`${protocol}: local mode runs the command and moves files inside the work directory`, async () => {
      const work = mkdtempSync(join(tmpdir(), 'build-test-'));
      try {
        const ui: string[] = [];
        const command = 'mkdir -p tmp/tester && tr a-z A-Z > tmp/tester/download.txt && echo ran';
        const r = await runBuild(
          build(protocol, { env: { TESTER_WORKDIR: work }, provisioners: [{ plugin: tester, type: 'tester', config: obj({ command }) }] }),
          { onUi: (e) => ui.push(e.text) },
        );
        assert.is(r.error, null, String(r.error));
        assert.is(readFileSync(join(work, 'tmp/tester/upload.txt'), 'utf8'), 'uploaded contents');
        assert.is(readFileSync(join(work, 'tmp/tester/upload-nofi.txt'), 'utf8'), '');
        assert.is(readFileSync(join(work, 'tmp/tester/download.txt'), 'utf8'), 'STDIN DATA\n');
        assert.ok(ui.includes('tester: downloaded "STDIN DATA\\n"'), ui.join('\n'));
        assert.ok(ui.includes(`tester: command exited 0; stdout "ran\\n"; stderr ""`), ui.join('\n'));
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });

    test(`${protocol}: a failing provisioner fails the build, every plugin ends`, async () => {
      const work = mkdtempSync(join(tmpdir(), 'build-test-'));
      try {
        const r = await runBuild(
          build(protocol, { env: { TESTER_WORKDIR: work }, provisioners: [{ plugin: tester, type: 'tester', config: obj({ command: 'exit 3' }) }] }),
        );
        assert.ok(r.error, 'the build failed');
        assert.match(r.error!.message, 'Error provisioning: tester: command "exit 3" exited 3');
        assert.equal(r.artifacts, []);
        assert.equal(await processGroupsLeft(r.pids), []);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });

    test(`${protocol}: cancel mid-provision reaches builder and provisioner; every plugin process is gone`, async () => {
      const work = mkdtempSync(join(tmpdir(), 'build-test-'));
      try {
        const abort = new AbortController();
        const t0 = performance.now();
        const calls: string[] = [];
        const r = await runBuild(
          build(protocol, {
            env: { TESTER_WORKDIR: work },
            provisioners: [{ plugin: tester, type: 'tester', config: obj({ command: CANCEL_COMMAND }) }],
          }),
          {
            signal: abort.signal,
            onCommunicatorCall: (m) => {
              calls.push(m);
              if (m === 'Start') setTimeout(() => abort.abort(), 300);
            },
          },
        );
        assert.ok(r.error, 'cancelled');
        assert.is((r.error as { code?: string }).code, 'shutdown');
        // Builder.Cancel; the builder's Hook.Cancel; Provisioner.Cancel; the provisioner tells its command to stop
        assert.equal(calls, ['Start', 'Upload']);
        assert.is(readFileSync(join(work, 'cancelled'), 'utf8'), 'cancelled\n');
        assert.match(r.error!.message, 'Error provisioning: tester: provision cancelled (the command exited 0)');
        assert.ok(performance.now() - t0 < 20_000, 'ended long before the sleep');
        assert.is(r.pids.length, 2);
        const left = await processGroupsLeft(r.pids);
        assert.equal(left, [], `plugin groups still running: ${left.map((p) => execSync(`ps -o pid,stat,args -g ${p} || true`).toString()).join('\n')}`);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });

    for (const victim of ['builder', 'provisioner'] as const) {
      test(`${protocol}: the ${victim} dying mid-provision gives a typed HostError (exited)`, async () => {
        const work = mkdtempSync(join(tmpdir(), 'build-test-'));
        try {
          const pids = new Map<string, number>();
          const r = await runBuild(
            build(protocol, { env: { TESTER_WORKDIR: work }, provisioners: [{ plugin: tester, type: 'tester', config: obj({ command: 'exec sleep 30' }) }] }),
            {
              onPluginStart: (kind, pid) => pids.set(kind, pid),
              onCommunicatorCall: (m) => {
                if (m !== 'Start') return;
                // The victim may be gone already (the build failed first): the assertions below say so.
                setTimeout(() => {
                  try {
                    process.kill(pids.get(victim)!, 'SIGKILL');
                  } catch {}
                }, 300);
              },
            },
          );
          assert.instance(r.error, HostError);
          assert.is((r.error as HostError).code, 'exited', r.error?.message);
          assert.match(r.error!.message, 'killed by SIGKILL');
          assert.equal(await processGroupsLeft(r.pids), []);
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      });
    }

    test(`${protocol}: a 2-step post-processor chain passes each returned artifact on`, async () => {
      const ui: BuildUiEvent[] = [];
      if (protocol === 'protobuf') {
        // The tester post-processor's spec holds a BlockAttrsSpec, which the SDK cannot put into
        // protobuf: its ConfigSpec fails, and so does the build (Packer 1.13.1 panics there).
        const r = await runBuild(build(protocol, { postProcessors: [[{ plugin: tester, type: 'tester', config: obj({ destination: 'first.out' }) }]] }));
        assert.is((r.error as { code?: string } | null)?.code, 'remote');
        assert.match(r.error!.message, 'PostProcessor.ConfigSpec: failed to encode HCL spec from protobuf');
        assert.equal(await processGroupsLeft(r.pids), []);
      }
      // `chain` is the tester post-processor with a spec protobuf can carry
      const type = protocol === 'gob' ? 'tester' : 'chain';
      const r = await runBuild(
        build(protocol, {
          postProcessors: [
            [
              { plugin: tester, type, config: obj({ destination: 'first.out' }) },
              { plugin: tester, type, config: obj({ destination: 'second.out' }), keepInputArtifact: true },
            ],
          ],
        }),
        { onUi: (e) => ui.push(e) },
      );
      assert.is(r.error, null, String(r.error));
      // The tester post-processor keeps its input (keep=true): the first step keeps the builder's
      // artifact, the second keeps its input (keep_input_artifact=true); the builder's artifact comes first.
      assert.equal(
        r.artifacts.map((a) => a.id),
        ['tester-123', 'tester-123-processed', 'tester-123-processed-processed'],
      );
      assert.equal(r.artifacts[2]!.files, ['second.out']);
      assert.equal(r.errors, []);
      const second = ui.filter((e) => e.target === `tester.one (${type})`).map((e) => e.text);
      assert.ok(second.includes('tester: post-processing tester-123-processed from packer-wire.tester'), second.join('\n'));
    });
  }

  test("generated_data Packer cannot make build.* variables of fails the post-processor as Packer's does", async () => {
    // the tester builder's full generated_data (TESTER_GENERATED_DATA=all) holds a time.Time, a nil, a list and a map
    const r = await runBuild(
      build('gob', {
        env: { TESTER_GENERATED_DATA: 'all' },
        postProcessors: [[{ plugin: tester, type: 'tester', config: obj({ destination: 'first.out' }) }]],
      }),
    );
    assert.equal(r.artifacts, []);
    assert.is(r.errors.length, 2, r.errors.join('\n'));
    assert.match(r.errors[0]!, /^Post-processor failed: unhandled buildvar type: (time\.Time|<nil>|\[\]interface \{\}|map\[interface \{\}\]interface \{\})$/);
    assert.is(r.errors[1], 'Error destroying builder artifact: tester: artifact tester-123 cannot be destroyed; bad artifact: []string(nil)');
    assert.is(r.error?.message, `2 error(s) occurred:\n\n* ${r.errors[0]}\n* ${r.errors[1]}`);
    assert.equal(await processGroupsLeft(r.pids), []);
  });

  test('a 1 GiB upload through the proxied communicator keeps the host under 256 MB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'build-test-'));
    try {
      const file = join(dir, 'build.json');
      const size = 1024 * 1024 * 1024;
      writeFileSync(
        file,
        JSON.stringify(
          build('protobuf', {
            env: { TESTER_UPLOAD_BYTES: String(size) },
            provisioners: [{ plugin: tester, type: 'tester', config: obj({ command: 'true' }) }],
          }),
        ),
      );
      const child = spawn(process.execPath, [join(root, 'testkit/host/build-host.mjs'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      const code = await new Promise<number | null>((res) => child.on('close', res));
      assert.is(code, 0, out);
      const r = JSON.parse(out) as { error: string | null; says: string[]; maxRssMiB: number; ms: number };
      assert.is(r.error, null);
      assert.ok(r.says.includes(`tester: uploaded ${size} bytes`), r.says.join('\n'));
      console.error(`build.test: 1 GiB upload through the proxy: host peak RSS ${r.maxRssMiB} MiB, ${r.ms} ms`);
      assert.ok(r.maxRssMiB < 256, `peak RSS ${r.maxRssMiB} MiB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
