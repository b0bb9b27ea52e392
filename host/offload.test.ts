/**
 * Timers keep firing: a plugin answers Datasource.Execute at once with a valid go-cty msgpack
 * value that is slow to decode (a set of 60,000 numbers of 48 digits, 3.1 MB: 7.2 s to decode in
 * place on this loaded machine with the codecs' O(n log n) sets and their 65,536-element cap). On
 * a fast machine it may decode within the timeout: then the value is checked instead.
 * Large payloads are decoded in a worker thread, so the call's 5 s timeout fires on time and a
 * 10 ms timer keeps ticking throughout. Bounds have wide margins for a loaded machine.
 * Also: payloads survive the trip between threads (pack/revive) unchanged.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostError } from './errors.js';
import { killAllPlugins } from './launch.js';
import { startSession } from './session.js';
import { pluginEnvironment } from './process.js';
import { WorkerGate, decodeSpecOffThread, decodeValueOffThread } from './decode-offload.js';
import { decodeSpecPayload, decodeValuePayload } from './payloads.js';
import { packPayload, revivePayload } from './payload-transfer.js';
import { marshalCtyMsgpack } from '../codecs/cty/msgpack.js';
import { T, NIL_TYPE_LIST } from '../codecs/cty/types.js';
import { parseNumberText } from '../codecs/cty/numtext.js';
import { Unknown, type CtyValue } from '../codecs/cty/values.js';
import { encodeConfigSpec } from '../codecs/hclspec/configspec.js';
import type { ObjectSpec } from '../codecs/hclspec/model.js';

const hostile = resolve(dirname(fileURLToPath(import.meta.url)), '../../testkit/host/hostile-plugin.mjs');
const guard = setTimeout(() => {
  killAllPlugins();
  process.exit(1);
}, 120_000);

/** Runs `f` while a 10 ms interval ticks; returns its outcome, its duration and the longest gap between ticks. */
async function ticking<T>(f: () => Promise<T>): Promise<{ result: T | undefined; error: unknown; ms: number; maxGapMs: number }> {
  let last = performance.now();
  let maxGapMs = 0;
  const iv = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  }, 10);
  const t0 = performance.now();
  let result: T | undefined;
  let error: unknown;
  try {
    result = await f();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  clearInterval(iv);
  maxGapMs = Math.max(maxGapMs, performance.now() - last);
  return { result, error, ms, maxGapMs };
}

test('an expensive Execute answer: the 5 s call timeout fires on time, timers keep ticking', async () => {
  const env = { ...pluginEnvironment(), FAKE_SET_SIZE: '60000', FAKE_SET_ZEROS: '40' };
  const s = await startSession(
    process.execPath,
    [hostile, 'expensive-value'],
    { protocol: 'protobuf', env, callTimeoutMs: 5000, closeGraceMs: 100 },
    { kind: 'datasource', component: 'hostile' },
  );
  try {
    const r = await ticking(() => s.datasource().execute());
    console.log(
      `  settled after ${Math.round(r.ms)} ms, longest timer gap ${Math.round(r.maxGapMs)} ms, ${r.error ? `error ${(r.error as HostError).code}` : 'decoded'}`,
    );
    assert.ok(r.maxGapMs < 1000, `the event loop was blocked for ${Math.round(r.maxGapMs)} ms`);
    if (r.error) {
      assert.instance(r.error, HostError);
      // timeout: the worker was stopped at the call's deadline; payload: it went past its heap cap
      assert.ok(['timeout', 'payload'].includes((r.error as HostError).code), String(r.error));
      if ((r.error as HostError).code === 'timeout') assert.ok(r.ms >= 4500 && r.ms < 9000, `timeout after ${Math.round(r.ms)} ms (call timeout 5000 ms)`);
      else assert.ok(r.ms < 9000);
    } else {
      // The codecs became fast enough to decode it within the timeout: then it must be right.
      assert.is(r.result!.value.type.kind, 'set');
      assert.ok(r.ms < 9000);
    }
  } finally {
    await s.close();
  }
});

test('a large value decoded in a worker equals the value decoded in place', async () => {
  const v: CtyValue = {
    type: T.object({ n: T.list(T.Number), s: T.set(T.String), u: T.Number, m: T.map(T.Bool), t: T.tuple([]), d: T.DynamicPseudoType }),
    raw: new Map<string, never>([
      ['n', Array.from({ length: 600 }, (_, i) => parseNumberText(`${i}.5e${i % 40}`)) as never],
      ['s', ['a', 'b'] as never],
      ['u', Unknown.plain as never],
      ['m', new Map([['x', true]]) as never],
      ['t', [] as never],
      ['d', null as never],
    ]),
  };
  const bytes = marshalCtyMsgpack(v, T.DynamicPseudoType);
  assert.ok(bytes.length >= 4096, `${bytes.length} bytes: enough for the worker`);
  const inPlace = decodeValuePayload(bytes, 'protobuf');
  const viaWorker = await decodeValueOffThread(bytes, 'protobuf', { workerBytes: 1 });
  assert.equal(viaWorker, inPlace);
  assert.equal(marshalCtyMsgpack(viaWorker, T.DynamicPseudoType), bytes);
});

test('pack/revive keeps identities: primitive types, nil tuple lists, Unknown.plain', () => {
  const t = revivePayload(structuredClone(packPayload(T.object({ a: T.String, b: T.tuple(NIL_TYPE_LIST), c: T.DynamicPseudoType })))) as {
    attrs: Map<string, unknown>;
  };
  assert.ok(t.attrs.get('a') === T.String);
  assert.ok((t.attrs.get('b') as { elems: unknown }).elems === NIL_TYPE_LIST);
  assert.ok(t.attrs.get('c') === T.DynamicPseudoType);
  assert.ok(revivePayload(structuredClone(packPayload(Unknown.plain))) === Unknown.plain);
});

test('a spec decoded in a worker equals the spec decoded in place; bad bytes are a payload error with the WireError', async () => {
  const spec: ObjectSpec = { kind: 'object', attrs: new Map([['a', { kind: 'attr', name: 'a', type: T.list(T.String), required: true }]]) };
  for (const mode of ['gob', 'protobuf'] as const) {
    const bytes = encodeConfigSpec(spec, mode);
    assert.equal(await decodeSpecOffThread(bytes, mode, 'ConfigSpec', { workerBytes: 1 }), decodeSpecPayload(bytes, mode));
  }
  try {
    await decodeSpecOffThread(Uint8Array.of(0xff, 0xff, 0xff), 'gob', 'ConfigSpec', { workerBytes: 1 });
    assert.unreachable('garbage decoded');
  } catch (e) {
    assert.instance(e, HostError);
    assert.is((e as HostError).code, 'payload');
    assert.is(((e as HostError).cause as { codec?: string }).codec, 'gob');
  }
});

test('a WorkerGate runs at most max at once, the rest in order', async () => {
  const gate = new WorkerGate(2);
  let running = 0;
  let most = 0;
  const order: number[] = [];
  await Promise.all(
    [0, 1, 2, 3, 4].map((i) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 10));
        order.push(i);
        running--;
      }),
    ),
  );
  assert.is(most, 2);
  assert.equal([...order].sort(), [0, 1, 2, 3, 4]);
  assert.equal(order.slice(2), [2, 3, 4]);
});

test.after(() => {
  clearTimeout(guard);
  killAllPlugins();
});

test.run();
