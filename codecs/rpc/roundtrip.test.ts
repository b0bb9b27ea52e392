/**
 * Property tests: every message of every table entry survives encode -> decode unchanged, and
 * model -> canonical JSON -> model -> bytes gives the same bytes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { RPC_METHODS, type RpcMethodName } from './messages.js';
import { decodeMessage, decodeRequest, decodeResponse, encodeRequest, encodeResponse, type RpcMessage } from './frame.js';
import { rpcFamily } from './family.js';
import { messageFromCanonical, messageToCanonical } from './canonical.js';
import { anyValue, anyValueCanonicalSafe, requestOf, responseOf, rpcMessage } from '../../testkit/rpc/arbitraries.js';
import { rawOf, valueType } from '../../testkit/cty/arbitraries.js';
import { CtyConfig } from './values.js';
import { compile } from './codec.js';
import { G } from './gotype.js';
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { canonicalDiff } from '../../testkit/compare.js';

const encode = (m: RpcMessage): Uint8Array => rpcFamily.encode(m, {});

/** True when canonical JSON holds a map (JSON object or $map) with more than one entry. */
function hasMultiEntryMap(j: unknown): boolean {
  if (Array.isArray(j)) return j.some(hasMultiEntryMap);
  if (typeof j !== 'object' || j === null) return false;
  const o = j as Record<string, unknown>;
  if (Array.isArray(o['$map']) && (o['$map'] as unknown[]).length > 1) return true;
  const keys = Object.keys(o);
  // Struct fields are exported Go names; a key that is not (e.g. integer-like) marks a map whose
  // order a JSON object may change.
  if (keys.length > 1 && keys.some((k) => !/^[A-Z]/.test(k))) return true;
  return keys.some((k) => hasMultiEntryMap(o[k]));
}

function sameMessage(got: RpcMessage, want: RpcMessage): void {
  assert.is(got.direction, want.direction);
  assert.equal(got.header, want.header);
  assert.is(got.bodyType, want.bodyType);
  assert.equal(got.body, want.body);
}

const names = Object.keys(RPC_METHODS) as RpcMethodName[];

for (const name of names) {
  test(`${name}: random requests and responses round-trip through bytes`, () => {
    fc.assert(
      fc.property(fc.oneof(requestOf(name), responseOf(name)), (m) => {
        const bytes = encode(m);
        sameMessage(decodeMessage(bytes), m);
        const again = m.direction === 'request' ? decodeRequest(bytes) : decodeResponse(bytes);
        sameMessage(again, m);
      }),
      { numRuns: 40 },
    );
  });
}

test('every message: canonical JSON -> model -> bytes gives the same message', () => {
  fc.assert(
    fc.property(rpcMessage({ canonicalSafe: true }), (m) => {
      const bytes = encode(m);
      const j = JSON.parse(JSON.stringify(messageToCanonical(decodeMessage(bytes))));
      const again = encode(messageFromCanonical(j));
      // Map entry order is not part of a message (Go's is random) and a JSON object does not keep
      // it either (integer-like keys move to the front), so the bytes may differ only in that order:
      // same length, same canonical value.
      assert.is(again.length, bytes.length);
      const d = canonicalDiff(JSON.parse(JSON.stringify(messageToCanonical(decodeMessage(again)))), j);
      assert.is(d, null, d ?? '');
      if (!hasMultiEntryMap(j)) assert.equal(again, bytes);
    }),
    { numRuns: 300 },
  );
});

test('encodeRequest / encodeResponse agree with the family encoder', () => {
  fc.assert(
    fc.property(rpcMessage(), (m) => {
      const viaApi = m.direction === 'request' ? encodeRequest(m.header, m.body) : encodeResponse(m.header, m.body);
      assert.equal(viaApi, encode(m));
    }),
    { numRuns: 200 },
  );
});

test('interface{} values round-trip through bytes (nesting, every scalar kind)', () => {
  const c = compile(G.any);
  const w = new ByteWriter(64);
  fc.assert(
    fc.property(anyValue, (v) => {
      c.enc(w.reset(), v);
      const r = new ByteReader(w.finish(), 'rpc');
      assert.equal(c.dec(r, 0), v);
      assert.ok(r.atEnd());
    }),
    { numRuns: 500 },
  );
});

test('Configs holding cty values (cty JSON in bin): bytes -> model -> bytes and canonical are stable', () => {
  const ctyConfig = valueType.chain((vt) => rawOf(vt, { unknowns: false, infinities: false }).map((raw) => new CtyConfig({ type: vt, raw })));
  const configs = fc.array(fc.oneof(ctyConfig, anyValueCanonicalSafe), { maxLength: 3 });
  fc.assert(
    fc.property(fc.constantFrom('Builder.Prepare', 'Provisioner.Prepare', 'PostProcessor.Configure', 'Datasource.Configure'), configs, (sm, cs) => {
      const first = encodeRequest({ serviceMethod: sm, seq: 1 }, { Configs: cs });
      const m = decodeMessage(first);
      const got = (m.body as { Configs: unknown[] }).Configs;
      cs.forEach((c, i) => assert.is(got[i] instanceof CtyConfig, c instanceof CtyConfig));
      assert.equal(encode(m), first);
      const j = JSON.parse(JSON.stringify(messageToCanonical(m)));
      assert.equal(encode(messageFromCanonical(j)), first);
    }),
    { numRuns: 300 },
  );
});

test('a nil body where Go has no nil reads as the zero value and writes nil again', () => {
  for (const name of names) {
    const t = RPC_METHODS[name].request;
    if (t.kind !== 'struct' && t.kind !== 'string' && t.kind !== 'int' && t.kind !== 'uint' && t.kind !== 'bool') continue;
    const bytes = encodeRequest({ serviceMethod: name.replace('*', 'x'), seq: 1 }, null);
    const m = decodeMessage(bytes);
    assert.ok(m.nilBody, name);
    assert.equal(m.body, compile(t).zero(), name);
    assert.equal(encode(m), bytes, name);
  }
});

test.run();
