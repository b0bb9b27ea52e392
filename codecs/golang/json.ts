/**
 * Go's encoding/json output for strings and float64s, the parts we reproduce byte for byte.
 * Checked against Go for every code point by conformance/runner/golang.test.ts.
 */
import { ByteWriter } from '../wire/writer.js';

const HEX = '0123456789abcdef';

/** 1 where an ASCII byte is written as is by Go's encoder with HTML escaping on. */
const HTML_SAFE = asciiSafeSet(true);
/** 1 where an ASCII byte is written as is with HTML escaping off (json.Encoder.SetEscapeHTML(false)). */
const SAFE = asciiSafeSet(false);

function asciiSafeSet(html: boolean): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0x20; c < 0x80; c++) t[c] = 1;
  t[0x22] = 0;
  t[0x5c] = 0;
  if (html) for (const c of [0x3c, 0x3e, 0x26]) t[c] = 0;
  return t;
}

export interface GoJsonStringOptions {
  /** `<`, `>`, `&` as \u003c \u003e \u0026: json.Marshal and a default json.Encoder do (default true). */
  readonly escapeHTML?: boolean;
}

/**
 * Appends s as a JSON string literal exactly as Go's encoding/json writes it: `"` and `\` escaped,
 * \b \f \n \r \t short forms, other control bytes as \u00XX, U+2028 / U+2029 as \u escapes, `<>&`
 * as \u escapes when `escapeHTML` (the default), everything else as UTF-8. A lone UTF-16 surrogate
 * is what Go sees as invalid UTF-8, written as `\ufffd`.
 */
export function writeGoJsonString(w: ByteWriter, s: string, opts: GoJsonStringOptions = {}): void {
  const safe = opts.escapeHTML === false ? SAFE : HTML_SAFE;
  w.ensure(s.length * 6 + 2);
  const b = w.buf;
  let p = w.pos;
  b[p++] = 0x22;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (safe[c]) {
        b[p++] = c;
        continue;
      }
      b[p++] = 0x5c;
      switch (c) {
        case 0x22:
        case 0x5c:
          b[p++] = c;
          break;
        case 0x08:
          b[p++] = 0x62;
          break;
        case 0x0c:
          b[p++] = 0x66;
          break;
        case 0x0a:
          b[p++] = 0x6e;
          break;
        case 0x0d:
          b[p++] = 0x72;
          break;
        case 0x09:
          b[p++] = 0x74;
          break;
        default:
          b[p++] = 0x75;
          b[p++] = 0x30;
          b[p++] = 0x30;
          b[p++] = HEX.charCodeAt(c >> 4);
          b[p++] = HEX.charCodeAt(c & 15);
      }
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      b[p++] = 0x5c;
      b[p++] = 0x75;
      b[p++] = 0x32;
      b[p++] = 0x30;
      b[p++] = 0x32;
      b[p++] = HEX.charCodeAt(c & 15);
      continue;
    }
    if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        b[p++] = 0xf0 | (cp >> 18);
        b[p++] = 0x80 | ((cp >> 12) & 63);
        b[p++] = 0x80 | ((cp >> 6) & 63);
        b[p++] = 0x80 | (cp & 63);
        i++;
      } else {
        for (const x of [0x5c, 0x75, 0x66, 0x66, 0x66, 0x64]) b[p++] = x;
      }
    } else {
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 63);
      b[p++] = 0x80 | (c & 63);
    }
  }
  b[p++] = 0x22;
  w.pos = p;
}

const utf8Text = new TextDecoder();

/** {@link writeGoJsonString} as text. */
export function goJsonString(s: string, opts: GoJsonStringOptions = {}): string {
  const w = new ByteWriter(s.length + 16);
  writeGoJsonString(w, s, opts);
  return utf8Text.decode(w.bytes());
}

/**
 * A float64 as Go's encoding/json writes it: shortest digits, %f form unless the magnitude is
 * below 1e-6 or at least 1e21 (then %e with at least one exponent digit), "-0" for negative zero.
 * Go refuses NaN and infinities; so does this (undefined).
 */
export function goJsonFloat(x: number): string | undefined {
  if (!Number.isFinite(x)) return undefined;
  if (Object.is(x, -0)) return '-0';
  // ECMAScript's Number::toString makes the same choices (shortest digits, the same %e bounds,
  // "e+21" / "e-7" exponents) as Go's encoding/json.
  return String(x);
}

/**
 * The character a JSON one-letter escape stands for (backslash then one of `"\/bfnrt`),
 * given the byte after the backslash; undefined for `u` (four hex digits follow) and for bytes
 * that are no escape (encoding/json's scanner refuses those).
 */
export function jsonEscapedChar(code: number): string | undefined {
  switch (code) {
    case 0x22:
      return '"';
    case 0x5c:
      return '\\';
    case 0x2f:
      return '/';
    case 0x62:
      return '\b';
    case 0x66:
      return '\f';
    case 0x6e:
      return '\n';
    case 0x72:
      return '\r';
    case 0x74:
      return '\t';
    default:
      return undefined;
  }
}
