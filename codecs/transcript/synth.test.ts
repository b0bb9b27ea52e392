/**
 * Sessions we lay out ourselves: canonical call lists -> model -> transcript bytes -> decode
 * gives the same calls back (property), including messages larger than a yamux window; and a
 * decoded Go session whose messages were changed still re-encodes over its recorded layout.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { canonicalDiff } from '../../testkit/compare.js';
import { replayTranscript } from '../yamux/replay.js';
import { FrameType, INITIAL_STREAM_WINDOW } from '../yamux/frame.js';
import { transcriptVectors } from '../../testkit/yamux/testing.js';
import { decodeTranscript } from './decode.js';
import { encodeTranscript } from './encode.js';
import { transcriptFromCanonical, transcriptToCanonical } from './canonical.js';

// ---- small named pieces -------------------------------------------------------------------

/** Where calls travel: the host's main stream and brokered streams in both directions. */
const STREAMS = [
  { stream: 0, yamuxStream: 1, caller: 'host' },
  { stream: 1, yamuxStream: 2, caller: 'plugin' },
  { stream: 1, yamuxStream: 3, caller: 'host' },
  { stream: 2, yamuxStream: 4, caller: 'plugin' },
] as const;

const text = fc.string({ maxLength: 20 });
const uint32 = fc.integer({ min: 0, max: 0xffffffff }).map((n) => ({ $uint: String(n) }));

/** [serviceMethod, request, successful response] in canonical RpcValue. */
const exchange: fc.Arbitrary<[string, unknown, unknown]> = fc.oneof(
  text.map((s) => ['Ui.Say', s, null] as [string, unknown, unknown]),
  fc.tuple(text, text).map(([q, a]) => ['Ui.Ask', q, a] as [string, unknown, unknown]),
  fc.tuple(uint32, uint32).map(([q, a]) => ['Builder.Run', q, a] as [string, unknown, unknown]),
  fc.option(fc.array(text, { maxLength: 3 })).map((files) => ['Artifact.Files', null, files] as [string, unknown, unknown]),
  fc.integer({ min: -5, max: 1 << 20 }).map((n) => ['Ui-tracker.Add', { $int: String(n) }, null] as [string, unknown, unknown]),
);

/** How a call ends: answered, failed (net/rpc's empty struct read as interface{}), or not yet. */
const outcome = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'ok' as const }) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }).map((error) => ({ kind: 'error' as const, error })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pending' as const }) },
);

const callSpec = fc.tuple(fc.constantFrom(...STREAMS), exchange, outcome);

function callList(specs: [(typeof STREAMS)[number], [string, unknown, unknown], { kind: 'ok' | 'error' | 'pending'; error?: string }][]): unknown[] {
  const seq = new Map<number, number>();
  return specs.map(([s, [serviceMethod, request, response], o]) => {
    const n = seq.get(s.yamuxStream) ?? 0;
    seq.set(s.yamuxStream, n + 1);
    return {
      ...s,
      serviceMethod,
      seq: n,
      request,
      response: o.kind === 'ok' ? response : o.kind === 'error' ? { $map: [] } : null,
      hasResponse: o.kind !== 'pending',
      error: o.kind === 'error' ? o.error! : '',
    };
  });
}

const roundTrip = (calls: unknown[]) => {
  const bytes = encodeTranscript(transcriptFromCanonical({ calls }));
  return { bytes, back: transcriptToCanonical(decodeTranscript(bytes)) };
};

// ---- tests ------------------------------------------------------------------------------------

test('call lists survive canonical -> session bytes -> calls (property)', () => {
  fc.assert(
    fc.property(fc.array(callSpec, { maxLength: 12 }), (specs) => {
      const calls = callList(specs);
      const d = canonicalDiff(roundTrip(calls).back, { calls });
      assert.is(d, null, d ?? '');
    }),
    { numRuns: 300 },
  );
});

test('a message larger than the yamux window is split and the window refilled', () => {
  const big = 'x'.repeat(3 * INITIAL_STREAM_WINDOW + 17);
  const calls = callList([
    [STREAMS[0], ['Ui.Ask', big, big], { kind: 'ok' }],
    [STREAMS[1], ['Ui.Say', 'after', null], { kind: 'ok' }],
  ]);
  const { bytes, back } = roundTrip(calls);
  assert.is(canonicalDiff(back, { calls }), null);
  const replay = replayTranscript(bytes);
  const data = replay.frames.filter((f) => f.type === FrameType.Data && f.streamId === 1);
  assert.ok(data.every((f) => f.length <= INITIAL_STREAM_WINDOW));
  assert.ok(replay.frames.some((f) => f.type === FrameType.WindowUpdate && f.streamId === 1 && f.length >= INITIAL_STREAM_WINDOW / 2));
});

test('an empty call list is an empty session', () => {
  const { bytes, back } = roundTrip([]);
  assert.is(bytes.length, 0);
  assert.equal(back, { calls: [] });
});

test('a changed Go session re-encodes over its recorded frames and records, calls in order (property)', () => {
  const v = transcriptVectors().find((x) => x.id.endsWith('tester-sdk0.6.4-builder-tester-transcript-gob-run'));
  assert.ok(v, 'vector missing');
  const recordsBefore = replayTranscript(v!.bytes).records.length;
  const says = decodeTranscript(v!.bytes).calls.filter((c) => c.request.header.serviceMethod === 'Ui.Say').length;
  assert.ok(says >= 3);
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 3000 }), { minLength: says, maxLength: says }), (lengths) => {
      const m = decodeTranscript(v!.bytes);
      const expect = transcriptToCanonical(m);
      // Lengthen or shrink every Ui.Say: the frames and records of their stream stretch and shrink.
      let k = 0;
      m.calls.forEach((c, i) => {
        if (c.request.header.serviceMethod !== 'Ui.Say') return;
        const text = 'y'.repeat(lengths[k++]!);
        (c.request as { body: unknown }).body = text;
        (expect.calls[i] as { request: unknown }).request = text;
      });
      const bytes = encodeTranscript(m);
      assert.is(canonicalDiff(transcriptToCanonical(decodeTranscript(bytes)), expect), null);
      assert.is(replayTranscript(bytes).records.length, recordsBefore);
    }),
    { numRuns: 25 },
  );
});

test.run();
