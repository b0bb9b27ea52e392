/**
 * Live smoke test against real plugin binaries (built by the harness into
 * conformance/.work/bin/, listed in plugins.json): `describe` byte for byte, the protocol choice,
 * `start datasource …` with the magic cookie, the handshake, a yamux session and broker stream 0
 * to Go's hashicorp/yamux and the SDK's mux broker, RPC round trips, and a flow-control workout
 * (a request and a reply of more than 1 MiB each, so both windows must be refilled).
 * When the binaries are absent it says so on stderr (a line starting with SKIPPED) and passes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection, type Socket } from 'node:net';
import { encode, decodeMultiStream } from '@msgpack/msgpack';
import { formatDescribe, parseDescribe } from '../../codecs/protocol/describe.js';
import { chooseProtocol, type WireProtocol } from '../../codecs/protocol/choose.js';
import { runDescribe, startPlugin, type StartedPlugin } from '../process.js';
import { YamuxSession } from './session.js';
import { MuxBroker } from './broker.js';
import type { YamuxStream } from './stream.js';

interface PluginBinary {
  name: string;
  plugin: string;
  sdkVersion: string;
  path: string;
  protocolV2: boolean;
}

const binDir = process.env['PACKER_WIRE_PLUGIN_BIN'] ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../conformance/.work/bin');
const listFile = resolve(binDir, 'plugins.json');

function loadBinaries(): PluginBinary[] | string {
  if (!existsSync(listFile)) return `no ${listFile} (the harness has not built the plugin binaries)`;
  const list = JSON.parse(readFileSync(listFile, 'utf8')) as PluginBinary[];
  const present = list.filter((b) => existsSync(b.path));
  if (present.length === 0) return `plugins.json lists no binary that exists`;
  return present;
}

const binaries = loadBinaries();
const started: StartedPlugin[] = [];
const sockets: Socket[] = [];
process.on('exit', () => {
  for (const p of started) p.child.kill('SIGKILL');
});
// Never hang the test run: everything here must finish well within this.
const guard = setTimeout(() => {
  console.error('live test: global timeout, killing plugins');
  for (const p of started) p.child.kill('SIGKILL');
  process.exit(1);
}, 120_000);

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`${what}: no result within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads `n` whole msgpack values from a stream (ugorji GoRpc framing has no length prefix). */
async function readMsgpackValues(stream: YamuxStream, n: number): Promise<unknown[]> {
  const queue: Uint8Array[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const onData = (b: Buffer) => {
    queue.push(b);
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.resume(); // a 'data' listener alone does not restart a stream paused by the last call
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      if (ended) return;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
  }
  const values: unknown[] = [];
  try {
    for await (const v of decodeMultiStream(chunks())) {
      values.push(v);
      if (values.length === n) break;
    }
  } finally {
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.pause();
  }
  if (values.length < n) throw new Error('stream ended before the reply');
  return values;
}

async function call(
  stream: YamuxStream,
  serviceMethod: string,
  seq: number,
  body: unknown = null,
): Promise<{ header: Record<string, unknown>; body: unknown }> {
  const reply = readMsgpackValues(stream, 2);
  stream.write(encode({ ServiceMethod: serviceMethod, Seq: seq }));
  stream.write(encode(body));
  const [header, replyBody] = await within(reply, 20_000, serviceMethod.slice(0, 60));
  return { header: header as Record<string, unknown>, body: replyBody };
}

async function connect(bin: PluginBinary, protocol: WireProtocol) {
  const choice = chooseProtocol('v1.16.0', [{ name: bin.plugin, description: (await runDescribe(bin.path)).description }], {});
  assert.is(choice.protocol, protocol);
  const plugin = await startPlugin(bin.path, choice.startArgs('datasource', 'tester'), { timeoutMs: 20_000 });
  started.push(plugin);
  assert.is(plugin.handshake.network, 'unix');
  const socket = createConnection(plugin.handshake.address);
  sockets.push(socket);
  await within(new Promise<void>((r, j) => socket.once('connect', r).once('error', j)), 5000, 'connect');
  const session = new YamuxSession(socket, { client: true });
  const broker = new MuxBroker(session);
  broker.run();
  const main = await within(broker.dial(0, 5000), 6000, 'broker dial 0');
  return { plugin, session, broker, main };
}

if (typeof binaries === 'string') {
  test('live: plugin binaries', () => {
    console.error(`SKIPPED: live yamux/plugin smoke test: ${binaries}`);
  });
} else {
  const tester = (sdk: string) => binaries.find((b) => b.plugin === 'tester' && b.sdkVersion === sdk);

  test("describe: our re-encoding equals every binary's stdout byte for byte", async () => {
    for (const b of binaries) {
      const { description, stdout } = await runDescribe(b.path);
      const again = new TextEncoder().encode(formatDescribe(description));
      assert.equal(again, stdout, `${b.name}: ${new TextDecoder().decode(stdout)}`);
      assert.is(description.protocolVersion === 'v2', b.protocolV2, b.name);
      assert.equal(parseDescribe(again), description);
    }
  });

  test('choose: all harness plugins together -> gob exactly when one gob-only plugin registers something', async () => {
    const described = await Promise.all(
      binaries.map(async (b) => ({ name: `${b.plugin}-${b.sdkVersion}`, description: (await runDescribe(b.path)).description })),
    );
    const anyGob = binaries.some((b) => !b.protocolV2);
    assert.is(chooseProtocol('v1.16.0', described, {}).protocol, anyGob ? 'gob' : 'protobuf');
    const v2only = described.filter((_, i) => binaries[i]!.protocolV2);
    if (v2only.length) {
      assert.is(chooseProtocol('v1.16.0', v2only, {}).protocol, 'protobuf');
      assert.is(chooseProtocol('v1.16.0', v2only, { PACKER_FORCE_GOB: '1' }).protocol, 'gob');
    }
  });

  const v2 = tester('v0.6.4') ?? binaries.find((b) => b.plugin === 'tester' && b.protocolV2);
  if (v2) {
    test(`start datasource --protobuf (${v2.name}): handshake, yamux, broker stream 0, RPC, ping, >1 MiB both ways`, async () => {
      const { plugin, session, broker, main } = await connect(v2, 'protobuf');
      try {
        const spec = await call(main, 'Datasource.ConfigSpec', 0);
        assert.equal([spec.header['ServiceMethod'], spec.header['Seq'], spec.header['Error']], ['Datasource.ConfigSpec', 0, '']);
        const cs = (spec.body as Record<string, unknown>)['ConfigSpec'];
        assert.instance(cs, Uint8Array);
        assert.ok((cs as Uint8Array).length > 0);
        assert.ok((await within(session.ping(), 5000, 'ping')) >= 0);
        // A 1.5 MiB method name without a dot: net/rpc reads it all (our writes wait for Go's
        // window updates), then answers with the name echoed twice (Go waits for ours).
        const huge = 'x'.repeat(1536 * 1024);
        const bad = await call(main, huge, 1);
        assert.is(bad.header['Seq'], 1);
        assert.is(bad.header['ServiceMethod'], huge);
        assert.is(bad.header['Error'], `rpc: service/method request ill-formed: ${huge}`);
        // the session is still healthy afterwards
        const again = await call(main, 'Datasource.ConfigSpec', 2);
        assert.equal(again.header['Error'], '');
        // Same spec again; Go's protobuf map order may differ between calls, the size may not.
        assert.is((again.body as Record<string, Uint8Array>)['ConfigSpec']!.length, (cs as Uint8Array).length);
        assert.is(session.isClosed, false);
        main.end();
      } finally {
        broker.close();
        await plugin.kill();
      }
    });
  }

  const gobOnly = tester('v0.5.4') ?? binaries.find((b) => b.plugin === 'tester' && !b.protocolV2);
  if (gobOnly) {
    test(`start datasource without --protobuf (${gobOnly.name}): broker stream 0 and a ConfigSpec call`, async () => {
      const { plugin, broker, main } = await connect(gobOnly, 'gob');
      try {
        const spec = await call(main, 'Datasource.ConfigSpec', 0);
        assert.is(spec.header['Error'], '');
        assert.instance((spec.body as Record<string, unknown>)['ConfigSpec'], Uint8Array);
      } finally {
        broker.close();
        await plugin.kill();
      }
    });
  }

  test('a plugin started without the magic cookie refuses to start (SDK ErrManuallyStartedPlugin)', async () => {
    const b = v2 ?? binaries[0]!;
    const env = { ...process.env };
    delete env['PACKER_PLUGIN_MAGIC_COOKIE'];
    try {
      await startPlugin(b.path, ['start', 'datasource', 'tester'], { timeoutMs: 10_000, env });
      assert.unreachable();
    } catch (e) {
      assert.match((e as Error).message, /exited before we could connect/);
    }
  });
}

test.after(() => {
  clearTimeout(guard);
  for (const s of sockets) s.destroy();
  for (const p of started) p.child.kill('SIGKILL');
});

test.run();
