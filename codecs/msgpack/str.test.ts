/**
 * The fast str reader/writer against independent oracles: the platform's TextDecoder (fatal) and
 * TextEncoder for the UTF-8, and @msgpack/msgpack for the str header (it writes the same smallest
 * fixstr/str8/str16/str32 forms); plus the str lengths of Go's msgpack vectors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { encode as referenceEncode } from '@msgpack/msgpack';
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { vectors } from '../../testkit/vectors.js';
import { decodeUtf8, putBytes, strBytes, writeStrUtf8 } from './str.js';
import { M, readArrayLen, readStrOrBinLen } from './markers.js';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const te = new TextEncoder();

/** What TextDecoder(fatal) makes of bytes, undefined where it refuses them. */
function oracleDecode(b: Uint8Array): string | undefined {
  try {
    return fatal.decode(b);
  } catch {
    return undefined;
  }
}

// ---- arbitraries: byte strings that are mostly UTF-8, sometimes broken; strings around the size edges

const utf8Bytes = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => te.encode(s));
const broken = fc.tuple(utf8Bytes, fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([b, at, x]) => {
  const out = Uint8Array.from(b.length === 0 ? [x] : b);
  out[at % out.length] = x;
  return out;
});
const byteStrings = fc.oneof(utf8Bytes, broken, fc.uint8Array({ maxLength: 40 }));

const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'Z', '0', ' ', '~', '\u0000') },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ß', '\u07ff', '\u0800', '€', '\ufffd', '\ufeff') },
  { weight: 1, arbitrary: fc.constantFrom('😀', '\u{10ffff}', '\u{10000}') },
  { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udfff', '\udbff') },
);
/** No lone surrogate (encodeURIComponent refuses exactly those). */
const isWellFormed = (s: string): boolean => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};
const jsStrings = (maxLength: number) => fc.array(unit, { maxLength }).map((a) => a.join(''));
/** Strings whose UTF-8 length falls around 31/32, 255/256 and 65535/65536 bytes. */
const edgeStrings = fc
  .tuple(fc.constantFrom(28, 31, 32, 45, 47, 48, 49, 250, 255, 256, 65530, 65535, 65536), jsStrings(6))
  .map(([n, tail]) => 'x'.repeat(n) + tail);
const wellFormedStrings = fc.oneof(jsStrings(60), edgeStrings).filter(isWellFormed);

test('decodeUtf8 agrees with a fatal TextDecoder (undefined where it refuses), at any offset', () => {
  fc.assert(
    fc.property(byteStrings, fc.nat({ max: 4 }), (b, pad) => {
      const buf = new Uint8Array(pad + b.length + 3).fill(0xff);
      buf.set(b, pad);
      assert.is(decodeUtf8(buf, pad, b.length), oracleDecode(b));
    }),
    { numRuns: 3000 },
  );
});

test('writeStrUtf8 writes what @msgpack/msgpack writes for a well-formed string', () => {
  fc.assert(
    fc.property(wellFormedStrings, fc.nat({ max: 3 }), (s, pad) => {
      const w = new ByteWriter(4);
      for (let i = 0; i < pad; i++) w.writeByte(0xee);
      assert.ok(writeStrUtf8(w, s, true));
      assert.equal(w.bytes().subarray(pad), referenceEncode(s));
      const nonStrict = new ByteWriter(4);
      assert.ok(writeStrUtf8(nonStrict, s, false));
      assert.equal(nonStrict.bytes(), referenceEncode(s));
      assert.equal(strBytes(s), referenceEncode(s));
    }),
    { numRuns: 1500 },
  );
});

test('a lone surrogate: strict writes nothing and says so; otherwise it becomes what TextEncoder makes of it', () => {
  fc.assert(
    fc.property(
      fc.oneof(jsStrings(60), edgeStrings).filter((s) => !isWellFormed(s)),
      (s) => {
        const w = new ByteWriter(8);
        w.writeByte(0x01);
        assert.is(writeStrUtf8(w, s, true), false);
        assert.is(w.pos, 1);
        assert.ok(writeStrUtf8(w, s, false));
        const r = new ByteReader(w.bytes(), 'msgpack', 1);
        const n = readStrOrBinLen(r, 'str');
        assert.equal(r.readBytes(n), te.encode(s));
        assert.ok(r.atEnd());
      },
    ),
    { numRuns: 500 },
  );
});

test("Go's strings: every fixstr/str8/str16 of the msgpack-value vectors re-encodes to Go's bytes", () => {
  let checked = 0;
  const forms = new Set<string>();
  for (const v of vectors('msgpack-value')) {
    const b = v.bytes;
    // Walk the top level and one array level for str values (the simple shapes; enough to cover each header form).
    const r = new ByteReader(b, 'msgpack');
    const first = b[0]!;
    const n = (first & 0xf0) === 0x90 || first === 0xdc || first === 0xdd ? readArrayLen(r, 'tuple') : 1;
    for (let i = 0; i < n && !r.atEnd(); i++) {
      const c = b[r.pos]!;
      const isStr = (c >= 0xa0 && c <= 0xbf) || c === M.Str8 || c === M.Str16 || c === M.Str32;
      if (!isStr) break;
      const at = r.pos;
      const len = readStrOrBinLen(r, 'str');
      const s = decodeUtf8(b, r.pos, len);
      r.skip(len);
      if (s === undefined || s.normalize('NFC') !== s) continue;
      const w = new ByteWriter(8);
      writeStrUtf8(w, s, true);
      assert.equal(w.bytes(), b.subarray(at, r.pos), `${v.id} element ${i}`);
      forms.add(c === M.Str8 ? 'str8' : c === M.Str16 ? 'str16' : c === M.Str32 ? 'str32' : 'fixstr');
      checked++;
    }
  }
  assert.ok(checked > 10, `only ${checked} Go strings checked`);
  for (const f of ['fixstr', 'str8', 'str16']) assert.ok(forms.has(f), `no Go ${f} met (${[...forms].join(', ')})`);
});

test('putBytes appends short and long runs alike', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 120 }), { maxLength: 8 }), (parts) => {
      const w = new ByteWriter(1);
      for (const p of parts) putBytes(w, p);
      const want = Uint8Array.from(parts.flatMap((p) => [...p]));
      assert.equal(w.bytes(), want);
    }),
  );
});

test.run();
