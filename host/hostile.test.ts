/**
 * Hostile plugins (testkit/host/hostile-plugin.mjs): the host touches no path it did not
 * create, and whatever one plugin floods it with, it answers with a HostError, stops the plugin
 * and stays under 256 MB. The floods run in a child host process (testkit/host/
 * flood-host.mjs) so its peak RSS is measured alone; bounds have wide margins (a normal host
 * peaks near 60 MB), so a loaded machine cannot make them flake.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchPlugin, killAllPlugins, livePluginCount } from './launch.js';
import { startSession } from './session.js';
import { pluginEnvironment } from './process.js';

const here = dirname(fileURLToPath(import.meta.url));
const kit = resolve(here, '../../testkit/host');
const hostile = join(kit, 'hostile-plugin.mjs');
const fake = resolve(here, '../../testkit/host/fake-plugin.mjs');
const node = process.execPath;
const MEMORY_BOUND_MIB = 256;
const guard = setTimeout(() => {
  console.error('hostile test: global timeout');
  killAllPlugins();
  process.exit(1);
}, 240_000);

test('a socket the handshake names outside our directory is left alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'other-program-'));
  const path = join(dir, 'its.sock');
  const other = createServer((c) => c.on('error', () => {}));
  await new Promise<void>((r) => other.listen(path, r));
  try {
    const env = { ...pluginEnvironment(), FAKE_SOCKET_PATH: path };
    const proc = await launchPlugin(node, [hostile, 'foreign-socket'], { env });
    assert.is(proc.handshake.address, path);
    await proc.exited; // the plugin exits by itself after 300 ms
    assert.ok(lstatSync(path).isSocket(), "the other program's socket is still there");
    assert.is(existsSync(proc.privateDir!.path), false, 'our own directory is removed');
  } finally {
    other.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the plugin gets a private TMPDIR: its socket lives there, and the directory goes with it', async () => {
  const s = await startSession(node, [fake, 'never-answer'], { protocol: 'gob', closeGraceMs: 100 }, { kind: 'builder', component: 'fake' });
  const dir = s.process.privateDir!.path;
  assert.ok(s.process.handshake.address.startsWith(dir + '/'), `${s.process.handshake.address} is in ${dir}`);
  assert.is(lstatSync(dir).mode & 0o777, 0o700);
  await s.close(); // SIGKILL: the plugin leaves its socket behind
  await s.process.exited;
  assert.is(existsSync(dir), false);
});

test('a private directory replaced after the start is not removed', async () => {
  const proc = await launchPlugin(node, [fake, 'never-answer']);
  const dir = proc.privateDir!.path;
  const moved = `${dir}-moved`;
  const { renameSync, mkdirSync } = await import('node:fs');
  renameSync(dir, moved);
  mkdirSync(dir); // same path, another directory: not ours
  await proc.stop(0);
  assert.ok(existsSync(dir), 'a directory we did not make is left alone');
  rmSync(dir, { recursive: true, force: true });
  rmSync(moved, { recursive: true, force: true });
});

interface FloodResult {
  code: string | null;
  message: string;
  ms: number;
  maxRssMiB: number;
  peakHeapMiB: number;
  stoppedByHost: boolean;
  pluginExited: boolean | null;
  privateDirsLeft: number;
  livePlugins: number;
  uiCalls: number;
}

function flood(mode: string, limits: Record<string, number> = {}, call?: { method: string; timeoutMs: number }): Promise<FloodResult> {
  return new Promise((resolvePromise, reject) => {
    const args = [join(kit, 'flood-host.mjs'), mode, ...(call ? [call.method] : [])];
    const env = { ...process.env, FLOOD_LIMITS: JSON.stringify(limits), ...(call ? { FLOOD_CALL_TIMEOUT_MS: String(call.timeoutMs) } : {}) };
    const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('exit', () => {
      clearTimeout(timer);
      try {
        resolvePromise(JSON.parse(out.trim().split('\n').pop()!) as FloodResult);
      } catch {
        reject(new Error(`flood host ${mode}: no result (stdout ${out}, stderr ${err})`));
      }
    });
  });
}

function bounded(r: FloodResult, code: string, message: RegExp, stopped = true): void {
  console.log(`  ${JSON.stringify(r)}`);
  assert.is(r.code, code, r.message);
  assert.match(r.message, message);
  assert.ok(r.maxRssMiB < MEMORY_BOUND_MIB, `host peak RSS ${r.maxRssMiB} MiB`);
  assert.ok(r.ms < 45_000, `took ${r.ms} ms`);
  if (stopped) assert.ok(r.stoppedByHost, 'the plugin was stopped by the failure, not only by close()');
  assert.is(r.livePlugins, 0);
  assert.is(r.privateDirsLeft, 0, 'the private directory is gone');
}

test('many streams of 256 KiB each: limit (streams), host under 256 MB', async () => {
  bounded(await flood('stream-flood'), 'limit', /streams open/);
});

test('many streams of 256 KiB with no stream cap: limit (buffered bytes), host under 256 MB', async () => {
  bounded(await flood('stream-flood', { maxStreams: 100_000 }), 'limit', /bytes buffered/);
});

test('SYN storm: limit, host under 256 MB', async () => {
  bounded(await flood('syn-storm'), 'limit', /streams open|stream opens in one second/);
});

test('ping flood without reading: limit, host under 256 MB', async () => {
  bounded(await flood('ping-flood'), 'limit', /pings|does not read/);
});

test('a plugin flooding streams after the session is up: the call fails with limit, the plugin is killed', async () => {
  bounded(await flood('late-flood'), 'limit', /session limit/);
});

test('Ui.Say requests without end, answers never read: backpressure stops the plugin, not our memory', async () => {
  const r = await flood('request-flood', {}, { method: 'Builder.Run', timeoutMs: 5000 });
  bounded(r, 'timeout', /Builder.Run: no answer within 5000 ms/, false);
  // An answer is ~40 bytes: the plugin's 256 KiB window for our answers (~6,500), our stream's
  // 16 KiB write buffer and one 256 KiB read window of requests bound what we handle (~7,500
  // measured) before we stop reading; without backpressure it grows as long as the call lasts.
  assert.ok(r.uiCalls > 0 && r.uiCalls < 20_000, `${r.uiCalls} Ui.Say handled`);
});

test('a Data frame declaring 4 GiB: protocol error at once, nothing buffered', async () => {
  bounded(await flood('huge-frame'), 'protocol', /exceeds the receive window/);
});

test('a net/rpc answer declaring a 4 GiB []byte: protocol error, plugin stopped', async () => {
  const r = await flood('huge-message');
  bounded(r, 'protocol', /past the \d+-byte limit/, false); // the session is the caller's to close
  assert.is(r.pluginExited, true);
});

test('nothing left running', () => {
  assert.is(livePluginCount(), 0);
});

test.after(() => {
  clearTimeout(guard);
  killAllPlugins();
});

test.run();
