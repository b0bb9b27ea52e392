/**
 * The transcript codec against Go's own sessions (vectors/, family `transcript`, recorded by the
 * Go harness between a Packer-like host and real plugins, both protocols): the calls, their order
 * and payloads are Go's; the per-stream summary is the harness's `context.streams`; and our
 * re-encoding of the decoded model gives Go's file back byte for byte. Vectors are loaded at test
 * time.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { transcriptVectors } from '../../testkit/yamux/testing.js';
import { canonicalDiff, bytesEqual } from '../../testkit/compare.js';
import { decodeTranscript } from './decode.js';
import { encodeTranscript } from './encode.js';
import { transcriptFromCanonical, transcriptToCanonical } from './canonical.js';
import { streamSummaries } from './summary.js';
import { transcriptFamily } from './family.js';
import { familyCodec } from '../families.js';
// Configs elements are cty JSON: this installs the cty JSON codec into the rpc codec.
import '../msgpack/family.js';

const vectors = transcriptVectors();

test('there are transcript vectors of both protocols, with brokered streams, trackers and error replies', () => {
  assert.ok(vectors.length >= 200, `only ${vectors.length} transcript vectors`);
  const protocols = new Set(vectors.map((v) => v.context['protocol']));
  assert.ok(protocols.has('gob') && protocols.has('protobuf'));
  const calls = vectors.flatMap((v) => (v.expect as { calls: { serviceMethod: string; caller: string; error: string }[] }).calls);
  assert.ok(
    calls.some((c) => c.caller === 'plugin'),
    'no plugin-side caller',
  );
  assert.ok(
    calls.some((c) => /^Ui.+\.Add$/.test(c.serviceMethod) && c.serviceMethod !== 'Ui.Add'),
    'no progress tracker call',
  );
  assert.ok(
    calls.some((c) => c.error !== ''),
    'no error reply',
  );
});

test('the transcript adapter is registered', () => {
  assert.is(familyCodec('transcript'), transcriptFamily);
});

test('every vector decodes to the calls Go saw, in Go order', () => {
  const failures: string[] = [];
  for (const v of vectors) {
    try {
      const d = canonicalDiff(transcriptToCanonical(decodeTranscript(v.bytes)), v.expect);
      if (d) failures.push(`${v.id}: ${d}`);
    } catch (e) {
      failures.push(`${v.id}: ${(e as Error).message}`);
    }
  }
  assert.equal(failures.slice(0, 5), [], `${failures.length} of ${vectors.length} differ`);
});

test('every vector lists the streams the Go harness listed (order, ids, kind, byte counts)', () => {
  for (const v of vectors) {
    const got = streamSummaries(decodeTranscript(v.bytes));
    assert.equal(got, v.context['streams'], v.id);
  }
});

test('re-encoding a decoded vector gives Go bytes back exactly', () => {
  for (const v of vectors) {
    const again = encodeTranscript(decodeTranscript(v.bytes));
    assert.is(bytesEqual(again, v.bytes), -1, `${v.id}: ${again.length} vs ${v.bytes.length} bytes`);
  }
});

test('calls carry Go order: by where each request was recorded, across streams', () => {
  // At least one vector interleaves calls of several streams (Builder.Run with Ui/Hook callbacks).
  let interleaved = 0;
  for (const v of vectors) {
    const m = decodeTranscript(v.bytes);
    const ids = m.calls.map((c) => c.yamuxStream);
    for (let i = 2; i < ids.length; i++) if (ids[i] === ids[i - 2] && ids[i] !== ids[i - 1]) interleaved++;
    for (let i = 1; i < m.calls.length; i++) {
      const a = m.calls[i - 1]!.position!;
      const b = m.calls[i]!.position!;
      assert.ok(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]), `${v.id}: call ${i} out of order`);
    }
  }
  assert.ok(interleaved > 0);
});

test('the gob CommandFinished of every Communicator.Start is read from its response stream', () => {
  // Exit statuses set by the Go programs: the tester plugin's communicator runs the host hook's
  // "echo from-host-hook" and exits 0; the harness host's communicator exits 3. Under real Packer
  // (source.host packer-…) the reference templates' provisioner runs "echo hello, world" on the
  // tester's communicator or on the SDK's `none` communicator, both of which exit 0.
  const exits: Record<string, bigint> = { 'echo from-host-hook': 0n, 'tester-command --flag': 3n, 'echo hello, world': 0n };
  let seen = 0;
  for (const v of vectors) {
    const m = decodeTranscript(v.bytes);
    for (const c of m.calls) {
      if (c.request.header.serviceMethod !== 'Communicator.Start') continue;
      const args = c.request.body as { Command: string; ResponseStreamId: number };
      const st = m.streams.find((s) => s.opener !== c.caller && s.brokerId === args.ResponseStreamId);
      assert.ok(st, `${v.id}: no response stream ${args.ResponseStreamId}`);
      assert.is(st!.kind, 'raw');
      assert.equal(st!.commandFinished, { ExitStatus: exits[args.Command] }, `${v.id}: ${args.Command}`);
      seen++;
    }
  }
  assert.ok(seen >= 20, `only ${seen} Communicator.Start calls`);
});

test('a session built from a vector expect decodes back to that expect', () => {
  const failures: string[] = [];
  for (const v of vectors) {
    try {
      const bytes = encodeTranscript(transcriptFromCanonical(v.expect));
      const d = canonicalDiff(transcriptToCanonical(decodeTranscript(bytes)), v.expect);
      if (d) failures.push(`${v.id}: ${d}`);
    } catch (e) {
      failures.push(`${v.id}: ${(e as Error).message}`);
    }
  }
  assert.equal(failures.slice(0, 5), [], `${failures.length} of ${vectors.length} differ`);
});

test.run();
