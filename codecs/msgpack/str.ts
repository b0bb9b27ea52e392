/**
 * msgpack `str` payloads <-> JS strings, fast, for both msgpack dialects we speak (ugorji for
 * net/rpc, vmihailenco for go-cty): both write fixstr (< 32 bytes), str8 (< 256), str16, str32.
 *
 * - Reading: short ASCII by hand (`shortAsciiString`, codecs/wire/utf8.ts), the rest through the
 *   platform's native UTF-8 slice when the build has one (codecs/wire/native-text.ts: Node's; a
 *   string without U+FFFD came from valid UTF-8, one with it is re-checked by a fatal TextDecoder),
 *   else TextDecoder. Invalid UTF-8 is reported, never replaced.
 * - Writing: one pass, no length pre-scan: the header is reserved for the smallest byte length
 *   (all ASCII), the bytes are written, and the payload is moved when the header turns out longer.
 */
import type { ByteWriter } from '../wire/writer.js';
import { shortAsciiString } from '../wire/utf8.js';
import { nativeUtf8Slice } from '../wire/native-text.js';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const te = new TextEncoder();

/**
 * The UTF-8 text in buf[start, start+n), or undefined when those bytes are not valid UTF-8 (the
 * caller reports it). The range must lie inside buf. A leading BOM is kept, as Go keeps it.
 */
export function decodeUtf8(buf: Uint8Array, start: number, n: number): string | undefined {
  const s = shortAsciiString(buf, start, n);
  if (s !== undefined) return s;
  if (nativeUtf8Slice !== undefined) {
    const s = nativeUtf8Slice.call(buf, start, start + n);
    if (s.indexOf('\ufffd') < 0) return s;
  }
  try {
    return fatal.decode(buf.subarray(start, start + n));
  } catch {
    return undefined;
  }
}

/** Strings up to this many UTF-16 units are encoded in JS; longer ones by TextEncoder.encodeInto. */
const JS_ENCODE_MAX = 48;

const isWellFormed: ((s: string) => boolean) | undefined = (() => {
  const f = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
  return typeof f === 'function' ? (s: string) => f.call(s) : undefined;
})();

/** True when s has no lone UTF-16 surrogate (so it has a UTF-8 form). */
export function wellFormed(s: string): boolean {
  if (isWellFormed) return isWellFormed(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c & 0xf800) !== 0xd800) continue;
    if (c > 0xdbff || i + 1 >= s.length || (s.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) return false;
    i++;
  }
  return true;
}

/** Size of the str header for a payload of n bytes. */
const headerSize = (n: number): number => (n < 32 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 5);

/**
 * Writes s as a msgpack str (header + UTF-8). With `strict`, a string holding a lone surrogate
 * writes nothing and returns false (the caller refuses it); without, a lone surrogate becomes
 * U+FFFD as TextEncoder makes it. Returns true when written.
 */
export function writeStrUtf8(w: ByteWriter, s: string, strict: boolean): boolean {
  const len = s.length;
  w.ensure(5 + len * 3);
  const buf = w.buf;
  const at = w.pos;
  const hdr = headerSize(len);
  let p = at + hdr;
  if (len <= JS_ENCODE_MAX) {
    for (let i = 0; i < len; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) buf[p++] = c;
      else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if ((c & 0xf800) !== 0xd800) {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      } else {
        const d = i + 1 < len ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && (d & 0xfc00) === 0xdc00) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          buf[p++] = 0xf0 | (c >> 18);
          buf[p++] = 0x80 | ((c >> 12) & 0x3f);
          buf[p++] = 0x80 | ((c >> 6) & 0x3f);
          buf[p++] = 0x80 | (c & 0x3f);
        } else {
          if (strict) return false;
          buf[p++] = 0xef;
          buf[p++] = 0xbf;
          buf[p++] = 0xbd;
        }
      }
    }
  } else {
    if (strict && !wellFormed(s)) return false;
    p += te.encodeInto(s, buf.subarray(p)).written;
  }
  const n = p - at - hdr;
  const h = headerSize(n);
  if (h !== hdr) buf.copyWithin(at + h, at + hdr, p);
  if (h === 1) buf[at] = 0xa0 | n;
  else if (h === 2) {
    buf[at] = 0xd9;
    buf[at + 1] = n;
  } else if (h === 3) {
    buf[at] = 0xda;
    buf[at + 1] = n >>> 8;
    buf[at + 2] = n & 0xff;
  } else {
    buf[at] = 0xdb;
    buf[at + 1] = n >>> 24;
    buf[at + 2] = (n >>> 16) & 0xff;
    buf[at + 3] = (n >>> 8) & 0xff;
    buf[at + 4] = n & 0xff;
  }
  w.pos = at + h + n;
  return true;
}

/** s as a whole msgpack str (header + UTF-8), for keys written once and copied thereafter. */
export function strBytes(s: string): Uint8Array {
  const len = s.length;
  if (len < 32) {
    // Short ASCII (attribute and field names): header and bytes in one array, no encoder call.
    const out = new Uint8Array(1 + len);
    out[0] = 0xa0 | len;
    let i = 0;
    for (; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      out[1 + i] = c;
    }
    if (i === len) return out;
  }
  const b = te.encode(s);
  const h = headerSize(b.length);
  const out = new Uint8Array(h + b.length);
  const n = b.length;
  if (h === 1) out[0] = 0xa0 | n;
  else if (h === 2) (out[0] = 0xd9), (out[1] = n);
  else if (h === 3) (out[0] = 0xda), (out[1] = n >>> 8), (out[2] = n & 0xff);
  else (out[0] = 0xdb), (out[1] = n >>> 24), (out[2] = (n >>> 16) & 0xff), (out[3] = (n >>> 8) & 0xff), (out[4] = n & 0xff);
  out.set(b, h);
  return out;
}

/** True when buf[p, p+key.length) equals key (false when the bytes run out first). */
export function bytesAt(buf: Uint8Array, p: number, end: number, key: Uint8Array): boolean {
  const n = key.length;
  if (p + n > end) return false;
  for (let j = 0; j < n; j++) if (buf[p + j] !== key[j]) return false;
  return true;
}

/** Appends src to w: short runs byte by byte (cheaper than a typed-array copy call), long ones by set(). */
export function putBytes(w: ByteWriter, src: Uint8Array): void {
  const n = src.length;
  if (n > 48) return w.writeBytes(src);
  if (w.pos + n > w.buf.length) w.ensure(n);
  const buf = w.buf;
  const p = w.pos;
  for (let i = 0; i < n; i++) buf[p + i] = src[i]!;
  w.pos = p + n;
}
