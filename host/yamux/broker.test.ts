import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { YamuxSession } from './session.js';
import { MuxBroker } from './broker.js';
import type { YamuxError } from '../../codecs/yamux/errors.js';
import { readExactly } from './read.js';
import { duplexPair } from '../../testkit/yamux/testing.js';
import type { YamuxStream } from './stream.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Host side = yamux client, plugin side = yamux server, one broker each (as the SDK sets up). */
function brokers(opts: { host?: ConstructorParameters<typeof MuxBroker>[1]; plugin?: ConstructorParameters<typeof MuxBroker>[1] } = {}) {
  const [a, b] = duplexPair();
  const host = new MuxBroker(new YamuxSession(a, { client: true, keepAlive: false }), opts.host);
  const plugin = new MuxBroker(new YamuxSession(b, { client: false, keepAlive: false }), opts.plugin);
  host.run();
  plugin.run();
  return { host, plugin, close: () => (host.close(), plugin.close()) };
}

function le(id: number): number[] {
  return [id & 0xff, (id >>> 8) & 0xff, (id >>> 16) & 0xff, id >>> 24];
}

async function roundTrip(a: YamuxStream, b: YamuxStream): Promise<void> {
  a.write(Uint8Array.of(1, 2, 3));
  assert.equal(Array.from(await readExactly(b, 3, 1000)), [1, 2, 3]);
  b.write(Uint8Array.of(4));
  assert.equal(Array.from(await readExactly(a, 1, 1000)), [4]);
}

test('nextId hands out 1, 2, 3 (id 0 is the main connection)', () => {
  const { host, plugin, close } = brokers();
  assert.equal([host.nextId(), host.nextId(), host.nextId()], [1, 2, 3]);
  assert.is(plugin.nextId(), 1); // each side counts its own
  close();
});

test('dial(0) from the host meets accept(0) in the plugin: id written LE, echoed back, then plain bytes', async () => {
  const { host, plugin, close } = brokers();
  const [d, acc] = await Promise.all([host.dial(0), plugin.accept(0)]);
  await roundTrip(d, acc);
  close();
});

test('the id is 4 little-endian bytes at the start of the yamux stream; the ack echoes them', async () => {
  const [a, b] = duplexPair();
  const hostSession = new YamuxSession(a, { client: true, keepAlive: false });
  const raw = new YamuxSession(b, { client: false, keepAlive: false });
  const host = new MuxBroker(hostSession);
  const dial = host.dial(0x01020304);
  const s = await raw.accept();
  assert.equal(Array.from(await readExactly(s, 4, 1000)), le(0x01020304));
  s.write(Uint8Array.from([...le(0x01020304), 0xaa, 0xbb])); // ack plus the first bytes of payload
  const d = await dial;
  assert.equal(Array.from(await readExactly(d, 2, 1000)), [0xaa, 0xbb], 'bytes after the ack stay in the stream');
  hostSession.close();
  raw.close();
});

test('a wrong ack is refused (ErrBadAck)', async () => {
  const [a, b] = duplexPair();
  const hostSession = new YamuxSession(a, { client: true, keepAlive: false });
  const raw = new YamuxSession(b, { client: false, keepAlive: false });
  const dial = new MuxBroker(hostSession).dial(7);
  const s = await raw.accept();
  await readExactly(s, 4, 1000);
  s.write(Uint8Array.from(le(8)));
  try {
    await dial;
    assert.unreachable();
  } catch (e) {
    assert.is((e as YamuxError).code, 'ErrBadAck');
    assert.match((e as Error).message, /bad ack: 8 \(expected 7\)/);
  }
  hostSession.close();
  raw.close();
});

test('accept before the dial arrives, and dial before the accept is called, both connect', async () => {
  const { host, plugin, close } = brokers();
  const id = host.nextId();
  const acc = host.accept(id); // the host serves (e.g. Ui for Builder.Run) ...
  await sleep(10);
  const d = await plugin.dial(id); // ... the plugin dials it
  await roundTrip(d, await acc);
  const id2 = plugin.nextId();
  const d2 = host.dial(id2); // the plugin returned an artifact id, the host dials ...
  await sleep(10);
  const acc2 = await plugin.accept(id2); // ... before the plugin accepts
  await roundTrip(await d2, acc2);
  close();
});

test('several logical streams at once keep their bytes apart', async () => {
  const { host, plugin, close } = brokers();
  const ids = [0, 1, 2, 3, 4];
  const pairs = await Promise.all(ids.map(async (id) => Promise.all([host.dial(id), plugin.accept(id)])));
  pairs.forEach(([d], i) => d.write(Uint8Array.of(i, i, i)));
  for (const [i, [, acc]] of pairs.entries()) assert.equal(Array.from(await readExactly(acc, 3, 1000)), [i, i, i]);
  close();
});

test('accept times out when nobody dials (SDK: 5 s, here shortened)', async () => {
  const { plugin, close } = brokers({ plugin: { acceptTimeoutMs: 30 } });
  try {
    await plugin.accept(9);
    assert.unreachable();
  } catch (e) {
    assert.is((e as YamuxError).code, 'ErrBrokerTimeout');
  }
  close();
});

test('a dialled id nobody accepts is closed after the pending timeout; the dialler sees the stream end', async () => {
  const { host, close } = brokers({ plugin: { pendingTimeoutMs: 30 } });
  const dial = host.dial(42, 2000);
  try {
    await dial;
    assert.unreachable();
  } catch (e) {
    assert.is((e as YamuxError).code, 'ErrStreamClosed');
  }
  close();
});

test('dial waits at most dialTimeoutMs for the ack', async () => {
  const [a, b] = duplexPair();
  const hostSession = new YamuxSession(a, { client: true, keepAlive: false });
  const raw = new YamuxSession(b, { client: false, keepAlive: false });
  const dial = new MuxBroker(hostSession).dial(1, 30);
  await raw.accept(); // accepted at the yamux level, but never acked by a broker
  try {
    await dial;
    assert.unreachable();
  } catch (e) {
    assert.is((e as YamuxError).code, 'ErrTimeout');
  }
  hostSession.close();
  raw.close();
});

test('accept waiting when the session ends is rejected', async () => {
  const { host, close } = brokers();
  const acc = host.accept(3, 5000);
  close();
  try {
    await acc;
    assert.unreachable();
  } catch (e) {
    assert.is((e as YamuxError).code, 'ErrSessionShutdown');
  }
});

test.run();
