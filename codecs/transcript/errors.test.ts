/**
 * Bad transcripts: every refusal is a WireError (codec `yamux` for records and frames, `rpc` for
 * the messages on a stream) naming an offset and a reason, never another exception. Inputs are
 * Go's vectors, cut or garbled, or sessions re-encoded from a decoded model after a change.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { transcriptVectors } from '../../testkit/yamux/testing.js';
import { readTranscriptRecords, type Side } from '../yamux/replay.js';
import { WireError } from '../wire/errors.js';
import type { RpcRequest, RpcResponse } from '../rpc/frame.js';
import { decodeTranscript } from './decode.js';
import { encodeTranscript } from './encode.js';
import { streamContents } from './content.js';
import { transcriptFromCanonical } from './canonical.js';
import type { TranscriptModel, TranscriptStream } from './model.js';

const vectors = transcriptVectors();
const byId = (suffix: string) => {
  const v = vectors.find((x) => x.id.endsWith(suffix));
  if (!v) throw new Error(`no vector *${suffix}`);
  return v;
};
/** A small session (ConfigSpec answered with an error, Configure) and a Builder.Run with callbacks. */
const small = () => byId('tester-sdk0.6.4-post-processor-dynamic-transcript-gob-configure');
const run = () => byId('tester-sdk0.6.4-builder-tester-transcript-protobuf-run');

function refuses(f: () => unknown, codec: WireError['codec'], reason: RegExp): WireError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof WireError))
      throw new assert.Assertion({ message: `not a WireError: ${String(e)}`, actual: e, expects: 'WireError', operator: 'instance' });
    assert.is(e.codec, codec, e.message);
    assert.match(e.reason, reason);
    assert.ok(Number.isInteger(e.offset) && e.offset >= 0, `offset ${e.offset}`);
    return e;
  }
  return assert.unreachable('no error thrown') as never;
}

/** Decodes, or throws only WireErrors (codec yamux/rpc) with a sane offset. */
function decodesOrRefuses(bytes: Uint8Array): void {
  try {
    decodeTranscript(bytes);
  } catch (e) {
    if (!(e instanceof WireError))
      throw new assert.Assertion({ message: `not a WireError: ${String(e)}`, actual: e, expects: 'WireError', operator: 'instance' });
    assert.ok(e.codec === 'yamux' || e.codec === 'rpc' || e.codec === 'gob', e.message);
    assert.ok(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= bytes.length, e.message);
  }
}

function sideBytes(file: Uint8Array, side: Side): Uint8Array {
  return new Uint8Array(
    Buffer.concat(
      readTranscriptRecords(file)
        .filter((r) => r.side === side)
        .map((r) => r.bytes),
    ),
  );
}

const mainStream = (m: TranscriptModel): TranscriptStream => m.streams.find((s) => s.brokerId === 0 && s.opener === 'host')!;

/** Turns a stream's opener side into raw bytes derived from its encoded requests. */
function rawRequests(m: TranscriptModel, st: TranscriptStream, edit: (bytes: Uint8Array, firstEnd: number) => Uint8Array): void {
  const c = streamContents(m).get(st.yamuxId)![st.opener];
  const acceptor = st.opener === 'host' ? 'plugin' : 'host';
  const acc = streamContents(m).get(st.yamuxId)![acceptor];
  st.kind = 'raw';
  st.raw = { [st.opener]: edit(c.bytes.slice(c.prefix), c.messageEnds[0]! - c.prefix), [acceptor]: acc.bytes.slice(acc.prefix) } as Record<Side, Uint8Array>;
  st.requests = [];
  st.responses = [];
}

test('a record header cut short', () => {
  const b = small().bytes;
  const recs = readTranscriptRecords(b);
  const start = recs[3]!.fileOffset - 5;
  const e = refuses(() => decodeTranscript(b.subarray(0, start + 3)), 'yamux', /truncated transcript record header/);
  assert.is(e.offset, start);
});

test('a record longer than the file', () => {
  const b = small().bytes.slice();
  const recs = readTranscriptRecords(b);
  const last = recs[recs.length - 1]!;
  new DataView(b.buffer).setUint32(last.fileOffset - 4, last.bytes.length + 1, false);
  const e = refuses(() => decodeTranscript(b), 'yamux', /record of \d+ bytes but only \d+ left/);
  assert.is(e.offset, last.fileOffset - 4);
});

test('the session ends inside a yamux frame', () => {
  const b = small().bytes;
  const recs = readTranscriptRecords(b);
  // Keep everything up to and including the first record that holds a Data payload, minus a byte.
  const i = recs.findIndex((r, k) => k > 0 && r.bytes.length > 12 && r.side === 'host');
  const r = recs[i]!;
  const cut = b.slice(0, r.fileOffset + r.bytes.length - 1);
  new DataView(cut.buffer).setUint32(r.fileOffset - 4, r.bytes.length - 1, false);
  refuses(() => decodeTranscript(cut), 'yamux', /input ends inside/);
});

test('an rpc stream that ends inside a request', () => {
  const m = decodeTranscript(small().bytes);
  rawRequests(m, mainStream(m), (b, firstEnd) => b.subarray(0, firstEnd - 2));
  const bytes = encodeTranscript(m);
  const e = refuses(() => decodeTranscript(bytes), 'rpc', /stream ended inside a message/);
  assert.match(e.reason, /host->plugin: yamux stream 1 \(broker id 0\)/);
});

test('a garbled request body names the byte in the sender stream and in the file', () => {
  const m = decodeTranscript(small().bytes);
  let at = -1;
  rawRequests(m, mainStream(m), (b, firstEnd) => {
    const out = b.slice();
    at = firstEnd - 1; // the last byte of the first request: its body
    out[at] = 0xc1; // a marker msgpack reserves
    return out;
  });
  const bytes = encodeTranscript(m);
  const e = refuses(() => decodeTranscript(bytes), 'rpc', /c1|reserved/i);
  assert.is(sideBytes(bytes, 'host')[e.offset], 0xc1, `offset ${e.offset} does not point at the bad byte`);
  const fileByte = Number(/file byte (\d+)/.exec(e.reason)?.[1]);
  assert.is(bytes[fileByte], 0xc1, `file byte ${fileByte} does not point at the bad byte`);
  assert.ok(e.reason.includes(`byte ${at} of the stream after its id`), e.reason);
});

test('a response that answers no request', () => {
  const m = decodeTranscript(small().bytes);
  const st = mainStream(m);
  const first = st.requests.shift()!;
  m.calls = m.calls.filter((c) => c.request !== first);
  refuses(() => decodeTranscript(encodeTranscript(m)), 'rpc', /Seq 0 answers no request/);
});

test('two requests with one Seq', () => {
  const m = decodeTranscript(small().bytes);
  const st = mainStream(m);
  const r = st.requests[1]!;
  st.requests[1] = { ...r, header: { ...r.header, seq: st.requests[0]!.header.seq } } as RpcRequest;
  refuses(() => decodeTranscript(encodeTranscript(m)), 'rpc', /a second request with Seq 0/);
});

test('two responses with one Seq', () => {
  const m = decodeTranscript(small().bytes);
  const st = mainStream(m);
  st.responses.push(st.responses[0]!);
  refuses(() => decodeTranscript(encodeTranscript(m)), 'rpc', /a second response with Seq 0/);
});

test('a response naming another method', () => {
  const m = decodeTranscript(small().bytes);
  const st = mainStream(m);
  const r = st.responses[0]!;
  st.responses[0] = { ...r, header: { ...r.header, serviceMethod: 'PostProcessor.Cancel' } } as RpcResponse;
  refuses(() => decodeTranscript(encodeTranscript(m)), 'rpc', /names "PostProcessor.Cancel" but the request was "PostProcessor.ConfigSpec"/);
});

test('a request for a method the SDK does not serve', () => {
  const m = decodeTranscript(small().bytes);
  const st = mainStream(m);
  const r = st.requests[0]!;
  st.requests[0] = { ...r, header: { ...r.header, serviceMethod: 'PostProcessor.Nope' } } as RpcRequest;
  refuses(() => decodeTranscript(encodeTranscript(m)), 'rpc', /unknown method "PostProcessor.Nope"/);
});

test('a CommandFinished stream that is not gob of CommandFinished', () => {
  const m = decodeTranscript(run().bytes);
  const st = m.streams.find((x) => x.commandFinished !== null);
  assert.ok(st, 'no CommandFinished stream');
  st!.raw[st!.opener] = st!.raw[st!.opener].subarray(0, 10);
  const e = refuses(() => decodeTranscript(encodeTranscript(m)), 'gob', /CommandFinished: /);
  assert.match(e.reason, new RegExp(`yamux stream ${st!.yamuxId} \\(broker id ${st!.brokerId}\\)`));
});

test('every cut of a session decodes or is refused with a WireError', () => {
  for (const v of [small(), run()]) {
    const b = v.bytes;
    const step = Math.max(1, Math.floor(b.length / 400));
    for (let n = 0; n < b.length; n += step) decodesOrRefuses(b.subarray(0, n));
    // Cuts at record boundaries keep the records whole: only frames and messages are cut.
    for (const r of readTranscriptRecords(b)) decodesOrRefuses(b.subarray(0, r.fileOffset + r.bytes.length));
  }
});

test('garbled sessions decode or are refused with a WireError (property)', () => {
  const sessions = [small().bytes, run().bytes];
  fc.assert(
    fc.property(fc.constantFrom(0, 1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (which, edits) => {
      const b = sessions[which]!.slice();
      for (const [at, v] of edits) b[at % b.length] = v;
      decodesOrRefuses(b);
    }),
    { numRuns: 300 },
  );
});

test('canonical input that cannot be a session is refused', () => {
  const call = { stream: 0, yamuxStream: 1, caller: 'host', serviceMethod: 'Ui.Say', seq: 0, request: 'hi', response: null, hasResponse: true, error: '' };
  const cases: [unknown, RegExp][] = [
    [[], /expected \{"calls"/],
    [{ calls: {} }, /expected an array/],
    [{ calls: [call], extra: 1 }, /unknown key "extra"/],
    [{ calls: [{ ...call, yamuxStream: 2 }] }, /not one the host opens/],
    [{ calls: [{ ...call, caller: 'plugin' }] }, /not one the plugin opens/],
    [{ calls: [{ ...call, caller: 'nobody' }] }, /expected "host" or "plugin"/],
    [{ calls: [{ ...call, seq: -1 }] }, /expected a uint64/],
    [{ calls: [{ ...call, stream: 2 ** 32 }] }, /expected a uint32/],
    [{ calls: [call, { ...call, stream: 3 }] }, /opened by the host as broker stream 0/],
    [{ calls: [call, call] }, /a second call with Seq 0/],
    [{ calls: [{ ...call, hasResponse: false, response: 'x' }] }, /a call without a response has response null/],
    [{ calls: [{ ...call, hasResponse: false, error: 'e' }] }, /a call without a response has no error/],
    [{ calls: [{ ...call, serviceMethod: 'Nope.Nope' }] }, /unknown method/],
    [{ calls: [{ ...call, request: 5 }] }, /.+/],
    [{ calls: [(({ error: _e, ...rest }) => rest)(call)] }, /missing key "error"/],
  ];
  cases.forEach(([j, reason], i) => {
    try {
      refuses(() => transcriptFromCanonical(j), 'canonical', reason);
    } catch (e) {
      throw new Error(`case ${i}: ${(e as Error).message}`);
    }
  });
});

test.run();
