import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { WireError } from '../wire/index.js';
import { Flag, FrameType, HEADER_SIZE, INITIAL_STREAM_WINDOW, decodeHeader, encodeHeader, type FrameHeader } from './frame.js';
import { FrameParser, type Frame } from './parser.js';

interface Spec {
  type: FrameType;
  flags: number;
  streamId: number;
  length: number;
  data?: Uint8Array;
}

// ---- arbitraries, from small named pieces ----
const streamIdArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 }), fc.constant(0xffffffff));
const flagsArb = fc.oneof(fc.constant(0), fc.constantFrom(Flag.SYN, Flag.ACK, Flag.FIN, Flag.RST, Flag.SYN | Flag.FIN), fc.integer({ min: 0, max: 0xffff }));
const payloadArb = fc.uint8Array({ maxLength: 300 });
const dataFrameArb = fc
  .record({ flags: flagsArb, streamId: streamIdArb, data: payloadArb })
  .map((f): Spec => ({ type: FrameType.Data, flags: f.flags, streamId: f.streamId, length: f.data.length, data: f.data }));
const controlFrameArb = fc
  .record({
    type: fc.constantFrom(FrameType.WindowUpdate, FrameType.Ping, FrameType.GoAway),
    flags: flagsArb,
    streamId: streamIdArb,
    length: fc.nat({ max: 0xffffffff }),
  })
  .map((f): Spec => ({ ...f }));
const frameArb = fc.oneof(dataFrameArb, controlFrameArb);
const cutsArb = fc.array(fc.nat(), { maxLength: 12 });

function serialize(frames: Spec[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of frames) {
    parts.push(encodeHeader(f.type, f.flags, f.streamId, f.length));
    if (f.data) parts.push(f.data);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length ? c % (bytes.length + 1) : 0)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  out.push(bytes.subarray(prev));
  return out;
}

function parseAll(chunks: Uint8Array[], limit?: (h: FrameHeader) => number | 'discard'): Frame[] {
  const got: Frame[] = [];
  const p = new FrameParser((f) => got.push({ ...f, data: f.data ? f.data.slice() : null }), limit);
  for (const c of chunks) p.push(c);
  p.end();
  return got;
}

function wireError(fn: () => unknown): WireError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, WireError);
    assert.is((e as WireError).codec, 'yamux');
    return e as WireError;
  }
  return assert.unreachable('expected a WireError') as never;
}

test('property: frames cut anywhere parse to the frames that were written, at the right offsets', () => {
  fc.assert(
    fc.property(fc.array(frameArb, { maxLength: 20 }), cutsArb, (frames, cuts) => {
      const bytes = serialize(frames);
      const got = parseAll(splitAt(bytes, cuts));
      assert.is(got.length, frames.length);
      let offset = 0;
      frames.forEach((f, i) => {
        const g = got[i]!;
        assert.equal([g.type, g.flags, g.streamId, g.length, g.offset], [f.type, f.flags, f.streamId, f.length, offset]);
        if (f.type === FrameType.Data) assert.equal(g.data, f.data);
        else assert.is(g.data, null);
        offset += HEADER_SIZE + (f.data?.length ?? 0);
      });
    }),
    { numRuns: 300 },
  );
});

test('property: one byte at a time gives the same frames as all at once', () => {
  fc.assert(
    fc.property(fc.array(frameArb, { maxLength: 8 }), (frames) => {
      const bytes = serialize(frames);
      const whole = parseAll([bytes]);
      const bytewise = parseAll(Array.from(bytes, (b) => Uint8Array.of(b)));
      assert.equal(bytewise, whole);
    }),
    { numRuns: 100 },
  );
});

test('a Data frame whose length exceeds the window is refused right after its header (no allocation)', () => {
  const h = encodeHeader(FrameType.Data, 0, 1, 0xffffffff);
  const e = wireError(() => parseAll([h]));
  assert.is(e.offset, 8);
  assert.match(e.reason, /exceeds the receive window/);
  // exactly the window is fine
  const ok = serialize([{ type: FrameType.Data, flags: 0, streamId: 1, length: INITIAL_STREAM_WINDOW, data: new Uint8Array(INITIAL_STREAM_WINDOW) }]);
  assert.is(parseAll([ok])[0]!.data!.length, INITIAL_STREAM_WINDOW);
  // one more is not
  const over = encodeHeader(FrameType.Data, 0, 1, INITIAL_STREAM_WINDOW + 1);
  wireError(() => parseAll([over]));
});

test('the limit is asked per frame (the stream window), and discard skips without buffering', () => {
  const frames = serialize([
    { type: FrameType.Data, flags: 0, streamId: 3, length: 5, data: Uint8Array.of(1, 2, 3, 4, 5) },
    { type: FrameType.Data, flags: 0, streamId: 7, length: 4, data: Uint8Array.of(9, 9, 9, 9) },
    { type: FrameType.Ping, flags: Flag.SYN, streamId: 0, length: 42 },
  ]);
  const got = parseAll(splitAt(frames, [3, 14, 15, 20]), (h) => (h.streamId === 7 ? 'discard' : 5));
  assert.equal(
    got.map((f) => [f.streamId, f.data && Array.from(f.data)]),
    [
      [3, [1, 2, 3, 4, 5]],
      [7, null],
      [0, null],
    ],
  );
  const tight = () => parseAll([frames], () => 4);
  assert.is(wireError(tight).offset, 8);
});

test('a large discarded payload fed in pieces is skipped', () => {
  const p = new FrameParser(
    () => {},
    () => 'discard',
  );
  const got: Frame[] = [];
  const q = new FrameParser(
    (f) => got.push(f),
    () => 'discard',
  );
  q.push(encodeHeader(FrameType.Data, 0, 5, 4 * 1024 * 1024));
  const piece = new Uint8Array(64 * 1024);
  for (let i = 0; i < 64; i++) q.push(piece);
  q.push(encodeHeader(FrameType.GoAway, 0, 0, 0));
  q.end();
  assert.equal(
    got.map((f) => [f.type, f.data]),
    [
      [FrameType.Data, null],
      [FrameType.GoAway, null],
    ],
  );
  p.end();
});

test('bad version and bad type are WireErrors at their byte; the parser then refuses more input', () => {
  const good = encodeHeader(FrameType.Ping, Flag.SYN, 0, 1);
  const badVersion = encodeHeader(FrameType.Ping, 0, 0, 0);
  badVersion[0] = 1;
  const e1 = wireError(() => parseAll([good, badVersion]));
  assert.is(e1.offset, 12);
  assert.match(e1.reason, /invalid protocol version 1/);
  const badType = encodeHeader(FrameType.Ping, 0, 0, 0);
  badType[1] = 4;
  const p = new FrameParser(() => {});
  const e2 = wireError(() => p.push(badType));
  assert.is(e2.offset, 1);
  assert.match(e2.reason, /invalid message type 4/);
  assert.is(
    wireError(() => p.push(good)),
    e2,
  );
});

test('end() inside a header or a payload is a WireError naming where the frame started', () => {
  const p = new FrameParser(() => {});
  p.push(encodeHeader(FrameType.WindowUpdate, 0, 1, 0));
  p.push(new Uint8Array(5));
  const e = wireError(() => p.end());
  assert.match(e.reason, /frame header that starts at byte 12/);
  const q = new FrameParser(() => {});
  q.push(encodeHeader(FrameType.Data, 0, 1, 10));
  q.push(new Uint8Array(3));
  assert.match(wireError(() => q.end()).reason, /payload of a 10-byte Data frame/);
});

test('property: arbitrary bytes in arbitrary pieces give frames or a WireError, nothing else', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), cutsArb, (bytes, cuts) => {
      try {
        parseAll(splitAt(bytes, cuts));
      } catch (e) {
        assert.instance(e, WireError);
      }
    }),
    { numRuns: 500 },
  );
});

test('decodeHeader refuses fewer than 12 bytes', () => {
  wireError(() => decodeHeader(new Uint8Array(11)));
});

test('unknown flag bits are kept (yamux ignores them)', () => {
  const f = parseAll([encodeHeader(FrameType.WindowUpdate, 0x8010 | Flag.ACK, 1, 0)])[0]!;
  assert.is(f.flags, 0x8012);
});

test.run();
