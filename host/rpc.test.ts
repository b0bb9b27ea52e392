/**
 * RpcClient and RpcServer against each other over an in-memory stream pair: matching by seq,
 * error replies, net/rpc's texts for services we do not serve, the served Ui (progress trackers
 * included), tracing, and failures when the stream ends or carries garbage.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Duplex, PassThrough } from 'node:stream';
import { RpcClient, type RpcTrace } from './rpc-client.js';
import { RpcServer } from './rpc-server.js';
import { RecordingUi, serveUi, RemoteUi } from './ui.js';
import { HostError, RpcRemoteError } from './errors.js';
import type { RpcServiceMethod } from '../codecs/rpc/index.js';

function pair(): [Duplex, Duplex] {
  const ab = new PassThrough();
  const ba = new PassThrough();
  const ends: [Duplex, Duplex] = [Duplex.from({ readable: ba, writable: ab }), Duplex.from({ readable: ab, writable: ba })];
  // destroying one end tears down the shared PassThroughs under the other one too
  for (const e of ends) e.on('error', () => {});
  return ends;
}

function setup(trace?: (e: RpcTrace) => void) {
  const [c, s] = pair();
  const server = new RpcServer();
  const served = server.serve(s, 'test server', trace);
  served.catch(() => {}); // tests that care await it
  const client = new RpcClient(c, { label: 'test client', callTimeoutMs: 2000, ...(trace ? { trace } : {}) });
  return { client, server, served, c, s };
}

test('calls reach the handler with the decoded body; answers come back typed', async () => {
  const { client, server } = setup();
  server.register('Artifact', { Id: () => 'a-1', Files: () => ['x', 'y'], State: (name) => (name === 'n' ? null : 'v') });
  assert.is(await client.call('Artifact.Id', null), 'a-1');
  assert.equal(await client.call('Artifact.Files', null), ['x', 'y']);
  assert.is(await client.call('Artifact.State', 'k'), 'v');
  assert.is(await client.call('Artifact.State', 'n'), null);
  client.close();
});

test('concurrent calls: a slow answer does not hold back a fast one, each reaches its caller', async () => {
  const { client, server } = setup();
  const order: string[] = [];
  server.register('Artifact', {
    Id: async () => {
      await new Promise((r) => setTimeout(r, 50));
      order.push('slow');
      return 'slow';
    },
    String: () => {
      order.push('fast');
      return 'fast';
    },
  });
  const [a, b] = await Promise.all([client.call('Artifact.Id', null), client.call('Artifact.String', null)]);
  assert.equal([a, b], ['slow', 'fast']);
  assert.equal(order, ['fast', 'slow']);
  client.close();
});

test('a handler error becomes a net/rpc error reply: RpcRemoteError with its text', async () => {
  const { client, server } = setup();
  server.register('Artifact', {
    Id: () => {
      throw new Error('no id today');
    },
  });
  try {
    await client.call('Artifact.Id', null);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, RpcRemoteError);
    assert.is((e as RpcRemoteError).remoteMessage, 'no id today');
    assert.is((e as RpcRemoteError).serviceMethod, 'Artifact.Id');
  }
  // the stream is still fine
  server.register('Artifact', { Id: () => 'ok' });
  assert.is(await client.call('Artifact.Id', null), 'ok');
  client.close();
});

test("a service or method we do not serve: net/rpc's own texts (net/rpc/server.go readRequestHeader)", async () => {
  const { client, server } = setup();
  server.register('Ui', { Say: () => null });
  const err = async (m: string, body: unknown) => {
    try {
      await client.call(m as RpcServiceMethod, body as never); // deliberately outside the table
    } catch (e) {
      return (e as RpcRemoteError).remoteMessage;
    }
    return 'no error';
  };
  assert.is(await err('Communicator.UploadDir', { Dst: 'a', Src: 'b', Exclude: null }), "rpc: can't find service Communicator.UploadDir");
  server.register('Hook', {});
  assert.is(await err('Hook.Run', { Name: 'n', Data: null, StreamId: 1 }), "rpc: can't find method Hook.Run");
  client.close();
});

test('the served Ui: every method, a progress tracker registered as "Ui" + id, and RemoteUi as its client', async () => {
  const { client, server } = setup();
  const ui = new RecordingUi('sure');
  serveUi(server, ui);
  const remote = new RemoteUi(client);
  await remote.say('hello');
  await remote.message('msg');
  await remote.error('err');
  await remote.machine('artifact', '0', 'id');
  assert.is(await remote.ask('ok?'), 'sure');
  const id = (await client.call('Ui.NewTrackProgress', { Src: 'file.iso', TotalSize: 10n, CurrentSize: 2n })) as string;
  assert.match(id, /^file\.iso[A-Za-z0-9]{6}$/);
  await client.call(`Ui${id}.Add`, 4n);
  await client.call(`Ui${id}.Add`, 6n);
  await client.call(`Ui${id}.Close`, null);
  assert.equal(ui.texts('say'), ['hello']);
  assert.equal(ui.texts('message'), ['msg']);
  assert.equal(ui.texts('error'), ['err']);
  assert.equal(ui.texts('ask'), ['ok?']);
  assert.equal(ui.events[3], { kind: 'machine', category: 'artifact', args: ['0', 'id'] });
  assert.is(ui.progressBytes(), 10n);
  const track = ui.events.find((e) => e.kind === 'track');
  assert.equal(track && { ...track, id: '' }, { kind: 'track', src: 'file.iso', currentSize: 2n, totalSize: 10n, id: '' });
  assert.is(ui.events[ui.events.length - 1]!.kind, 'progress-close');
  client.close();
});

test('tracing: both sides see every call with its messages, ordered by when it started', async () => {
  const traces: RpcTrace[] = [];
  const { client, server } = setup((t) => traces.push(t));
  server.register('Ui', { Say: () => null, Ask: () => 'yes' });
  await client.call('Ui.Say', 'x');
  await client.call('Ui.Ask', 'q');
  const host = traces.filter((t) => t.caller === 'host').sort((a, b) => a.order - b.order);
  const plugin = traces.filter((t) => t.caller === 'plugin').sort((a, b) => a.order - b.order);
  assert.equal(
    host.map((t) => [t.request.header.serviceMethod, t.request.body, t.response?.body]),
    [
      ['Ui.Say', 'x', null],
      ['Ui.Ask', 'q', 'yes'],
    ],
  );
  assert.equal(
    plugin.map((t) => t.request.header.serviceMethod),
    ['Ui.Say', 'Ui.Ask'],
  );
  assert.ok(host[0]!.order < host[1]!.order);
  client.close();
});

test('the peer closing the stream fails pending and later calls with stream-closed', async () => {
  const { client, s } = setup();
  const pending = client.call('Artifact.Id', null).catch((e: unknown) => e);
  s.destroy();
  const e = (await pending) as HostError;
  assert.instance(e, HostError);
  assert.is(e.code, 'stream-closed');
  const later = (await client.call('Artifact.Id', null).catch((x: unknown) => x)) as HostError;
  assert.is(later.code, 'stream-closed');
});

test('garbage on the stream fails the client with protocol (cause: the rpc WireError)', async () => {
  const [c, s] = pair();
  const client = new RpcClient(c, { callTimeoutMs: 2000 });
  const pending = client.call('Artifact.Id', null).catch((e: unknown) => e);
  s.write(Uint8Array.of(0xc1));
  const e = (await pending) as HostError;
  assert.is(e.code, 'protocol');
  assert.is((e.cause as { codec?: string }).codec, 'rpc');
});

test('garbage sent to the server: serve() rejects with protocol and closes the stream', async () => {
  const [c, s] = pair();
  const served = new RpcServer().serve(s, 'srv');
  c.write(Uint8Array.of(0x92, 0xc1));
  const e = (await served.catch((x: unknown) => x)) as HostError;
  assert.is(e.code, 'protocol');
  assert.ok(s.destroyed);
});

test('a call with no answer times out; a late answer is dropped', async () => {
  const [c, s] = pair();
  const client = new RpcClient(c, { callTimeoutMs: 50 });
  const e = (await client.call('Artifact.Id', null).catch((x: unknown) => x)) as HostError;
  assert.is(e.code, 'timeout');
  assert.is(client.inFlight, 0);
  s.destroy();
});

test('a body that does not fit the Go type: payload error, nothing sent', async () => {
  const { client } = setup();
  const e = (await client.call('Ui.Say', 42 as unknown as string).catch((x: unknown) => x)) as HostError;
  assert.is(e.code, 'payload');
  client.close();
});

test('serve() resolves when the peer ends the stream', async () => {
  const { c, served } = setup();
  c.end();
  await served;
});

test.run();
