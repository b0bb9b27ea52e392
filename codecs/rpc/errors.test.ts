/**
 * Bad input: every refusal is a WireError naming codec 'rpc', the byte offset and a reason, never
 * another exception, a hang or a stack overflow.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { decodeMessage, decodeRequest, decodeResponse, encodeRequest, encodeResponse, type RpcMessage } from './frame.js';
import { rpcFamily } from './family.js';
import { rpcMessage } from '../../testkit/rpc/arbitraries.js';
import { WireError } from '../wire/errors.js';
import { GoInt, GoMap } from './values.js';
import { RpcFrameReader } from './reader.js';

/** Asserts f throws a WireError of codec 'rpc' at `offset` whose reason matches `reason`. */
function refuses(f: () => unknown, offset: number | undefined, reason: RegExp): WireError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof WireError))
      throw new assert.Assertion({ message: `not a WireError: ${String(e)}`, actual: e, expects: 'WireError', operator: 'instance' });
    assert.is(e.codec, 'rpc');
    if (offset !== undefined) assert.is(e.offset, offset, `offset of: ${e.message}`);
    assert.match(e.reason, reason);
    return e;
  }
  return assert.unreachable('no error thrown') as never;
}

const cat = (...parts: ArrayLike<number>[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
/** A request header map for `sm`, seq 1, as bytes (fixstr key/values). */
const header = (sm: string) => cat([0x82, 0xa0 | 13], ascii('ServiceMethod'), [0xa0 | sm.length], ascii(sm), [0xa3], ascii('Seq'), [0x01]);
const headerLen = (sm: string) => header(sm).length;

test('truncated: every strict prefix of a message is refused as truncated', () => {
  fc.assert(
    fc.property(rpcMessage(), (m) => {
      const bytes = rpcFamily.encode(m, {});
      // every prefix of small messages; about 300 spread over large ones
      const step = Math.max(1, Math.floor(bytes.length / 300));
      for (let n = 0; n < bytes.length; n += n < 64 ? 1 : step) {
        const e = refuses(() => decodeMessage(bytes.subarray(0, n)), undefined, /truncated|unexpected end|only \d+ bytes left/);
        assert.ok(e.offset <= n, `offset ${e.offset} beyond prefix ${n}`);
      }
    }),
    { numRuns: 40 },
  );
});

test('lengths past the end: str32, bin32, array32, map32 claiming more than is there', () => {
  const h = header('Ui.Say');
  // (the offset is where the missing payload starts, after the 5-byte str32 head)
  refuses(() => decodeMessage(cat(h, [0xdb, 0xff, 0xff, 0xff, 0xff], ascii('abc'))), h.length + 5, /truncated string: need 4294967295 bytes, have 3/);
  refuses(
    () => decodeMessage(cat(header('Ui.Machine'), [0x82, 0xa8], ascii('Category'), [0xa0, 0xa4], ascii('Args'), [0xdd, 0x7f, 0xff, 0xff, 0xff, 0xa0])),
    headerLen('Ui.Machine') + 1 + 9 + 1 + 5,
    /array of 2147483647 elements but only 1 bytes left/,
  );
  refuses(
    () => decodeMessage(cat(header('Hook.Run'), [0xdf, 0x00, 0x01, 0x00, 0x00, 0xc0])),
    headerLen('Hook.Run'),
    /map of 65536 entries but only 1 bytes left/,
  );
  refuses(
    () => decodeMessage(cat(header('Artifact.Id'), [0xc6, 0x00, 0x00, 0x01, 0x00, 0x00])),
    headerLen('Artifact.Id') + 5,
    /truncated bin: need 256 bytes, have 1/,
  );
});

test('wrong marker for the expected type', () => {
  const sm = 'Builder.Run';
  // Seq as a string
  const badSeq = cat([0x82, 0xa0 | 13], ascii('ServiceMethod'), [0xa0 | sm.length], ascii(sm), [0xa3], ascii('Seq'), [0xa1, 0x31], [0x01]);
  refuses(() => decodeMessage(badSeq), 2 + 13 + 1 + sm.length + 4, /expected uint64, got str/);
  // uint32 body as bool
  refuses(() => decodeMessage(cat(header(sm), [0xc3])), headerLen(sm), /expected uint32, got bool/);
  // uint32 body negative / too large
  refuses(() => decodeMessage(cat(header(sm), [0xff])), headerLen(sm), /value -1 overflows uint32/);
  refuses(() => decodeMessage(cat(header(sm), [0xcf, 0, 0, 0, 1, 0, 0, 0, 0])), headerLen(sm), /overflows uint32/);
  // struct body as an array
  refuses(() => decodeMessage(cat(header('Ui.Machine'), [0x90])), headerLen('Ui.Machine'), /expected rpc.UiMachineArgs \(map\), got array/);
  // []byte field as a string
  const resp = encodeResponse({ serviceMethod: 'Builder.ConfigSpec', seq: 0 }, { ConfigSpec: new Uint8Array(0) });
  const strBody = cat(resp.subarray(0, resp.length - 2), [0xa0]);
  refuses(() => decodeResponse(strBody), resp.length - 2, /expected \[\]byte \(bin or nil\), got str/);
});

test('header refusals: not a header map, unknown and duplicate fields', () => {
  refuses(() => decodeMessage(Uint8Array.of(0x91, 0x01)), 0, /expected an rpc.Request \(2-entry map\) or rpc.Response \(3-entry map\) header, got array/);
  const dup = cat([0x82, 0xa3], ascii('Seq'), [0x01, 0xa3], ascii('Seq'), [0x02], [0xc0]);
  refuses(() => decodeMessage(dup), 6, /duplicate field "Seq" in rpc.Request/);
  const unknown = cat([0x82, 0xa3], ascii('Seq'), [0x01, 0xa3], ascii('Foo'), [0x02], [0xc0]);
  refuses(() => decodeMessage(unknown), 6, /unknown field "Foo" in rpc.Request/);
});

test('deep nesting in an interface{} body stops at MAX_DEPTH, without stack overflow', () => {
  const h = header('Artifact.Id');
  const deep = cat(h, new Uint8Array(100_000).fill(0x91), [0xc0]);
  refuses(() => decodeMessage(deep), undefined, /nesting deeper than 1000/);
  const deepMap = cat(h, Array.from({ length: 5000 }, () => [0x81, 0xa0]).flat(), [0xc0]);
  refuses(() => decodeMessage(deepMap), undefined, /nesting deeper than 1000/);
  // encoding a too-deep model is refused too
  let v: unknown = null;
  for (let i = 0; i < 2000; i++) v = [v];
  refuses(() => encodeRequest({ serviceMethod: 'Hook.Run', seq: 1 }, { Name: 'n', Data: v as never, StreamId: 0 }), undefined, /nesting deeper than 1000/);
});

test('invalid UTF-8 in a str is refused where the string starts', () => {
  const h = header('Ui.Say');
  refuses(() => decodeMessage(cat(h, [0xa2, 0xc3, 0x28])), h.length + 1, /invalid UTF-8/);
  const badMethod = cat([0x82, 0xa0 | 13], ascii('ServiceMethod'), [0xa2, 0xff, 0xfe], [0xa3], ascii('Seq'), [0x01], [0xc0]);
  refuses(() => decodeMessage(badMethod), 16, /invalid UTF-8/);
  // a []byte map key in interface{} becomes a string, so it must be UTF-8
  refuses(() => decodeMessage(cat(header('Hook.Cancel'), [0x81, 0xc4, 0x01, 0xff, 0xc0])), headerLen('Hook.Cancel') + 1, /invalid UTF-8 in map key/);
  // lone surrogates cannot be written as Go strings
  refuses(() => encodeRequest({ serviceMethod: 'Ui.Say', seq: 1 }, 'a\ud800b'), undefined, /lone UTF-16 surrogate/);
});

test('unknown method, in requests and in successful responses', () => {
  const h = header('Nope.Nothing');
  refuses(() => decodeMessage(cat(h, [0xc0])), h.length, /unknown method "Nope.Nothing"/);
  refuses(() => encodeRequest({ serviceMethod: 'Nope.Nothing', seq: 1 }, null), 0, /unknown method/);
  refuses(() => decodeMessage(cat(header('Ui.Frobnicate'), [0xc0])), undefined, /unknown method/);
  // a failed call's body needs no table entry
  const failed = encodeResponse({ serviceMethod: 'Nope.Nothing', seq: 1, error: "rpc: can't find service Nope.Nothing" }, {});
  assert.is(decodeResponse(failed).header.error, "rpc: can't find service Nope.Nothing");
});

test('interface{} maps: unhashable and duplicate keys, reserved marker, bad time ext', () => {
  const h = header('Artifact.Id');
  refuses(() => decodeMessage(cat(h, [0x81, 0x90, 0xc0])), h.length + 1, /map key of type array cannot be a Go map key/);
  refuses(() => decodeMessage(cat(h, [0x82, 0x01, 0xc0, 0x01, 0xc0])), h.length + 3, /duplicate map key/);
  refuses(() => decodeMessage(cat(h, [0xc1])), h.length, /reserved marker 0xc1/);
  refuses(() => decodeMessage(cat(h, [0xd4, 0xff, 0x00])), h.length, /time ext of 1 bytes/);
  // a typed time.Time refuses other ext tags
  const base = encodeRequest({ serviceMethod: 'Communicator.Upload', seq: 1 }, { Path: 'p', ReaderStreamId: 1, FileInfo: null });
  const withFi = cat(base.subarray(0, base.length - 1), [0x84, 0xa1, 0x4e, 0xa0, 0xa1, 0x53, 0x00, 0xa1, 0x4d, 0x00, 0xa1, 0x54, 0xd6, 0x05, 0, 0, 0, 1]);
  refuses(() => decodeMessage(withFi), base.length - 1 + 12, /expected time ext tag -1, got ext tag 5/);
  // and these encode fine when valid
  assert.ok(encodeRequest({ serviceMethod: 'Hook.Run', seq: 1 }, { Name: 'n', Data: new GoMap([[new GoInt(1n), null]]), StreamId: 0 }).length > 0);
});

test('trailing bytes after a whole message', () => {
  const m = encodeRequest({ serviceMethod: 'Ui.Say', seq: 1 }, 'x');
  refuses(() => decodeMessage(cat(m, [0xc0])), m.length, /1 trailing bytes/);
  refuses(() => decodeRequest(cat(m, [0xc0, 0xc0])), m.length, /2 trailing bytes/);
});

test('encode refuses model values of the wrong shape with a WireError', () => {
  refuses(() => encodeRequest({ serviceMethod: 'Builder.Run', seq: 1 }, -1 as never), undefined, /cannot encode number as Go uint32/);
  refuses(() => encodeRequest({ serviceMethod: 'Builder.Run', seq: -1 }, 1), undefined, /seq -1 is not a uint64/);
  refuses(
    () => encodeRequest({ serviceMethod: 'Hook.Run', seq: 1 }, { Name: 'n', Data: 5 as never, StreamId: 0 }),
    undefined,
    /bare number in an interface\{\} position/,
  );
  refuses(
    () => encodeRequest({ serviceMethod: 'Ui.Machine', seq: 1 }, { Category: 'c', Args: 'x' as never }),
    undefined,
    /cannot encode string as Go \[\]string/,
  );
});

test('fuzz: mutated valid messages decode or throw WireError, never anything else', () => {
  fc.assert(
    fc.property(
      rpcMessage(),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      fc.nat(),
      (m: RpcMessage, flips, cut) => {
        const bytes = rpcFamily.encode(m, {}).slice();
        for (const [at, b] of flips) bytes[at % bytes.length] = b;
        const input = bytes.subarray(0, bytes.length - (cut % 3));
        try {
          decodeMessage(input);
        } catch (e) {
          if (!(e instanceof WireError)) throw e;
        }
        const rd = new RpcFrameReader({ maxMessageBytes: 1 << 20 });
        try {
          rd.push(input);
          for (const _ of rd.messages());
        } catch (e) {
          if (!(e instanceof WireError)) throw e;
        }
      },
    ),
    { numRuns: 1500 },
  );
});

test('seq: every uint64 round-trips, a bigint and the same number write the same bytes; anything else is refused at offset 0', () => {
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  for (const seq of [0n, 127n, 128n, 0xffffn, 0xffffffffn, 0x100000000n, BigInt(Number.MAX_SAFE_INTEGER), 2n ** 64n - 1n]) {
    const req = encodeRequest({ serviceMethod: 'Ui.Say', seq }, 'x');
    const resp = encodeResponse({ serviceMethod: 'Ui.Say', seq }, null);
    assert.is(decodeMessage(req).header.seq, seq);
    assert.is(decodeMessage(resp).header.seq, seq);
    if (seq <= BigInt(Number.MAX_SAFE_INTEGER)) {
      assert.is(hex(encodeRequest({ serviceMethod: 'Ui.Say', seq: Number(seq) }, 'x')), hex(req), `${seq} as a number`);
      assert.is(hex(encodeResponse({ serviceMethod: 'Ui.Say', seq: Number(seq) }, null)), hex(resp), `${seq} as a number`);
    }
  }
  for (const seq of [-1n, 2n ** 64n, -1, 1.5, 2 ** 53, Number.NaN, '5' as never, undefined as never]) {
    refuses(() => encodeRequest({ serviceMethod: 'Ui.Say', seq }, 'x'), 0, /is not a uint64/);
    refuses(() => encodeResponse({ serviceMethod: 'Ui.Say', seq }, null), 0, /is not a uint64/);
  }
});

test.run();
