/**
 * Go's own bytes and views (vectors/, family rpc, written by the Go harness): decode matches Go's
 * canonical view, byte-exact vectors re-encode to Go's bytes, and the frame reader finds the same
 * messages in Go's bytes however they are chunked. Vectors are loaded by id at test time; set
 * PACKER_WIRE_VECTORS to read another vectors directory.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rpcFamily } from './family.js';
import { RpcFrameReader } from './reader.js';
import { decodeMessage, type RpcMessage } from './frame.js';
import { messageToCanonical } from './canonical.js';
import { canonicalDiff, bytesEqual } from '../../testkit/compare.js';
import { WireError } from '../wire/errors.js';
import { CtyConfig, GoMap, GoTime } from './values.js';
import { G } from './gotype.js';
import { RPC_METHODS, methodKey } from './messages.js';

const dir = process.env['PACKER_WIRE_VECTORS'] ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../vectors');

interface Entry {
  id: string;
  family: string;
  file: string;
  expect: string;
  byteExact: boolean;
  context: Record<string, unknown>;
}

const manifestPath = join(dir, 'manifest.json');
const all: Entry[] = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')).vectors as Entry[]) : [];
const rpcVectors = all.filter((v) => v.family === 'rpc');
const bytesOf = (v: Entry) => new Uint8Array(readFileSync(join(dir, v.file)));
const expectOf = (v: Entry) => JSON.parse(readFileSync(join(dir, v.expect), 'utf8')) as unknown;

function byId(id: string): Entry {
  const v = rpcVectors.find((x) => x.id === id);
  if (!v) throw new assert.Assertion({ message: `vector ${id} not in ${manifestPath}`, actual: undefined, expects: id, operator: 'byId' });
  return v;
}

test('the rpc vectors exist', () => {
  assert.ok(rpcVectors.length > 0, `no rpc vectors in ${manifestPath}`);
});

test("every rpc vector decodes to Go's view; byte-exact ones re-encode to Go's bytes", () => {
  let exact = 0;
  for (const v of rpcVectors) {
    const bytes = bytesOf(v);
    const m = rpcFamily.decode(bytes, v.context);
    const d = canonicalDiff(JSON.parse(JSON.stringify(rpcFamily.toCanonical(m, v.context))), expectOf(v));
    assert.is(d, null, `${v.id}: ${d}`);
    const again = rpcFamily.encode(m, v.context);
    if (v.byteExact) {
      assert.is(bytesEqual(again, bytes), -1, `${v.id}: re-encoded bytes differ`);
      exact++;
    } else {
      const back = rpcFamily.toCanonical(rpcFamily.decode(again, v.context), v.context);
      assert.is(canonicalDiff(JSON.parse(JSON.stringify(back)), expectOf(v)), null, v.id);
    }
  }
  assert.ok(exact > 0);
});

test("every method in the table has Go vectors for it, and every vector's method is in the table", () => {
  const seen = new Set(rpcVectors.map((v) => methodKey(String(v.context['serviceMethod']))));
  assert.not.ok(seen.has(undefined));
  // methods the harness exercises in both directions or one; at least each service appears
  for (const svc of ['Artifact', 'Build', 'Builder', 'Communicator', 'Datasource', 'Hook', 'PostProcessor', 'Provisioner', 'Ui', 'Ui*']) {
    assert.ok(
      [...seen].some((k) => k!.startsWith(svc + '.')),
      `no vector for service ${svc}`,
    );
  }
  assert.ok(Object.keys(RPC_METHODS).length >= seen.size);
});

test('Go facts by id: nil args into a struct, int body, cty configs, time, failed call', () => {
  const outSpec = rpcFamily.decode(bytesOf(byId('rpc/harness-rpc-datasource-outputspec-req')), {});
  assert.ok(outSpec.nilBody);
  assert.equal(outSpec.body, { Configs: null });

  const add = rpcFamily.decode(bytesOf(byId('rpc/harness-rpc-ui-progress-add-req')), {});
  assert.is(add.bodyType, G.int);
  assert.is(add.body, 32768n);

  const prep = rpcFamily.decode(bytesOf(byId('rpc/harness-rpc-builder-prepare-req')), {}).body as { Configs: unknown[] };
  assert.ok(prep.Configs[1] instanceof GoMap);
  assert.ok(prep.Configs[0] instanceof CtyConfig);

  const up = rpcFamily.decode(bytesOf(byId('rpc/harness-rpc-communicator-upload-req-zone')), {}).body as { FileInfo: { T: GoTime } };
  assert.ok(up.FileInfo.T instanceof GoTime);
  const zero = rpcFamily.decode(bytesOf(byId('rpc/harness-rpc-communicator-upload-req-zero-time')), {}).body as { FileInfo: { T: GoTime } };
  assert.ok(zero.FileInfo.T.isZero());

  const failed = rpcFamily.decode(bytesOf(byId('rpc/harness-rpc-builder-run-resp-error')), {});
  assert.is(failed.direction, 'response');
  assert.ok(failed.direction === 'response' && failed.header.error === 'Build was halted.');
  assert.equal(failed.body, {});
});

test("frame reader: all Go messages back to back, in random chunks, give Go's views in order", () => {
  const files = rpcVectors.map(bytesOf);
  const expects = rpcVectors.map(expectOf);
  const stream = new Uint8Array(files.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of files) {
    stream.set(f, at);
    at += f.length;
  }
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 20 }), (sizes) => {
      const rd = new RpcFrameReader();
      const got: RpcMessage[] = [];
      for (let i = 0, k = 0; i < stream.length; k++) {
        const n = sizes[k % sizes.length]!;
        rd.push(stream.subarray(i, i + n));
        i += n;
        for (const m of rd.messages()) got.push(m);
      }
      rd.finish();
      assert.is(got.length, expects.length);
      got.forEach((m, i) => assert.is(canonicalDiff(JSON.parse(JSON.stringify(messageToCanonical(m))), expects[i]), null, rpcVectors[i]!.id));
    }),
    { numRuns: 25 },
  );
});

test('every strict prefix of every Go message is refused as truncated (and the reader waits)', () => {
  for (const v of rpcVectors) {
    const bytes = bytesOf(v);
    for (let n = 0; n < bytes.length; n++) {
      try {
        decodeMessage(bytes.subarray(0, n));
        assert.unreachable(`${v.id}: prefix ${n} accepted`);
      } catch (e) {
        assert.instance(e, WireError, v.id);
        assert.is((e as WireError).codec, 'rpc');
        assert.match((e as WireError).reason, /truncated|unexpected end|bytes left/, v.id);
      }
    }
    const rd = new RpcFrameReader();
    rd.push(bytes.subarray(0, bytes.length - 1));
    assert.is(rd.next(), undefined, v.id);
  }
});

test.run();
