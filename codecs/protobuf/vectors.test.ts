/**
 * The proto-spec golden vectors (written by Go, see vectors/README.md), loaded at test time
 * (PROTO_SPEC_VECTORS=dir points the test at another vectors folder).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalDiff, checkVector, loadManifest, type ManifestVector } from '../../testkit/compare.js';
import { specFromCanonical, specToCanonical } from '../hclspec/canonical.js';
import { toProtoRefusal } from '../hclspec/to-proto.js';
import { decodeObjectSpecProto, decodeSpecProto, encodeSpecProto } from './spec.js';
import { pbjsDecodeSpec, pbjsEncodeSpec } from '../../testkit/protobuf/pbjs-peer.js';
import { protoSpecFamily } from './family.js';
import { goJsonText } from './go-json-text.js';

const dir = process.env['PROTO_SPEC_VECTORS'] ?? fileURLToPath(new URL('../../../vectors/', import.meta.url));
const vectors: ManifestVector[] = existsSync(join(dir, 'manifest.json')) ? loadManifest(dir).filter((v) => v.family === 'proto-spec') : [];
const accepts = vectors.filter((v) => v.context?.['kind'] === 'accept');
const rejects = vectors.filter((v) => v.context?.['kind'] === 'reject');
const bytesOf = (v: ManifestVector) => new Uint8Array(readFileSync(join(dir, v.file)));
const expectOf = (v: ManifestVector) => JSON.parse(readFileSync(join(dir, v.expect), 'utf8')) as unknown;
const noDiff = (got: unknown, want: unknown, id: string) => {
  const d = canonicalDiff(got, want);
  assert.ok(d === null, `${id}: ${d}`);
};

test('there are accept and reject vectors', () => {
  assert.ok(accepts.length > 0, 'no proto-spec accept vectors in vectors/manifest.json');
  assert.ok(rejects.length > 0, 'no proto-spec reject vectors in vectors/manifest.json');
});

test("accept: both decoders give Go's FromProto result; the top is an Object", () => {
  for (const v of accepts) {
    const bytes = bytesOf(v);
    noDiff(specToCanonical(decodeSpecProto(bytes)), expectOf(v), `${v.id} (fast)`);
    noDiff(specToCanonical(pbjsDecodeSpec(bytes)), expectOf(v), `${v.id} (protobufjs)`);
    assert.is(decodeObjectSpecProto(bytes).kind, 'object');
  }
});

test("accept: both encoders write bytes that Go's expectation decodes from; same length as Go's", () => {
  for (const v of accepts) {
    const spec = specFromCanonical(expectOf(v));
    for (const bytes of [encodeSpecProto(spec), pbjsEncodeSpec(spec)]) {
      noDiff(specToCanonical(decodeSpecProto(bytes)), expectOf(v), v.id);
      // Map order aside, protobuf output is fully determined: the sizes agree.
      assert.is(bytes.length, bytesOf(v).length, `${v.id}: length`);
    }
  }
});

test("reject: our ToProto refuses with exactly Go's error text", () => {
  for (const v of rejects) {
    const spec = specFromCanonical(JSON.parse(new TextDecoder().decode(bytesOf(v))));
    assert.is(toProtoRefusal(spec), (expectOf(v) as { error: string }).error, v.id);
    assert.throws(
      () => encodeSpecProto(spec),
      (e: unknown) => (e as { reason?: string }).reason === (expectOf(v) as { error: string }).error,
    );
  }
});

test('reject: the adapter re-encodes the spec exactly as the Go harness wrote the file', () => {
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  for (const v of rejects) {
    const model = protoSpecFamily.decode(bytesOf(v), v.context ?? {});
    assert.is(text(protoSpecFamily.encode(model, v.context ?? {})), text(bytesOf(v)), v.id);
    assert.is(goJsonText(JSON.parse(text(bytesOf(v)))), text(bytesOf(v)), v.id);
  }
});

test("the same plugin component's gob-spec (Go gob) and proto-spec (Go protobuf) agree through our ToProto", () => {
  const all = existsSync(join(dir, 'manifest.json')) ? loadManifest(dir) : [];
  const gobById = new Map(all.filter((v) => v.family === 'gob-spec').map((v) => [v.id, v]));
  let pairs = 0;
  for (const v of accepts) {
    const gob = gobById.get(v.id.replace(/^proto-spec\//, 'gob-spec/').replace(/-protobuf$/, '-gob'));
    if (!gob) continue;
    const gobSpec = specFromCanonical(expectOf(gob));
    if (toProtoRefusal(gobSpec) !== null) continue; // a gob-only spec (Go's protobuf run refused it too)
    pairs++;
    // Go's gob view, converted by our ToProto and written by our writer, reads back as Go's FromProto view.
    noDiff(specToCanonical(decodeSpecProto(encodeSpecProto(gobSpec))), expectOf(v), `${gob.id} -> ${v.id}`);
  }
  assert.ok(pairs > 0, 'no gob-spec / proto-spec pairs of the same component');
});

test('every proto-spec vector passes the conformance check', () => {
  for (const v of vectors) assert.is(checkVector(dir, v).reason, null, v.id);
});

test.run();
