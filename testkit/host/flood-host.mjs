#!/usr/bin/env node
// A host process for the limit tests: starts testkit/host/hostile-plugin.mjs in MODE with
// packer-wire's host library (dist/), makes one call, and prints one JSON line on stdout:
//   { code, message, ms, maxRssMiB, peakHeapMiB, stoppedByHost, pluginExited, privateDirsLeft, livePlugins }
// stoppedByHost: the plugin had exited within 2 s of the error, before close() (a session that
// was never established was stopped by startSession itself). privateDirsLeft: entries left in the
// parent of the plugin's private directory (a fresh one) after the end.
// `code` is the HostError code the session or call failed with (null if it succeeded). Memory is
// this process's: the peak RSS the kernel reports (resourceUsage().maxRSS) and the largest
// heapUsed seen by a 20 ms sampler.
//   node flood-host.mjs MODE [CALL]     CALL defaults to Builder.ConfigSpec; Builder.Run runs
//                                       the builder with a Ui that counts what it is told (uiCalls)
// FLOOD_LIMITS (JSON) is given to the session as `limits`, to reach one cap past the others.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { startSession, livePluginCount } = await import(new URL('../../dist/host/index.js', import.meta.url).href);
const parent = mkdtempSync(join(tmpdir(), 'flood-host-'));
const plugin = new URL('hostile-plugin.mjs', import.meta.url).pathname;
const mode = process.argv[2] ?? 'stream-flood';
const method = process.argv[3] ?? 'Builder.ConfigSpec';

let peakHeap = 0;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
const t0 = performance.now();
let code = null;
let message = '';
let session;
let uiCalls = 0;
try {
  session = await startSession(
    process.execPath,
    [plugin, mode],
    {
      protocol: 'gob',
      callTimeoutMs: Number(process.env.FLOOD_CALL_TIMEOUT_MS ?? 30_000),
      connectTimeoutMs: 10_000,
      closeGraceMs: 200,
      privateDirParent: parent,
      limits: JSON.parse(process.env.FLOOD_LIMITS ?? '{}'),
    },
    { kind: 'builder', component: 'hostile' },
  );
  if (method === 'Builder.Run') await session.builder().run({ say: () => void uiCalls++ }, null);
  else await session.rpc.call(method, null);
} catch (e) {
  code = e?.code ?? `not a HostError: ${e?.name}`;
  message = String(e?.message ?? e).slice(0, 300);
}
const ms = Math.round(performance.now() - t0);
let pluginExited = null;
let stoppedByHost = session ? false : code !== null && livePluginCount() === 0;
if (session) {
  let t;
  await Promise.race([session.process.exited, new Promise((r) => (t = setTimeout(r, 2000)))]);
  clearTimeout(t);
  stoppedByHost = session.process.exitStatus !== null;
  await session.close();
  pluginExited = session.process.exitStatus !== null;
}
await new Promise((r) => setTimeout(r, 300)); // the exit handler removes the directory
const privateDirsLeft = readdirSync(parent).length;
rmSync(parent, { recursive: true, force: true });
clearInterval(sampler);
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
const maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  JSON.stringify({
    code,
    message,
    ms,
    maxRssMiB,
    peakHeapMiB: Math.round(peakHeap / 1048576),
    stoppedByHost,
    pluginExited,
    privateDirsLeft,
    livePlugins: livePluginCount(),
    uiCalls,
  }) + '\n',
);
process.exit(0);
