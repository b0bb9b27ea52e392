/**
 * The yamux layer against Go's own bytes: every `transcript` vector (a real Packer-like host and
 * a real plugin, both Go, recorded on the host's socket).
 *
 * - every frame header re-encodes to Go's 12 bytes;
 * - the replay finds the streams, broker ids, acks and byte counts Go's harness reported;
 * - the handshake and describe context round-trip through our protocol codecs;
 * - re-driving our client session with the same application actions (open, write, end) while
 *   feeding it the plugin's bytes makes it send, stream by stream, exactly the frames Go's client
 *   sent, including the ones it makes on its own (ACKs of accepted streams, window updates).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Duplex } from 'node:stream';
import { Flag, FrameType, HEADER_SIZE, describeHeader, encodeHeader } from '../../codecs/yamux/frame.js';
import { readTranscriptRecords, replayTranscript, type ReplayFrame, type Side } from '../../codecs/yamux/replay.js';
import { YamuxSession } from './session.js';
import type { YamuxStream } from './stream.js';
import { transcriptVectors } from '../../testkit/yamux/testing.js';
import { parseHandshake, formatHandshake } from '../../codecs/protocol/handshake.js';
import { formatDescribe, parseDescribe } from '../../codecs/protocol/describe.js';
import { RpcFrameReader } from '../../codecs/rpc/index.js';

const vectors = transcriptVectors();

function directionBytes(file: Uint8Array): Record<Side, Uint8Array> {
  const recs = readTranscriptRecords(file);
  const out = {} as Record<Side, Uint8Array>;
  for (const side of ['host', 'plugin'] as const) {
    const parts = recs.filter((r) => r.side === side).map((r) => r.bytes);
    out[side] = new Uint8Array(Buffer.concat(parts));
  }
  return out;
}

const frameBytes = (dir: Uint8Array, f: ReplayFrame) => dir.subarray(f.offset, f.offset + HEADER_SIZE + (f.type === FrameType.Data ? f.length : 0));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** A transport that records what the session writes and lets the test push the peer's bytes. */
class Wire extends Duplex {
  override _read(): void {}
  override _write(_c: Buffer, _e: BufferEncoding, cb: () => void): void {
    cb();
  }
}

const tick = () => new Promise((r) => setImmediate(r));

/** Re-drives our client session through a transcript; returns the host frames per stream, ours and Go's. */
async function redrive(file: Uint8Array): Promise<{ ours: Map<number, string[]>; go: Map<number, string[]>; goDesc: Map<number, string[]> }> {
  const replay = replayTranscript(file);
  const dirs = directionBytes(file);
  const go = new Map<number, string[]>();
  const goDesc = new Map<number, string[]>();
  const ours = new Map<number, string[]>();
  const push = (m: Map<number, string[]>, k: number, v: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  const H = replay.frames.filter((f) => f.side === 'host');
  const P = replay.frames.filter((f) => f.side === 'plugin');
  for (const f of H) {
    push(go, f.streamId, hex(frameBytes(dirs.host, f)));
    push(goDesc, f.streamId, describeHeader(f));
  }

  const wire = new Wire();
  const session = new YamuxSession(wire, { client: true, keepAlive: false });
  session.onFrame = (e) => {
    if (e.dir !== 'out') return;
    const h = encodeHeader(e.header.type, e.header.flags, e.header.streamId, e.header.length);
    push(ours, e.header.streamId, hex(e.data ? Buffer.concat([h, e.data]) : h));
  };
  const streams = new Map<number, YamuxStream>();
  const consume = (s: YamuxStream) => {
    streams.set(s.id, s);
    s.on('data', () => {});
    s.on('error', () => {});
  };
  void (async () => {
    for (;;) {
      try {
        consume(await session.accept());
      } catch {
        return;
      }
    }
  })();

  const fedSyn = new Set<number>();
  const fedPings = new Set<number>();
  let hi = 0;
  let pi = 0;
  const feed = async () => {
    const f = P[pi++]!;
    if (f.type !== FrameType.Ping && f.flags & Flag.SYN) fedSyn.add(f.streamId);
    if (f.type === FrameType.Ping && f.flags & Flag.SYN) fedPings.add(f.length);
    wire.push(frameBytes(dirs.plugin, f));
    await tick();
  };
  const feedUntil = async (done: () => boolean, what: string) => {
    while (!done()) {
      if (pi >= P.length) throw new Error(`plugin frames ran out before ${what}`);
      await feed();
    }
  };
  const drive = async () => {
    const f = H[hi++]!;
    if (f.type === FrameType.Ping) {
      if (f.flags & Flag.SYN) void session.ping().catch(() => {});
      else await feedUntil(() => fedPings.has(f.length), `ping ${f.length}`); // our answer is automatic
    } else if (f.type === FrameType.GoAway) {
      session.goAway();
    } else if (f.flags & Flag.SYN) {
      const s = await session.open();
      assert.is(s.id, f.streamId, "our stream ids follow Go's");
      consume(s);
    } else {
      if (f.streamId % 2 === 0) await feedUntil(() => fedSyn.has(f.streamId), `SYN of ${f.streamId}`);
      const s = streams.get(f.streamId);
      if (f.type === FrameType.Data) {
        assert.ok(s, `stream ${f.streamId} exists`);
        s!.write(f.data!);
      } else if (f.flags & Flag.FIN) {
        s!.end();
      } // ACK-only and plain window updates: our session sends them on its own
    }
    await tick();
  };
  while (hi < H.length || pi < P.length) {
    const nextH = H[hi];
    const nextP = P[pi];
    const hostFirst = nextH && (!nextP || replay.frames.indexOf(nextH) < replay.frames.indexOf(nextP));
    if (hostFirst) {
      await drive();
    } else {
      // A plugin frame on a stream we open: our SYN must go first (the recorder may log the
      // answer before the write that caused it).
      if (nextP!.type !== FrameType.Ping && nextP!.type !== FrameType.GoAway && nextP!.streamId % 2 === 1) {
        while (!streams.has(nextP!.streamId) && hi < H.length) await drive();
      }
      await feed();
    }
  }
  await tick();
  session.close();
  return { ours, go, goDesc };
}

if (vectors.length === 0) {
  test('transcript vectors', () => {
    console.error('SKIPPED: no transcript vectors in vectors/manifest.json yet');
  });
} else {
  test(`every frame header of ${vectors.length} transcripts re-encodes to Go's bytes`, () => {
    let n = 0;
    for (const v of vectors) {
      const r = replayTranscript(v.bytes);
      const dirs = directionBytes(v.bytes);
      for (const f of r.frames) {
        const ours = encodeHeader(f.type, f.flags, f.streamId, f.length);
        assert.equal(hex(ours), hex(dirs[f.side].subarray(f.offset, f.offset + HEADER_SIZE)), `${v.id} ${f.side} frame at ${f.offset}`);
        n++;
      }
    }
    assert.ok(n > vectors.length * 4);
  });

  test("replay: streams, broker ids, acks and byte counts as Go's harness reported them", () => {
    for (const v of vectors) {
      const r = replayTranscript(v.bytes);
      const reported = (v.context['streams'] ?? []) as Array<{
        yamuxStream: number;
        opener: Side;
        stream: number;
        bytesFromOpener: number;
        bytesFromAcceptor: number;
      }>;
      assert.is(r.streams.length, reported.length, v.id);
      for (const want of reported) {
        const s = r.streams.find((x) => x.yamuxId === want.yamuxStream);
        assert.ok(s, `${v.id}: yamux stream ${want.yamuxStream}`);
        const acceptor: Side = s!.opener === 'host' ? 'plugin' : 'host';
        assert.equal(
          [s!.opener, s!.brokerId, s!.bytes[s!.opener].length + 4, s!.bytes[acceptor].length + (s!.ack === null ? 0 : 4)],
          [want.opener, want.stream, want.bytesFromOpener, want.bytesFromAcceptor],
          `${v.id}: stream ${want.yamuxStream}`,
        );
        if (s!.ack !== null) assert.is(s!.ack, s!.brokerId, `${v.id}: ack echoes the id`);
      }
      const main = r.main;
      assert.ok(main && main.opener === 'host' && main.yamuxId === 1 && main.ack === 0, `${v.id}: main stream`);
    }
  });

  test('handshake and describe context round-trip through the protocol codecs', () => {
    for (const v of vectors) {
      const line = v.context['handshake'] as string;
      const h = parseHandshake(line);
      assert.is(h.network, 'unix', v.id);
      assert.is(formatHandshake(h), line + '\n');
      const desc = v.context['describe'] as Record<string, unknown>;
      const parsed = parseDescribe(JSON.stringify(desc));
      assert.equal(JSON.parse(formatDescribe(parsed)), desc, v.id);
      if (parsed.protocolVersion !== 'v2') assert.is(v.context['protocol'], 'gob', `${v.id}: a gob-only plugin runs in gob`);
    }
  });

  test("per logical stream, the opener's bytes are the requests and the acceptor's the responses of the expected calls", () => {
    for (const v of vectors) {
      const r = replayTranscript(v.bytes);
      const calls = (v.expect as { calls: Array<{ yamuxStream: number; serviceMethod: string; seq: number; hasResponse: boolean }> }).calls;
      const rpcStreams = ((v.context['streams'] ?? []) as Array<{ yamuxStream: number; kind: string }>).filter((s) => s.kind === 'rpc');
      for (const { yamuxStream } of rpcStreams) {
        const s = r.streams.find((x) => x.yamuxId === yamuxStream)!;
        const want = calls.filter((c) => c.yamuxStream === yamuxStream);
        const requests = new RpcFrameReader({ direction: 'request' });
        requests.push(s.bytes[s.opener]);
        const got = [...requests.messages()].map((m) => [m.header.serviceMethod, Number(m.header.seq)]);
        assert.equal(
          got,
          want.map((c) => [c.serviceMethod, c.seq]),
          `${v.id} stream ${yamuxStream}`,
        );
        assert.is(requests.buffered, 0);
        const responses = new RpcFrameReader({ direction: 'response' });
        responses.push(s.bytes[s.opener === 'host' ? 'plugin' : 'host']);
        assert.is([...responses.messages()].length, want.filter((c) => c.hasResponse).length, `${v.id} stream ${yamuxStream} responses`);
      }
    }
  });

  test(`re-driven, our client sends Go's host frames stream by stream (${vectors.length} transcripts)`, async () => {
    for (const v of vectors) {
      const { ours, go, goDesc } = await redrive(v.bytes);
      assert.equal(
        [...ours.keys()].sort((a, b) => a - b),
        [...go.keys()].sort((a, b) => a - b),
        `${v.id}: streams`,
      );
      for (const [id, frames] of go) {
        const mine = ours.get(id)!;
        const diff = frames.findIndex((f, i) => mine[i] !== f);
        assert.ok(
          diff < 0 && mine.length === frames.length,
          `${v.id} stream ${id}: frame ${diff < 0 ? frames.length : diff} differs (Go: ${goDesc.get(id)![diff < 0 ? 0 : diff]}; ours ${mine.length} frames, Go ${frames.length})`,
        );
      }
    }
  });
}

test.run();
