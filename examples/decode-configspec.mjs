// Decode a plugin's ConfigSpec in both protocol modes, from bytes a real Go plugin returned.
// Run: npm run build && node examples/decode-configspec.mjs
import { readFileSync } from 'node:fs';
import { decodeConfigSpec, encodeConfigSpec, decode, WireError } from 'packer-wire';

const vectors = new URL('../vectors/', import.meta.url);
const gobBytes = readFileSync(new URL('gob-spec/docker-sdk0.6.2-builder-default-configspec-gob.bin', vectors));
const protoBytes = readFileSync(new URL('proto-spec/docker-sdk0.6.2-builder-default-configspec-protobuf.bin', vectors));

const fromGob = decodeConfigSpec(gobBytes, 'gob'); // ObjectSpec model
const fromProto = decodeConfigSpec(protoBytes, 'protobuf');
console.log(`docker builder: ${fromGob.attrs.size} attributes (gob), ${fromProto.attrs.size} (protobuf)`);
console.log('image:', JSON.stringify(decode('gob-spec', gobBytes).$object.image));

// Re-encode for a v2 (protobuf) host: map entries in sorted key order.
const again = encodeConfigSpec(fromGob, 'protobuf');
console.log(`protobuf re-encoding: ${again.length} bytes (Go sent ${protoBytes.length})`);

// Bad input is always a WireError naming codec, offset and reason.
try {
  decodeConfigSpec(protoBytes.subarray(0, 100), 'protobuf');
} catch (e) {
  if (!(e instanceof WireError)) throw e;
  console.log(`truncated input: ${e.codec} error at byte ${e.offset}: ${e.reason}`);
}
