/** RpcFrameReader: message boundaries found by parsing, for any chunking of the byte stream. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { RpcFrameReader } from './reader.js';
import { decodeMessage, encodeRequest, type RpcMessage } from './frame.js';
import { rpcFamily } from './family.js';
import { rpcMessage } from '../../testkit/rpc/arbitraries.js';
import { WireError } from '../wire/errors.js';

const encode = (m: RpcMessage): Uint8Array => rpcFamily.encode(m, {});

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Cut points -> chunks of `bytes`. */
function chunksOf(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
}

const strip = (m: RpcMessage) => ({ direction: m.direction, header: m.header, body: m.body, bodyType: m.bodyType.name, nilBody: m.nilBody ?? false });

test('any chunking of a message sequence gives the same messages', () => {
  fc.assert(
    fc.property(fc.array(rpcMessage(), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 40 }), (msgs, cuts) => {
      const parts = msgs.map(encode);
      const want = parts.map((p) => strip(decodeMessage(p)));
      const rd = new RpcFrameReader();
      const got: ReturnType<typeof strip>[] = [];
      for (const c of chunksOf(concat(parts), cuts)) {
        rd.push(c);
        for (const m of rd.messages()) got.push(strip(m));
      }
      rd.finish();
      assert.equal(got, want);
      assert.is(rd.buffered, 0);
    }),
    { numRuns: 300 },
  );
});

test('one byte at a time: waits on every strict prefix, yields exactly at the end', () => {
  fc.assert(
    fc.property(rpcMessage(), (m) => {
      const bytes = encode(m);
      const rd = new RpcFrameReader();
      for (let i = 0; i < bytes.length - 1; i++) {
        rd.push(bytes.subarray(i, i + 1));
        assert.is(rd.next(), undefined);
      }
      rd.push(bytes.subarray(bytes.length - 1));
      const got = rd.next();
      assert.ok(got);
      assert.equal(strip(got!), strip(decodeMessage(bytes)));
      assert.is(rd.next(), undefined);
    }),
    { numRuns: 60 },
  );
});

test('finish() inside a message is a WireError', () => {
  const bytes = encodeRequest({ serviceMethod: 'Ui.Say', seq: 1 }, 'hello');
  const rd = new RpcFrameReader();
  rd.push(bytes.subarray(0, bytes.length - 2));
  assert.is(rd.next(), undefined);
  try {
    rd.finish();
    assert.unreachable();
  } catch (e) {
    assert.instance(e, WireError);
    assert.is((e as WireError).codec, 'rpc');
    assert.is((e as WireError).offset, bytes.length - 2);
    assert.match((e as WireError).reason, /stream ended inside a message/);
  }
});

test('bytes that can never be valid fail at their stream offset, and the reader stays failed', () => {
  const a = encodeRequest({ serviceMethod: 'Ui.Say', seq: 1 }, 'one');
  const b = encodeRequest({ serviceMethod: 'Ui.Say', seq: 2 }, 'two');
  const rd = new RpcFrameReader();
  rd.push(concat([a, b, Uint8Array.of(0xc1)]));
  assert.ok(rd.next());
  assert.ok(rd.next());
  let err: unknown;
  try {
    rd.next();
  } catch (e) {
    err = e;
  }
  assert.instance(err, WireError);
  assert.is((err as WireError).offset, a.length + b.length);
  assert.match((err as WireError).reason, /0xc1/);
  assert.throws(
    () => rd.push(Uint8Array.of(0x80)),
    (e: unknown) => e === err,
  );
  assert.throws(
    () => rd.next(),
    (e: unknown) => e === err,
  );
});

test('a declared length past maxMessageBytes fails at once instead of waiting', () => {
  const rd = new RpcFrameReader({ maxMessageBytes: 1 << 20 });
  // request header map, ServiceMethod key, then a str32 claiming 4 GiB
  const head = encodeRequest({ serviceMethod: 'Ui.Say', seq: 1 }, 'x');
  const keyEnd = 1 + 1 + 'ServiceMethod'.length;
  rd.push(head.subarray(0, keyEnd));
  rd.push(Uint8Array.of(0xdb, 0xff, 0xff, 0xff, 0xff));
  assert.throws(
    () => rd.next(),
    (e: unknown) => e instanceof WireError && e.codec === 'rpc' && e.offset === keyEnd && /limit/.test(e.reason),
  );
});

test('after a large message the idle reader gives its big buffer back', () => {
  const rd = new RpcFrameReader();
  const big = encodeRequest({ serviceMethod: 'Ui.Say', seq: 1 }, 'x'.repeat(1 << 20));
  for (let i = 0; i < big.length; i += 7000) rd.push(big.subarray(i, i + 7000));
  assert.ok(rd.capacity >= 1 << 20, `capacity ${rd.capacity} while the message is buffered`);
  const first = rd.next();
  assert.ok(first !== undefined);
  assert.is((first.body as string).length, 1 << 20);
  assert.is(rd.buffered, 0);
  assert.ok(rd.capacity <= 64 * 1024, `capacity ${rd.capacity} after it was read`);
  rd.push(encodeRequest({ serviceMethod: 'Ui.Say', seq: 2 }, 'y'));
  assert.is(rd.next()?.body, 'y');
});

test('a huge declared element count fails at once', () => {
  const rd = new RpcFrameReader({ maxMessageBytes: 1 << 16 });
  rd.push(Uint8Array.of(0xdd, 0x7f, 0xff, 0xff, 0xff));
  assert.throws(
    () => rd.next(),
    (e: unknown) => e instanceof WireError && e.offset === 0 && /items/.test(e.reason),
  );
});

test('deep nesting fails in the scanner without recursion', () => {
  const rd = new RpcFrameReader();
  rd.push(new Uint8Array(200_000).fill(0x91));
  assert.throws(
    () => rd.next(),
    (e: unknown) => e instanceof WireError && /nesting deeper than/.test(e.reason),
  );
});

test('a wrong body type found after scanning is a WireError at its offset', () => {
  const good = encodeRequest({ serviceMethod: 'Builder.Run', seq: 3 }, 7);
  const bad = concat([good.subarray(0, good.length - 1), Uint8Array.of(0xa1, 0x78)]); // body "x" instead of uint32
  const rd = new RpcFrameReader();
  rd.push(concat([good, bad]));
  assert.ok(rd.next());
  assert.throws(
    () => rd.next(),
    (e: unknown) => e instanceof WireError && e.offset === good.length + good.length - 1 && /expected uint32, got str/.test(e.reason),
  );
});

test.run();
