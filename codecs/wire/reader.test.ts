import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ByteReader } from './reader.js';
import { ByteWriter } from './writer.js';
import { WireError } from './errors.js';

const r = (bytes: number[]) => new ByteReader(Uint8Array.from(bytes), 'protobuf');

test('readVarint: one and multi byte LEB128', () => {
  assert.is(r([0x00]).readVarint(), 0);
  assert.is(r([0x7f]).readVarint(), 127);
  assert.is(r([0xac, 0x02]).readVarint(), 300);
  assert.is(r([0xff, 0xff, 0xff, 0xff, 0x0f]).readVarint(), 0xffffffff);
});

test('readVarint64: max uint64', () => {
  assert.is(r([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]).readVarint64(), 0xffffffffffffffffn);
});

test('readVarint64: 11-byte and overflowing varints are WireErrors', () => {
  assert.throws(
    () => r([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]).readVarint64(),
    (e: unknown) => e instanceof WireError && /overflows/.test(e.reason),
  );
});

test('truncated reads name codec and offset', () => {
  try {
    r([0x01, 0x80]).readBytes(5, 'field');
    assert.unreachable();
  } catch (e) {
    assert.instance(e, WireError);
    const w = e as WireError;
    assert.is(w.codec, 'protobuf');
    assert.is(w.offset, 0);
    assert.match(w.reason, /truncated field/);
  }
  const rd = r([0x80, 0x80]);
  assert.throws(
    () => rd.readVarint(),
    (e: unknown) => e instanceof WireError && /truncated varint/.test(e.reason),
  );
});

test('readUtf8 rejects invalid UTF-8 and accepts multi-byte', () => {
  const b = new TextEncoder().encode('héllo ☃ 𝄞');
  assert.is(b.length, 15);
  assert.is(new ByteReader(b, 'msgpack').readUtf8(15), 'héllo ☃ 𝄞');
  assert.throws(
    () => r([0xc3, 0x28]).readUtf8(2),
    (e: unknown) => e instanceof WireError && /invalid UTF-8/.test(e.reason),
  );
});

test('ByteWriter: varints round-trip through ByteReader, buffer grows', () => {
  const w = new ByteWriter(1);
  const vals = [0, 1, 127, 128, 300, 2 ** 31, 2 ** 53 - 1];
  for (const v of vals) w.writeVarint(v);
  w.writeVarint64(0xffffffffffffffffn);
  w.writeUtf8('ascii and ünïcödé');
  const rd = new ByteReader(w.finish(), 'protobuf');
  for (const v of vals) assert.is(rd.readVarint(), v);
  assert.is(rd.readVarint64(), 0xffffffffffffffffn);
  assert.is(rd.readUtf8(rd.remaining), 'ascii and ünïcödé');
});

test.run();
