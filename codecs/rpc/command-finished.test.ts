/** CommandFinished against Go's gob bytes (gob-generic vectors harness-sdk-command-finished-*). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeCommandFinished, encodeCommandFinished } from './command-finished.js';
import { WireError } from '../wire/errors.js';

const dir = process.env['PACKER_WIRE_VECTORS'] ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../vectors');
interface Entry {
  id: string;
  file: string;
  expect: string;
  context: { gobTypeIds?: number[] };
}
const manifest = join(dir, 'manifest.json');
const vectors: Entry[] = existsSync(manifest)
  ? (JSON.parse(readFileSync(manifest, 'utf8')).vectors as Entry[]).filter((v) => v.id.startsWith('gob-generic/harness-sdk-command-finished-'))
  : [];

test("decodes Go's CommandFinished streams and re-encodes them byte for byte with Go's type id", () => {
  assert.ok(vectors.length > 0, `no CommandFinished vectors in ${manifest}`);
  for (const v of vectors) {
    const bytes = new Uint8Array(readFileSync(join(dir, v.file)));
    // gob leaves zero-valued fields off the wire, and the expect lists only what is on the wire
    const fields = JSON.parse(readFileSync(join(dir, v.expect), 'utf8')).values[0].$struct.fields;
    const want = (fields.ExitStatus?.$int ?? '0') as string;
    const got = decodeCommandFinished(bytes);
    assert.is(got.ExitStatus, BigInt(want), v.id);
    assert.equal(encodeCommandFinished(got, { typeId: v.context.gobTypeIds![0] }), bytes, v.id);
  }
});

test('a truncated CommandFinished stream is a WireError', () => {
  const bytes = new Uint8Array(readFileSync(join(dir, vectors[0]!.file)));
  assert.throws(
    () => decodeCommandFinished(bytes.subarray(0, bytes.length - 1)),
    (e: unknown) => e instanceof WireError,
  );
});

test.run();
