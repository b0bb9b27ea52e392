import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WireError } from '../../codecs/wire/index.js';
import { Flag, FrameType, INITIAL_STREAM_WINDOW, encodeHeader } from '../../codecs/yamux/frame.js';
import { YamuxSession } from './session.js';
import { MuxBroker } from './broker.js';
import { readExactly } from './read.js';
import { duplexPair } from '../../testkit/yamux/testing.js';
import { readTranscriptRecords, replayTranscript } from '../../codecs/yamux/replay.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads n bytes in flowing mode (a single read(n) above the 256 KiB window could never complete). */
function drain(s: NodeJS.ReadableStream, n: number): Promise<void> {
  let got = 0;
  return new Promise((resolve) => {
    const on = (b: Buffer) => {
      got += b.length;
      if (got >= n) {
        s.off('data', on);
        s.pause();
        resolve();
      }
    };
    s.on('data', on);
  });
}

/** Builds a transcript file from records (the vector format: dir byte, uint32 BE length, bytes). */
function transcriptFile(records: Array<[0 | 1, Uint8Array]>): Uint8Array {
  const size = records.reduce((n, [, b]) => n + 5 + b.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let o = 0;
  for (const [dir, b] of records) {
    out[o] = dir;
    view.setUint32(o + 1, b.length, false);
    out.set(b, o + 5);
    o += 5 + b.length;
  }
  return out;
}

const hdr = (type: FrameType, flags: number, id: number, len: number) => encodeHeader(type, flags, id, len);
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const le = (id: number) => Uint8Array.of(id & 0xff, (id >>> 8) & 0xff, (id >>> 16) & 0xff, id >>> 24);
const pattern = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

function wireError(fn: () => unknown, re: RegExp): WireError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, WireError);
    assert.is((e as WireError).codec, 'yamux');
    assert.match((e as WireError).reason, re);
    return e as WireError;
  }
  return assert.unreachable('expected a WireError') as never;
}

test('records: split as written; truncated, oversized and bad-direction records are WireErrors', () => {
  const file = transcriptFile([
    [0, Uint8Array.of(1, 2)],
    [1, new Uint8Array(0)],
    [0, Uint8Array.of(3)],
  ]);
  const r = readTranscriptRecords(file);
  assert.equal(
    r.map((x) => [x.side, Array.from(x.bytes), x.fileOffset]),
    [
      ['host', [1, 2], 5],
      ['plugin', [], 12],
      ['host', [3], 17],
    ],
  );
  wireError(() => readTranscriptRecords(file.subarray(0, 3)), /truncated transcript record header/);
  wireError(() => readTranscriptRecords(file.subarray(0, 6)), /record of 2 bytes but only 1 left/);
  const bad = file.slice();
  bad[0] = 2;
  wireError(() => readTranscriptRecords(bad), /direction 2/);
});

test('a recorded session of our own client and server replays into the bytes each side wrote', async () => {
  const records: Array<[0 | 1, Uint8Array]> = [];
  const [a, b] = duplexPair((from, bytes) => records.push([from === 'a' ? 0 : 1, bytes]));
  const host = new MuxBroker(new YamuxSession(a, { client: true, keepAlive: false }));
  const plugin = new MuxBroker(new YamuxSession(b, { client: false, keepAlive: false }));
  host.run();
  plugin.run();
  // main connection: host dials 0, plugin accepts
  const [main, served] = await Promise.all([host.dial(0), plugin.accept(0)]);
  const request = pattern(300_000, 1); // more than one window: window updates must flow
  const response = pattern(70_000, 2);
  main.write(request);
  await drain(served, request.length);
  served.write(response);
  await drain(main, response.length);
  // the host serves something on its own id 1, the plugin dials it (Builder.Run's Ui/hook)
  const uiId = host.nextId();
  const [uiServed, uiDialled] = await Promise.all([host.accept(uiId), plugin.dial(uiId)]);
  uiDialled.write(Uint8Array.of(7, 7));
  await readExactly(uiServed, 2, 1000);
  uiServed.write(Uint8Array.of(8));
  await readExactly(uiDialled, 1, 1000);
  uiDialled.end();
  uiServed.end();
  main.end();
  served.end();
  await sleep(30);
  host.close();
  plugin.close();

  const replay = replayTranscript(transcriptFile(records));
  assert.is(replay.streams.length, 2);
  const m = replay.main!;
  assert.ok(m);
  assert.equal([m.yamuxId, m.opener, m.brokerId, m.ack, m.acked], [1, 'host', 0, 0, true]);
  assert.equal(m.bytes.host, request);
  assert.equal(m.bytes.plugin, response);
  assert.equal(m.fin, { host: true, plugin: true });
  const ui = replay.stream('plugin', uiId)!;
  assert.equal([ui.yamuxId, ui.opener, ui.brokerId, ui.ack], [2, 'plugin', 1, 1]);
  assert.equal(Array.from(ui.bytes.plugin), [7, 7]);
  assert.equal(Array.from(ui.bytes.host), [8]);
  assert.is(replay.stream('host', 1), undefined);
  // chunks keep the order of the whole session
  const frames = m.chunks.map((c) => c.frame);
  assert.equal(
    frames,
    [...frames].sort((x, y) => x - y),
  );
  assert.is(replay.totals.host, request.length + 4 + 1 + 4);
  // window updates from the plugin were needed for 300 000 bytes
  assert.ok(replay.frames.some((f) => f.side === 'plugin' && f.type === FrameType.WindowUpdate && f.flags === 0 && f.streamId === 1));
});

test('replay refuses what Go never sends', () => {
  const syn = (id: number) => hdr(FrameType.WindowUpdate, Flag.SYN, id, 0);
  const run = (records: Array<[0 | 1, Uint8Array]>) => replayTranscript(transcriptFile(records));
  wireError(() => run([[0, cat(syn(1), syn(1))]]), /duplicate SYN for stream 1/);
  wireError(() => run([[0, syn(2)]]), /not one the host may open/);
  wireError(() => run([[1, syn(1)]]), /not one the plugin may open/);
  wireError(
    () =>
      run([
        [0, syn(1)],
        [0, hdr(FrameType.WindowUpdate, Flag.ACK, 1, 0)],
      ]),
    /ACK from the opener/,
  );
  wireError(() => run([[0, cat(hdr(FrameType.Data, 0, 3, 2), Uint8Array.of(1, 2))]]), /Data flags=0 stream=3 length=2 for unknown stream/);
  wireError(() => run([[1, hdr(FrameType.WindowUpdate, 0, 5, 0)]]), /unknown stream/);
  wireError(
    () =>
      run([
        [0, syn(1)],
        [0, cat(hdr(FrameType.Data, 0, 1, INITIAL_STREAM_WINDOW), new Uint8Array(INITIAL_STREAM_WINDOW))],
        [0, cat(hdr(FrameType.Data, 0, 1, 1), Uint8Array.of(9))],
      ]),
    /sent 262145 bytes on stream 1 but was only granted a window of 262144/,
  );
  wireError(
    () =>
      run([
        [0, syn(1)],
        [1, hdr(FrameType.WindowUpdate, Flag.ACK, 1, 1)],
      ]),
    /granted 1 bytes of window on stream 1 but received only 0/,
  );
  // one frame larger than any window is refused as soon as its header is read
  wireError(
    () =>
      run([
        [0, syn(1)],
        [0, hdr(FrameType.Data, 0, 1, INITIAL_STREAM_WINDOW + 1)],
      ]),
    /exceeds the receive window/,
  );
  // the recorder may log the peer's ACK before the SYN that caused it: that is accepted
  assert.is(
    run([
      [1, hdr(FrameType.WindowUpdate, Flag.ACK, 1, 0)],
      [0, syn(1)],
    ]).streams[0]!.acked,
    true,
  );
  wireError(
    () =>
      run([
        [0, syn(1)],
        [0, hdr(FrameType.WindowUpdate, Flag.FIN, 1, 0)],
        [0, cat(hdr(FrameType.Data, 0, 1, 1), Uint8Array.of(0))],
      ]),
    /Data after FIN/,
  );
  wireError(
    () =>
      run([
        [0, syn(1)],
        [0, hdr(FrameType.WindowUpdate, Flag.FIN, 1, 0)],
        [0, hdr(FrameType.WindowUpdate, Flag.FIN, 1, 0)],
      ]),
    /second FIN/,
  );
  wireError(() => run([[0, syn(1).subarray(0, 7)]]), /input ends inside a frame header/);
  // after a window update the sender may use the room it was given
  const ok = run([
    [0, syn(1)],
    [0, cat(hdr(FrameType.Data, 0, 1, INITIAL_STREAM_WINDOW), new Uint8Array(INITIAL_STREAM_WINDOW))],
    [1, hdr(FrameType.WindowUpdate, Flag.ACK, 1, 200_000)],
    [0, cat(hdr(FrameType.Data, 0, 1, 200_000), new Uint8Array(200_000))],
  ]);
  assert.is(ok.totals.host, INITIAL_STREAM_WINDOW + 200_000);
});

test('broker ids cut anywhere: the id and the ack may arrive split across frames', () => {
  const r = replayTranscript(
    transcriptFile([
      [0, cat(hdr(FrameType.WindowUpdate, Flag.SYN, 1, 0), hdr(FrameType.Data, 0, 1, 1), le(5).subarray(0, 1))],
      [0, cat(hdr(FrameType.Data, 0, 1, 5), le(5).subarray(1), Uint8Array.of(0xaa, 0xbb))],
      [1, cat(hdr(FrameType.WindowUpdate, Flag.ACK, 1, 0), hdr(FrameType.Data, 0, 1, 6), le(5), Uint8Array.of(0xcc, 0xdd))],
    ]),
  );
  const s = r.stream('host', 5)!;
  assert.equal([s.brokerId, s.ack], [5, 5]);
  assert.equal(Array.from(s.bytes.host), [0xaa, 0xbb]);
  assert.equal(Array.from(s.bytes.plugin), [0xcc, 0xdd]);
  assert.is(r.main, undefined);
});

test.run();
