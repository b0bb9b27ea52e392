import { test } from 'uvu';
import fc from 'fast-check';
import * as assert from 'uvu/assert';
import type { Duplex } from 'node:stream';
import { WireError } from '../../codecs/wire/index.js';
import { Flag, FrameType, GoAwayCode, INITIAL_STREAM_WINDOW, encodeHeader, type FrameHeader } from '../../codecs/yamux/frame.js';
import { FrameParser, type Frame } from '../../codecs/yamux/parser.js';
import { YamuxSession, type FrameEvent, type SessionOptions } from './session.js';
import type { YamuxStream } from './stream.js';
import { YamuxError } from '../../codecs/yamux/errors.js';
import { duplexPair } from '../../testkit/yamux/testing.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, what: string, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** Awaits a promise while keeping the event loop alive (the session's own timers are unref'd). */
async function within<T>(p: Promise<T>, ms = 3000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`no result within ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

type Sent = Array<Omit<FrameHeader, 'version'> & { n?: number }>;

function pair(clientOpts: Partial<SessionOptions> = {}, serverOpts: Partial<SessionOptions> = {}) {
  const [a, b] = duplexPair();
  const client = new YamuxSession(a, { client: true, keepAlive: false, ...clientOpts });
  const server = new YamuxSession(b, { client: false, keepAlive: false, ...serverOpts });
  const sent = { client: [] as Sent, server: [] as Sent };
  const log = (into: Sent) => (e: FrameEvent) => {
    if (e.dir === 'out') into.push({ type: e.header.type, flags: e.header.flags, streamId: e.header.streamId, length: e.header.length });
  };
  client.onFrame = log(sent.client);
  server.onFrame = log(sent.server);
  return { client, server, sent, close: () => (client.close(), server.close()) };
}

/** A session facing a raw peer: we write frames by hand and read what the session answers. */
function rawPeer(opts: Partial<SessionOptions> = {}) {
  const [a, b] = duplexPair();
  const session = new YamuxSession(a, { client: true, keepAlive: false, ...opts });
  const got: Frame[] = [];
  const parser = new FrameParser((f) => got.push({ ...f, data: f.data ? f.data.slice() : null }));
  let ended = false;
  b.on('data', (c: Uint8Array) => parser.push(c));
  b.on('end', () => (ended = true));
  b.on('error', () => {});
  const send = (type: FrameType, flags: number, streamId: number, length: number, data?: Uint8Array) => {
    b.write(encodeHeader(type, flags, streamId, length));
    if (data) b.write(data);
  };
  return { session, raw: b as Duplex, got, send, ended: () => ended };
}

function collect(s: YamuxStream): { bytes: () => Uint8Array; ended: Promise<void> } {
  const parts: Buffer[] = [];
  s.on('data', (b: Buffer) => parts.push(b));
  const ended = new Promise<void>((r) => s.on('end', () => r()));
  return { bytes: () => new Uint8Array(Buffer.concat(parts)), ended };
}

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 0xff);

test('open sends WindowUpdate SYN delta 0 on odd ids; accept answers WindowUpdate ACK delta 0', async () => {
  const { client, server, sent, close } = pair();
  const s1 = await client.open();
  const s3 = await client.open();
  assert.is(s1.id, 1);
  assert.is(s3.id, 3);
  const a1 = await server.accept();
  const a3 = await server.accept();
  assert.is(a1.id, 1);
  assert.is(a3.id, 3);
  await until(() => sent.server.length === 2, 'acks');
  assert.equal(sent.client, [
    { type: FrameType.WindowUpdate, flags: Flag.SYN, streamId: 1, length: 0 },
    { type: FrameType.WindowUpdate, flags: Flag.SYN, streamId: 3, length: 0 },
  ]);
  assert.equal(sent.server, [
    { type: FrameType.WindowUpdate, flags: Flag.ACK, streamId: 1, length: 0 },
    { type: FrameType.WindowUpdate, flags: Flag.ACK, streamId: 3, length: 0 },
  ]);
  const back = await server.open();
  assert.is(back.id, 2);
  close();
});

test('data both ways, FIN on end(), EOF on the other side, stream forgotten when both closed', async () => {
  const { client, server, sent, close } = pair();
  const c = await client.open();
  const sAcc = server.accept();
  c.write(Uint8Array.of(1, 2, 3));
  const s = await sAcc;
  const fromClient = collect(s);
  const fromServer = collect(c);
  s.write(Uint8Array.of(9));
  c.end();
  await fromClient.ended;
  assert.equal(Array.from(fromClient.bytes()), [1, 2, 3]);
  s.end();
  await fromServer.ended;
  assert.equal(Array.from(fromServer.bytes()), [9]);
  await until(() => client.numStreams === 0 && server.numStreams === 0, 'streams forgotten');
  const dataFrame = sent.client.find((f) => f.type === FrameType.Data)!;
  assert.equal(dataFrame, { type: FrameType.Data, flags: 0, streamId: 1, length: 3 });
  assert.ok(sent.client.some((f) => f.type === FrameType.WindowUpdate && f.flags === Flag.FIN && f.streamId === 1 && f.length === 0));
  assert.ok(sent.server.some((f) => f.type === FrameType.WindowUpdate && f.flags === Flag.FIN && f.streamId === 1));
  close();
});

test('flow control: 1 MiB in one write goes out in frames within the window, window updates of >= 128 KiB come back', async () => {
  const { client, server, sent, close } = pair();
  const c = await client.open();
  const big = pattern(1024 * 1024 + 17);
  const sAcc = server.accept();
  const written = new Promise<void>((r) => c.write(big, () => r()));
  const s = await sAcc;
  const got = collect(s);
  await written;
  c.end();
  await got.ended;
  assert.equal(got.bytes(), big);
  const data = sent.client.filter((f) => f.type === FrameType.Data);
  assert.ok(data.every((f) => f.length <= INITIAL_STREAM_WINDOW));
  assert.is(
    data.reduce((n, f) => n + f.length, 0),
    big.length,
  );
  const updates = sent.server.filter((f) => f.type === FrameType.WindowUpdate && f.flags === 0);
  assert.ok(updates.length >= 3, `window updates: ${updates.length}`);
  assert.ok(updates.every((f) => f.length >= INITIAL_STREAM_WINDOW / 2 && f.length <= INITIAL_STREAM_WINDOW));
  // in total, the sender used no more than the initial window plus what it was granted
  const granted = updates.reduce((n, u) => n + u.length, 0);
  assert.ok(big.length <= INITIAL_STREAM_WINDOW + granted);
  assert.ok(granted <= big.length, 'never granted more than was received');
  close();
});

test('a reader that does not read stalls the writer at exactly 256 KiB; reading resumes it', async () => {
  const { client, server, sent, close } = pair();
  const c = await client.open();
  const sAcc = server.accept();
  let done = false;
  const big = pattern(INITIAL_STREAM_WINDOW + 1000);
  c.write(big, () => (done = true));
  const s = await sAcc;
  await sleep(50);
  assert.is(done, false);
  const sentData = () => sent.client.filter((f) => f.type === FrameType.Data).reduce((n, f) => n + f.length, 0);
  assert.is(sentData(), INITIAL_STREAM_WINDOW);
  assert.is(s.readableLength, INITIAL_STREAM_WINDOW);
  // read a little: not enough for an update (needs 128 KiB freed)
  s.read(1000);
  await sleep(20);
  assert.is(sentData(), INITIAL_STREAM_WINDOW);
  assert.is(sent.server.filter((f) => f.type === FrameType.WindowUpdate && f.flags === 0).length, 0);
  // read past half the window: one update with the whole consumed amount
  s.read(INITIAL_STREAM_WINDOW / 2);
  await until(() => done, 'writer resumed');
  const updates = sent.server.filter((f) => f.type === FrameType.WindowUpdate && f.flags === 0);
  assert.equal(
    updates.map((u) => u.length),
    [1000 + INITIAL_STREAM_WINDOW / 2],
  );
  assert.is(sentData(), big.length);
  close();
});

test('ping: answered with Ping ACK on stream 0 carrying the same opaque value', async () => {
  const { client, sent, close } = pair();
  const rtt = await client.ping();
  assert.ok(rtt >= 0);
  await client.ping();
  assert.equal(sent.client, [
    { type: FrameType.Ping, flags: Flag.SYN, streamId: 0, length: 0 },
    { type: FrameType.Ping, flags: Flag.SYN, streamId: 0, length: 1 },
  ]);
  assert.equal(sent.server, [
    { type: FrameType.Ping, flags: Flag.ACK, streamId: 0, length: 0 },
    { type: FrameType.Ping, flags: Flag.ACK, streamId: 0, length: 1 },
  ]);
  close();
});

test('ping from the peer with an arbitrary opaque value and stream id: answered on stream 0', async () => {
  const p = rawPeer();
  p.send(FrameType.Ping, Flag.SYN, 77, 0xdeadbeef);
  await until(() => p.got.length === 1, 'ping reply');
  assert.equal([p.got[0]!.type, p.got[0]!.flags, p.got[0]!.streamId, p.got[0]!.length], [FrameType.Ping, Flag.ACK, 0, 0xdeadbeef]);
  p.session.close();
});

test('keepalive pings on its interval; no answer ends the session with ErrKeepAliveTimeout', async () => {
  const p = rawPeer({ keepAlive: true, keepAliveIntervalMs: 20, pingTimeoutMs: 40 });
  const reason = await within(p.session.closed);
  assert.instance(reason, YamuxError);
  assert.is((reason as YamuxError).code, 'ErrKeepAliveTimeout');
  assert.equal([p.got[0]!.type, p.got[0]!.flags, p.got[0]!.length], [FrameType.Ping, Flag.SYN, 0]);
});

test('keepalive answered: the session stays up', async () => {
  const { client, sent, close } = pair({ keepAlive: true, keepAliveIntervalMs: 10 });
  await until(() => sent.client.filter((f) => f.type === FrameType.Ping).length >= 3, 'three keepalive pings');
  assert.is(client.isClosed, false);
  close();
});

test('GoAway 0 from the peer: no new streams; the local side refuses SYNs with RST after its own GoAway', async () => {
  const { client, server, sent, close } = pair();
  server.goAway();
  assert.equal(sent.server[0], { type: FrameType.GoAway, flags: 0, streamId: 0, length: GoAwayCode.Normal });
  await sleep(10);
  try {
    await client.open();
    assert.unreachable();
  } catch (e) {
    assert.is((e as YamuxError).code, 'ErrRemoteGoAway');
  }
  close();
  const p = rawPeer();
  p.session.goAway();
  p.send(FrameType.WindowUpdate, Flag.SYN, 2, 0);
  p.send(FrameType.Data, 0, 2, 3, Uint8Array.of(1, 2, 3)); // drained, no stream
  p.send(FrameType.Ping, Flag.SYN, 0, 5);
  await until(() => p.got.length === 3, 'goaway, rst, ping ack');
  assert.equal(
    p.got.map((f) => [f.type, f.flags, f.streamId, f.length]),
    [
      [FrameType.GoAway, 0, 0, 0],
      [FrameType.WindowUpdate, Flag.RST, 2, 0],
      [FrameType.Ping, Flag.ACK, 0, 5],
    ],
  );
  assert.is(p.session.isClosed, false);
  p.session.close();
});

for (const [code, want] of [
  [GoAwayCode.ProtocolError, 'ErrRemoteProtocolError'],
  [GoAwayCode.InternalError, 'ErrRemoteInternalError'],
  [7, 'ErrUnexpectedGoAway'],
] as const) {
  test(`GoAway ${code} from the peer ends the session (${want})`, async () => {
    const p = rawPeer();
    p.send(FrameType.GoAway, 0, 0, code);
    const reason = await within(p.session.closed);
    assert.is((reason as YamuxError).code, want);
  });
}

async function protocolError(steps: (p: ReturnType<typeof rawPeer>) => void, re: RegExp, goAway: boolean) {
  const p = rawPeer();
  steps(p);
  const reason = await within(p.session.closed);
  assert.instance(reason, WireError);
  assert.match((reason as WireError).reason, re);
  await until(() => p.ended(), 'transport closed');
  const ga = p.got.filter((f) => f.type === FrameType.GoAway);
  if (goAway)
    assert.equal(
      ga.map((f) => f.length),
      [GoAwayCode.ProtocolError],
    );
  else assert.is(ga.length, 0);
}

test('protocol error: Data beyond the receive window -> GoAway 1, session ends with a WireError', async () => {
  await protocolError(
    (p) => {
      p.send(FrameType.WindowUpdate, Flag.SYN, 2, 0);
      p.send(FrameType.Data, 0, 2, INITIAL_STREAM_WINDOW, new Uint8Array(INITIAL_STREAM_WINDOW));
      p.send(FrameType.Data, 0, 2, 1, Uint8Array.of(1));
    },
    /exceeds the receive window \(0 bytes\)/,
    true,
  );
});

test('protocol error: duplicate SYN -> GoAway 1', async () => {
  await protocolError(
    (p) => {
      p.send(FrameType.WindowUpdate, Flag.SYN, 2, 0);
      p.send(FrameType.WindowUpdate, Flag.SYN, 2, 0);
    },
    /duplicate stream 2/,
    true,
  );
});

test('protocol error: a second FIN -> GoAway 1', async () => {
  await protocolError(
    (p) => {
      p.send(FrameType.WindowUpdate, Flag.SYN, 2, 0);
      p.send(FrameType.WindowUpdate, Flag.FIN, 2, 0);
      p.send(FrameType.WindowUpdate, Flag.FIN, 2, 0);
    },
    /unexpected FIN/,
    true,
  );
});

test('bad version / bad type: session ends without a GoAway', async () => {
  await protocolError(
    (p) => {
      const h = encodeHeader(FrameType.Ping, Flag.SYN, 0, 0);
      h[0] = 2;
      p.raw.write(h);
    },
    /invalid protocol version 2/,
    false,
  );
  await protocolError(
    (p) => {
      const h = encodeHeader(FrameType.Ping, Flag.SYN, 0, 0);
      h[1] = 9;
      p.raw.write(h);
    },
    /invalid message type 9/,
    false,
  );
});

test('frames for unknown streams: Data drained, WindowUpdate ignored, session goes on', async () => {
  const p = rawPeer();
  p.send(FrameType.Data, 0, 40, 5, pattern(5));
  p.send(FrameType.WindowUpdate, 0, 41, 100);
  p.send(FrameType.Ping, Flag.SYN, 0, 1);
  await until(() => p.got.length === 1, 'ping ack');
  assert.is(p.session.isClosed, false);
  p.session.close();
});

test('RST from the peer destroys the stream with ErrConnectionReset', async () => {
  const p = rawPeer();
  const s = await p.session.open();
  const err = new Promise<Error>((r) => s.on('error', r));
  p.send(FrameType.WindowUpdate, Flag.ACK, s.id, 0);
  p.send(FrameType.WindowUpdate, Flag.RST, s.id, 0);
  assert.is(((await err) as YamuxError).code, 'ErrConnectionReset');
  await until(() => p.session.numStreams === 0, 'stream forgotten');
  p.session.close();
});

test('data and FIN in one frame: data first, then EOF', async () => {
  const p = rawPeer();
  p.send(FrameType.WindowUpdate, Flag.SYN, 2, 0);
  const s = await p.session.accept();
  const got = collect(s);
  p.send(FrameType.Data, Flag.FIN, 2, 4, Uint8Array.of(5, 6, 7, 8));
  await got.ended;
  assert.equal(Array.from(got.bytes()), [5, 6, 7, 8]);
  p.session.close();
});

test('an opened stream never acknowledged closes the session after the open timeout', async () => {
  const p = rawPeer({ streamOpenTimeoutMs: 30 });
  await p.session.open();
  const reason = await within(p.session.closed);
  assert.is((reason as YamuxError).code, 'ErrTimeout');
});

test('at most acceptBacklog unacknowledged opens; the next waits for an ACK', async () => {
  const p = rawPeer({ acceptBacklog: 2 });
  await p.session.open();
  await p.session.open();
  let third: YamuxStream | undefined;
  void p.session.open().then((s) => (third = s));
  await sleep(20);
  assert.is(third, undefined);
  p.send(FrameType.WindowUpdate, Flag.ACK, 1, 0);
  await until(() => third !== undefined, 'third open');
  assert.is(third!.id, 5);
  p.session.close();
});

test('incoming streams beyond the accept backlog are refused with RST', async () => {
  const p = rawPeer({ acceptBacklog: 1 });
  p.send(FrameType.WindowUpdate, Flag.SYN, 2, 0);
  p.send(FrameType.WindowUpdate, Flag.SYN, 4, 0);
  await until(() => p.got.length === 1, 'rst');
  assert.equal([p.got[0]!.flags, p.got[0]!.streamId], [Flag.RST, 4]);
  p.session.close();
});

test('close(): no GoAway, transport ended, open streams see EOF and refuse writes', async () => {
  const p = rawPeer();
  const s = await p.session.open();
  const got = collect(s);
  p.send(FrameType.WindowUpdate, Flag.ACK, s.id, 0);
  p.send(FrameType.Data, 0, s.id, 2, Uint8Array.of(1, 2));
  await until(() => got.bytes().length === 2, 'data');
  p.session.close();
  await got.ended;
  assert.is(await within(p.session.closed), null);
  await until(() => p.ended(), 'transport ended');
  assert.is(p.got.filter((f) => f.type === FrameType.GoAway).length, 0);
  s.on('error', () => {});
  const err = await new Promise<Error | null | undefined>((r) => s.write(Uint8Array.of(1), r));
  assert.ok(err);
  await assert.not.throws(() => p.session.accept().catch(() => {}));
});

test('the peer closing the transport ends the session', async () => {
  const p = rawPeer();
  p.raw.end();
  const reason = await within(p.session.closed);
  assert.is((reason as YamuxError).code, 'ErrTransportClosed');
});

test('property: arbitrary frames and bytes from the peer never crash the session', async () => {
  const frameArb = fc.record({
    type: fc.constantFrom(FrameType.Data, FrameType.WindowUpdate, FrameType.Ping, FrameType.GoAway),
    flags: fc.oneof(fc.constantFrom(0, Flag.SYN, Flag.ACK, Flag.FIN, Flag.RST, Flag.SYN | Flag.FIN, Flag.SYN | Flag.RST), fc.integer({ min: 0, max: 0xffff })),
    streamId: fc.integer({ min: 0, max: 6 }),
    length: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.nat({ max: 0xffffffff })),
  });
  const pieceArb = fc.oneof(frameArb, fc.uint8Array({ maxLength: 30 }));
  await fc.assert(
    fc.asyncProperty(fc.array(pieceArb, { maxLength: 12 }), async (pieces) => {
      const p = rawPeer();
      const opened = await p.session.open(); // a stream of ours (id 1) for the peer to poke at
      opened.on('error', () => {});
      for (const piece of pieces) {
        if (piece instanceof Uint8Array) p.raw.write(piece);
        else {
          const small = piece.type === FrameType.Data && piece.length <= 40;
          p.send(piece.type, piece.flags, piece.streamId, piece.length, small ? new Uint8Array(piece.length) : undefined);
        }
      }
      await sleep(5);
      if (p.session.isClosed) {
        const e = p.session.error;
        assert.ok(e instanceof WireError || e instanceof YamuxError, String(e));
      }
      p.session.close();
    }),
    { numRuns: 150 },
  );
});

test.run();
