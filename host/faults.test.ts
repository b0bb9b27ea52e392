/**
 * Fault tests: plugins that misbehave (fake plugins written in Node, testkit/host/
 * fake-plugin.mjs, so no Go is needed). Each must give a typed HostError within a bounded time
 * and leave no process behind.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostError, RpcRemoteError } from './errors.js';
import { launchPlugin, livePluginCount, killAllPlugins } from './launch.js';
import { startSession, type PluginSession } from './session.js';
import { pluginEnvironment } from './process.js';

const script = resolve(dirname(fileURLToPath(import.meta.url)), '../../testkit/host/fake-plugin.mjs');
const node = process.execPath;
const guard = setTimeout(() => {
  console.error('faults test: global timeout');
  killAllPlugins();
  process.exit(1);
}, 120_000);

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number | undefined, withinMs = 3000): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return !alive(pid);
}

/** Runs f, expects a HostError of `code` within `ms`, returns it. */
async function expectHostError(f: () => Promise<unknown>, code: string, ms: number): Promise<HostError> {
  const t0 = Date.now();
  try {
    await f();
  } catch (e) {
    const took = Date.now() - t0;
    assert.instance(e, HostError, `expected a HostError, got ${String(e)}`);
    assert.is((e as HostError).code, code, (e as Error).message);
    assert.ok(took < ms, `took ${took} ms (bound ${ms} ms)`);
    return e as HostError;
  }
  throw new assert.Assertion({ message: `expected a HostError ${code}, got success`, operator: 'throws' } as never);
}

const fake = (mode: string, opts: { callTimeoutMs?: number; handshakeTimeoutMs?: number } = {}): Promise<PluginSession> =>
  startSession(
    node,
    [script, mode],
    {
      protocol: 'gob',
      callTimeoutMs: opts.callTimeoutMs ?? 5000,
      handshakeTimeoutMs: opts.handshakeTimeoutMs ?? 10_000,
      connectTimeoutMs: 5000,
      closeGraceMs: 300,
    },
    { kind: 'builder', component: 'fake' },
  );

test('the fake plugin exists', () => {
  assert.ok(existsSync(script), script);
});

// ---- before the socket ----

test('no handshake line: timeout, process killed', async () => {
  await expectHostError(() => launchPlugin(node, [script, 'no-handshake'], { handshakeTimeoutMs: 500 }), 'timeout', 3000);
  assert.is(livePluginCount(), 0);
});

test('exit before the handshake: start error with the exit code and stderr', async () => {
  const e = await expectHostError(() => launchPlugin(node, [script, 'exit-before-handshake']), 'start', 5000);
  assert.match(e.message, /code 7/);
  assert.match(e.message, /giving up before the handshake/);
  assert.is(livePluginCount(), 0);
});

test('a handshake line Packer refuses: start error caused by a HandshakeError', async () => {
  const e = await expectHostError(() => launchPlugin(node, [script, 'bad-handshake']), 'start', 5000);
  assert.match(e.message, /incompatible API major version "6"/);
  assert.is((e.cause as { kind?: string }).kind, 'api-major');
  assert.is(livePluginCount(), 0);
});

test('endless first line: refused after 64 KiB, no waiting for a newline', async () => {
  await expectHostError(() => launchPlugin(node, [script, 'endless-line'], { handshakeTimeoutMs: 20_000 }), 'start', 5000);
  assert.is(livePluginCount(), 0);
});

test('no magic cookie: the plugin refuses to start, we say so', async () => {
  const env = { ...process.env };
  delete env['PACKER_PLUGIN_MAGIC_COOKIE'];
  const e = await expectHostError(() => launchPlugin(node, [script, 'never-answer'], { env }), 'start', 5000);
  assert.match(e.message, /no magic cookie/);
});

test('a binary that does not exist: start error', async () => {
  await expectHostError(() => launchPlugin('/nonexistent/packer-plugin-x', ['start']), 'start', 5000);
  assert.is(livePluginCount(), 0);
});

// ---- on the socket ----

test('garbage instead of yamux frames: protocol error while opening stream 0', async () => {
  const e = await expectHostError(() => fake('yamux-garbage'), 'protocol', 5000);
  assert.match(e.message, /yamux/);
  assert.is(livePluginCount(), 0);
});

test('exits mid-call: the pending call fails with exited (code and stderr)', async () => {
  const s = await fake('exit-mid-call');
  const e = await expectHostError(() => s.rpc.call('Builder.ConfigSpec', null), 'exited', 3000);
  assert.match(e.message, /exit code 3/);
  assert.match(e.message, /exiting during Builder.ConfigSpec/);
  // later calls fail the same way, at once
  await expectHostError(() => s.rpc.call('Builder.ConfigSpec', null), 'exited', 200);
  await s.close();
  assert.ok(await gone(s.process.pid));
});

test('never answers: the call times out; close kills the plugin (it ignores SIGTERM and EOF)', async () => {
  const s = await fake('never-answer', { callTimeoutMs: 300 });
  await expectHostError(() => s.rpc.call('Builder.ConfigSpec', null), 'timeout', 2000);
  const t0 = Date.now();
  await s.close();
  assert.ok(Date.now() - t0 < 3000, 'close is bounded');
  assert.ok(s.process.exitStatus !== null, 'reaped');
  assert.is(s.process.exitStatus!.signal, 'SIGKILL');
  assert.ok(await gone(s.process.pid));
});

test('closes the stream: the pending call fails with stream-closed', async () => {
  const s = await fake('close-stream');
  await expectHostError(() => s.rpc.call('Builder.ConfigSpec', null), 'stream-closed', 3000);
  await s.close();
  assert.ok(await gone(s.process.pid));
});

test('resets the stream: the pending call fails with stream-closed', async () => {
  const s = await fake('reset-stream');
  const e = await expectHostError(() => s.rpc.call('Builder.ConfigSpec', null), 'stream-closed', 3000);
  assert.match(e.message, /reset/);
  await s.close();
  assert.ok(await gone(s.process.pid));
});

test('answers with garbage: protocol error naming the rpc codec', async () => {
  const s = await fake('rpc-garbage');
  const e = await expectHostError(() => s.rpc.call('Builder.ConfigSpec', null), 'protocol', 3000);
  assert.is((e.cause as { codec?: string }).codec, 'rpc');
  await s.close();
  assert.ok(await gone(s.process.pid));
});

test('a net/rpc error reply: RpcRemoteError with the text; the session stays usable', async () => {
  const s = await fake('remote-error');
  const e = await expectHostError(() => s.builder().configSpec(), 'remote', 3000);
  assert.instance(e, RpcRemoteError);
  assert.is((e as RpcRemoteError).remoteMessage, 'fake: boom');
  assert.is((e as RpcRemoteError).serviceMethod, 'Builder.ConfigSpec');
  await expectHostError(() => s.builder().cancel(), 'remote', 3000);
  await s.close();
  assert.ok(await gone(s.process.pid));
});

test('concurrent calls answered out of order are matched by seq', async () => {
  const s = await fake('reorder');
  const answers = await Promise.all([0, 1, 2].map(() => s.rpc.call('Artifact.Id', null)));
  assert.equal(answers, ['id-0', 'id-1', 'id-2']);
  await s.close();
});

test('a tcp handshake (Windows style): the host dials host:port', async () => {
  const env = { ...pluginEnvironment(), FAKE_NETWORK: 'tcp' };
  const s = await startSession(node, [script, 'reorder'], { protocol: 'gob', env, callTimeoutMs: 5000 }, { kind: 'builder', component: 'fake' });
  assert.is(s.process.handshake.network, 'tcp');
  assert.match(s.process.line, /^5\|0\|tcp\|127\.0\.0\.1:\d+\n$/);
  const answers = await Promise.all([0, 1, 2].map(() => s.rpc.call('Artifact.Id', null)));
  assert.equal(answers, ['id-0', 'id-1', 'id-2']);
  await s.close();
  assert.ok(await gone(s.process.pid));
});

test('session timeout: the plugin is killed and pending calls fail with timeout', async () => {
  const s = await startSession(
    node,
    [script, 'never-answer'],
    { protocol: 'gob', callTimeoutMs: 10_000, sessionTimeoutMs: 400, closeGraceMs: 100 },
    { kind: 'builder', component: 'fake' },
  );
  const e = await expectHostError(() => s.rpc.call('Builder.ConfigSpec', null), 'timeout', 3000);
  assert.match(e.message, /session timed out/);
  await s.close();
  assert.ok(await gone(s.process.pid));
});

test('close while a call is pending: the call fails with shutdown', async () => {
  const s = await fake('never-answer');
  const pending = expectHostError(() => s.rpc.call('Builder.ConfigSpec', null), 'shutdown', 3000);
  await new Promise((r) => setTimeout(r, 50));
  await s.close();
  await pending;
});

test("close kills the plugin's whole process group (its own children too)", async () => {
  const s = await fake('grandchild');
  const m = /grandchild pid (\d+)/.exec(s.process.stderr());
  assert.ok(m, s.process.stderr());
  const grandchild = Number(m![1]);
  assert.ok(alive(grandchild));
  await s.close();
  assert.ok(await gone(grandchild), 'grandchild killed');
});

/** Runs testdata/host-exits.mjs in `how` mode; returns the plugin's pid and how the host ended. */
async function hostThatLeaves(how: 'exit' | 'signal' | 'throw'): Promise<{ pluginPid: number; code: number | null; signal: NodeJS.Signals | null }> {
  const prog = resolve(dirname(script), 'host-exits.mjs');
  const child = spawn(node, [prog, how], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ended = new Promise<[number | null, NodeJS.Signals | null]>((r) => child.once('exit', (c, sig) => r([c, sig])));
  const pid = await new Promise<number>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /plugin (\d+)/.exec(out);
      if (m) res(Number(m[1]));
    });
    child.once('exit', () => rej(new Error(`host exited before starting its plugin: ${out}`)));
  });
  if (how === 'signal') child.kill('SIGTERM');
  const [code, signal] = await ended;
  return { pluginPid: pid, code, signal };
}

test('exit hook: a host calling process.exit with a plugin running kills it', async () => {
  const r = await hostThatLeaves('exit');
  assert.is(r.code, 0);
  assert.ok(await gone(r.pluginPid), `plugin ${r.pluginPid} survived its host`);
});

test('exit hook: SIGTERM to the host kills its plugin, and the host still dies of SIGTERM', async () => {
  const r = await hostThatLeaves('signal');
  assert.is(r.signal, 'SIGTERM');
  assert.ok(await gone(r.pluginPid), `plugin ${r.pluginPid} survived its host`);
});

test('exit hook: a host dying of an uncaught exception kills its plugin', async () => {
  const r = await hostThatLeaves('throw');
  assert.is(r.code, 1);
  assert.ok(await gone(r.pluginPid), `plugin ${r.pluginPid} survived its host`);
});

test('nothing left running', () => {
  assert.is(livePluginCount(), 0);
});

test.after(() => {
  clearTimeout(guard);
  killAllPlugins();
});

test.run();
