/**
 * The fast paths change nothing but speed: on Go's bytes, a header or struct key the fast path
 * does not take (the same key as str8 instead of fixstr, which ugorji also reads) decodes to the
 * same message through the generic decoder; `[]byte` values are views of the input unless
 * `copyBytes`, and the frame reader's are copies that later bytes cannot change.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { vector, vectors, type LoadedVector } from '../../testkit/vectors.js';
import { rpcFamily } from './family.js';
import { decodeMessage, decodeResponse, readHeader, type RpcMessage } from './frame.js';
import { RpcFrameReader } from './reader.js';
import { ByteReader } from '../wire/reader.js';

const CONFIGSPEC = 'rpc/harness-rpc-builder-configspec-resp-gob';

const view = (m: RpcMessage) => ({ direction: m.direction, header: m.header, body: m.body, bodyType: m.bodyType.name, nilBody: m.nilBody ?? false });

/** bytes with the fixstr at `at` rewritten as a str8 of the same text (ugorji reads both). */
function asStr8(bytes: Uint8Array, at: number): Uint8Array {
  const b = bytes[at]!;
  if (b < 0xa0 || b > 0xbf) throw new Error(`no fixstr at ${at}`);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes.subarray(0, at));
  out[at] = 0xd9;
  out[at + 1] = b & 0x1f;
  out.set(bytes.subarray(at + 1), at + 2);
  return out;
}

const rpcVectors = (): LoadedVector[] => vectors('rpc');

test('a header the fast path leaves (first key as str8) reads the same through the generic decoder', () => {
  let n = 0;
  for (const v of rpcVectors()) {
    if ((v.bytes[0] !== 0x82 && v.bytes[0] !== 0x83) || v.bytes[1] !== 0xad) continue;
    const want = view(rpcFamily.decode(v.bytes, v.ctx));
    assert.equal(view(rpcFamily.decode(asStr8(v.bytes, 1), v.ctx)), want, v.id);
    n++;
  }
  assert.ok(n > 20, `only ${n} vectors checked`);
});

test('a struct body whose first key the fast path does not match reads the same', () => {
  let n = 0;
  for (const v of rpcVectors()) {
    const r = new ByteReader(v.bytes, 'rpc');
    readHeader(r);
    const at = r.pos;
    const b = v.bytes[at]!;
    const k = v.bytes[at + 1];
    if (b < 0x81 || b > 0x8f || k === undefined || k < 0xa0 || k > 0xbf) continue;
    const m = rpcFamily.decode(v.bytes, v.ctx);
    if (m.bodyType.kind !== 'struct') continue;
    assert.equal(view(rpcFamily.decode(asStr8(v.bytes, at + 1), v.ctx)), view(m), v.id);
    n++;
  }
  assert.ok(n > 5, `only ${n} vectors checked`);
});

test('[]byte values are views of the input by default, copies with copyBytes', () => {
  const v = vector(CONFIGSPEC);
  const input = v.bytes.slice();
  const viewed = (decodeResponse(input).body as { ConfigSpec: Uint8Array }).ConfigSpec;
  const copied = (decodeResponse(input, { copyBytes: true }).body as { ConfigSpec: Uint8Array }).ConfigSpec;
  assert.equal(copied, viewed);
  assert.ok(viewed.length > 100);
  assert.is(viewed.buffer, input.buffer, 'default: a view of the input');
  assert.is.not(copied.buffer, input.buffer, 'copyBytes: a buffer of its own');
  const before = copied.slice();
  input.fill(0);
  assert.equal(copied, before);
  assert.ok(
    viewed.every((x) => x === 0),
    'the view follows its input',
  );
});

test('the frame reader hands out copies: later pushes (which reuse its buffer) leave earlier messages alone', () => {
  // Go's messages that decode without context, each pushed and read before the next arrives.
  const msgs = rpcVectors().filter((v) => {
    try {
      decodeMessage(v.bytes);
      return true;
    } catch {
      return false;
    }
  });
  assert.ok(msgs.filter((v) => v.id === CONFIGSPEC).length === 1 && msgs.length > 20);
  const rd = new RpcFrameReader();
  const got: RpcMessage[] = [];
  for (const v of [...msgs, ...msgs]) {
    const chunk = v.bytes.slice();
    rd.push(chunk);
    chunk.fill(0xc1);
    for (const m of rd.messages()) got.push(m);
  }
  assert.is(got.length, msgs.length * 2);
  got.forEach((m, i) => assert.equal(view(m), view(decodeMessage(msgs[i % msgs.length]!.bytes.slice())), msgs[i % msgs.length]!.id));
});

test.run();
