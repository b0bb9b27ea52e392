/**
 * RpcServer and RpcClient within the session's limits: calls in flight (both directions share
 * one CallCounter), message size, and backpressure when the plugin does not take our answers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Duplex, PassThrough } from 'node:stream';
import { encodeRequest } from '../codecs/rpc/index.js';
import { RpcClient } from './rpc-client.js';
import { RpcServer } from './rpc-server.js';
import { HostError } from './errors.js';
import { CallCounter } from './limits.js';

test('requests beyond the calls in flight: HostError limit, the session is told', async () => {
  const input = new PassThrough();
  const stream = Duplex.from({ readable: input, writable: new PassThrough() });
  let told: HostError | null = null;
  const calls = new CallCounter(10, (e) => (told = e));
  const server = new RpcServer({ calls });
  server.register('Ui', { Say: () => new Promise(() => {}) }); // never finishes
  const served = server.serve(stream, 'flooded stream');
  for (let seq = 0; seq < 11; seq++) input.write(encodeRequest({ serviceMethod: 'Ui.Say', seq }, 'hi'));
  const e = await served.then(
    () => null,
    (x: unknown) => x,
  );
  assert.instance(e, HostError);
  assert.is((e as HostError).code, 'limit');
  assert.match((e as HostError).message, /10 calls already in flight/);
  assert.ok(told !== null);
  assert.is(calls.inFlight, 10);
});

test('our own calls count too: one more than the limit fails at once', async () => {
  const calls = new CallCounter(2);
  const c = new RpcClient(Duplex.from({ readable: new PassThrough(), writable: new PassThrough() }), { calls, callTimeoutMs: 5000 });
  const pending = [c.call('Builder.Cancel', null), c.call('Builder.Cancel', null)];
  for (const p of pending) p.catch(() => {});
  const e = await c.call('Builder.Cancel', null).then(
    () => null,
    (x: unknown) => x,
  );
  assert.is((e as HostError).code, 'limit');
  c.close();
  assert.is(calls.inFlight, 0, 'closing gives the calls back');
});

test('an answer larger than maxMessageBytes: protocol error', async () => {
  const input = new PassThrough();
  const c = new RpcClient(Duplex.from({ readable: input, writable: new PassThrough() }), { maxMessageBytes: 1000, callTimeoutMs: 5000 });
  const call = c.call('Builder.ConfigSpec', null).then(
    () => null,
    (x: unknown) => x,
  );
  // header {ServiceMethod, Seq, Error}, then a body map whose bin declares 1 MiB
  input.write(
    Buffer.from('83ad536572766963654d6574686f64b24275696c6465722e436f6e6669675370656381a3536571a0a54572726f72a081aa436f6e66696753706563c600100000', 'hex'),
  );
  const e = (await call) as HostError;
  assert.is(e.code, 'protocol', e.message);
  assert.match(e.message, /1000-byte limit/);
});

test('backpressure: while our answers are not taken, no more requests are read', async () => {
  let held = 0;
  // Reads what the test pushes; writes never complete (a plugin that reads nothing).
  const stream = new Duplex({ writableHighWaterMark: 64, read() {}, write: (_c, _e, _cb) => void held++ });
  const input = { write: (b: Uint8Array) => stream.push(b) };
  const server = new RpcServer();
  let handled = 0;
  server.register('Ui', { Say: () => void handled++ });
  void server.serve(stream, 'slow reader').catch(() => {});
  for (let seq = 0; seq < 200; seq++) {
    input.write(encodeRequest({ serviceMethod: 'Ui.Say', seq }, 'x'.repeat(50)));
    await new Promise((r) => setImmediate(r)); // one request per turn, as frames arrive
  }
  assert.ok(handled < 50, `${handled} requests handled while no answer was taken`);
  assert.ok(held >= 1);
});

test.run();
