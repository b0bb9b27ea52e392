/**
 * Session limits (limits.ts): a peer that opens too many streams, leaves too many bytes unread,
 * floods pings or SYNs, or does not read what we send ends the session with ErrLimitExceeded;
 * Data frames wait for the transport's drain; a stream we destroy is forgotten at once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Duplex } from 'node:stream';
import { Flag, FrameType, encodeHeader } from '../../codecs/yamux/frame.js';
import { YamuxSession, type SessionOptions } from './session.js';
import { YamuxError } from '../../codecs/yamux/errors.js';
import type { SessionLimits } from './limits.js';

/** A transport whose writes complete only when `release()` is called (a peer that does not read). */
class SlowPeer extends Duplex {
  readonly written: Uint8Array[] = [];
  private held: Array<() => void> = [];
  reading = false;
  override _read(): void {}
  override _write(chunk: Buffer, _e: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.written.push(new Uint8Array(chunk));
    if (this.reading) cb();
    else this.held.push(() => cb());
  }
  release(): void {
    this.reading = true;
    for (const cb of this.held.splice(0)) cb();
  }
  send(type: number, flags: number, id: number, length: number, data?: Uint8Array): void {
    this.push(encodeHeader(type as 0, flags, id, length));
    if (data) this.push(data);
  }
  get bytesWritten(): number {
    return this.written.reduce((n, b) => n + b.length, 0);
  }
}

function session(limits: Partial<SessionLimits>, reading = true, opts: Partial<SessionOptions> = {}) {
  const peer = new SlowPeer();
  peer.reading = reading;
  const s = new YamuxSession(peer, { client: true, keepAlive: false, limits, ...opts });
  return { peer, s };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function limitError(s: YamuxSession): Promise<YamuxError> {
  let t: NodeJS.Timeout | undefined;
  const e = await Promise.race([s.closed, new Promise<null>((r) => (t = setTimeout(() => r(null), 3000)))]);
  clearTimeout(t);
  assert.instance(e, YamuxError, `expected the session to end with a YamuxError, got ${String(e)}`);
  assert.is((e as YamuxError).code, 'ErrLimitExceeded', (e as Error).message);
  return e as YamuxError;
}

test('maxStreams: one stream more than the limit ends the session', async () => {
  const { peer, s } = session({ maxStreams: 4 });
  for (let id = 2; id <= 8; id += 2) peer.send(FrameType.WindowUpdate, Flag.SYN, id, 0);
  await sleep(10);
  assert.is(s.isClosed, false, 'four streams are allowed');
  peer.send(FrameType.WindowUpdate, Flag.SYN, 10, 0);
  assert.match((await limitError(s)).message, /stream 10 with 4 streams open/);
});

test('maxBufferedBytes: unread bytes of every stream count together', async () => {
  const { peer, s } = session({ maxBufferedBytes: 500_000 });
  const chunk = new Uint8Array(200_000);
  for (const id of [2, 4]) peer.send(FrameType.Data, Flag.SYN, id, chunk.length, chunk);
  await sleep(10);
  assert.is(s.isClosed, false, '400 000 bytes are allowed');
  assert.is(s.budget.used, 400_000);
  peer.send(FrameType.Data, Flag.SYN, 6, chunk.length, chunk);
  assert.match((await limitError(s)).message, /bytes buffered, more than the 500000-byte session limit/);
});

test('reading frees budget; a destroyed stream is forgotten at once, its bytes released', async () => {
  const { peer, s } = session({ maxBufferedBytes: 500_000 });
  peer.send(FrameType.Data, Flag.SYN, 2, 200_000, new Uint8Array(200_000));
  const st = await s.accept();
  await sleep(10);
  assert.is(s.budget.used, 200_000);
  st.read(50_000);
  assert.is(s.budget.used, 150_000);
  st.destroy();
  assert.is(s.numStreams, 0, 'no waiting for the peer FIN');
  assert.is(s.budget.used, 0);
  // Later frames for it are drained or dropped; the session goes on.
  peer.send(FrameType.Data, 0, 2, 10, new Uint8Array(10));
  peer.send(FrameType.WindowUpdate, Flag.FIN, 2, 0);
  await sleep(10);
  assert.is(s.isClosed, false);
  s.close();
});

test('maxControlFramesPerSecond: a ping flood ends the session', async () => {
  const { peer, s } = session({ maxControlFramesPerSecond: 50 });
  for (let i = 0; i < 40; i++) peer.send(FrameType.Ping, Flag.SYN, 0, i);
  await sleep(10);
  assert.is(s.isClosed, false);
  for (let i = 0; i < 40; i++) peer.send(FrameType.Ping, Flag.SYN, 0, i);
  assert.match((await limitError(s)).message, /pings and stream opens in one second/);
});

test('maxQueuedWriteBytes: a peer that sends pings and reads nothing', async () => {
  const { peer, s } = session({ maxQueuedWriteBytes: 1200, writeHighWaterBytes: 120, maxControlFramesPerSecond: 1e9 }, false);
  for (let i = 0; i < 200; i++) peer.send(FrameType.Ping, Flag.SYN, 0, i);
  assert.match((await limitError(s)).message, /does not read: \d+ bytes queued/);
  assert.ok(peer.bytesWritten <= 1200 + 12, `${peer.bytesWritten} bytes went to the transport`);
});

test('Data frames wait for the drain; frames keep their order', async () => {
  const { peer, s } = session({ writeHighWaterBytes: 1000 }, false);
  const st = await s.open();
  peer.send(FrameType.WindowUpdate, Flag.ACK, st.id, 0);
  await sleep(5);
  const body = new Uint8Array(100_000).fill(7);
  let done = false;
  st.write(body);
  st.write(body, () => (done = true));
  await sleep(20);
  const before = peer.bytesWritten;
  assert.ok(before < 100_000 + 100, `only the first frame went out while congested (${before} bytes)`);
  assert.is(done, false, 'the second write waits');
  peer.release();
  await sleep(20);
  assert.is(done, true);
  // All of it, in order: SYN update, then Data frames whose payload sums to 200 000.
  const all = Buffer.concat(peer.written);
  let at = 12;
  let data = 0;
  while (at < all.length) {
    assert.is(all[at + 1], FrameType.Data);
    const len = all.readUInt32BE(at + 8);
    data += len;
    at += 12 + len;
  }
  assert.is(data, 200_000);
  s.close();
});

test.run();
