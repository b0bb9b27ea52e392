/**
 * Small Go string facts go-cty relies on: `fmt.Sprintf("%q", s)` (strconv.Quote, used in set hash
 * strings), crc32 IEEE (the set bucket hash), and the NFC normalisation cty.StringVal applies.
 */

import { GO_PRINT_RANGES } from './goprint-table.js';

/**
 * Go's strconv.IsPrint for a code point (letters, marks, numbers, punctuation, symbols, U+0020),
 * from Go's own Unicode tables (JS engines may know a newer Unicode version).
 */
export function goIsPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  const t = GO_PRINT_RANGES;
  let lo = 0;
  let hi = t.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < t[2 * mid]!) hi = mid - 1;
    else if (cp > t[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

const HEX = '0123456789abcdef';
const hex = (v: number, width: number): string => {
  let s = '';
  for (let i = width - 1; i >= 0; i--) s += HEX[(v >>> (i * 4)) & 15];
  return s;
};

/** Go's `strconv.Quote(s)` (what `%q` prints) for a valid UTF-8 string. */
export function goQuote(s: string): string {
  let out = '"';
  let plainFrom = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) continue;
    let cp = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        width = 2;
      }
    } else if (c >= 0xd800 && c <= 0xdfff) cp = 0xfffd; // lone surrogate: what UTF-8 encoding makes of it
    if (cp >= 0x80 && goIsPrint(cp)) {
      i += width - 1;
      continue;
    }
    out += s.slice(plainFrom, i);
    plainFrom = i + width;
    i += width - 1;
    out += escapeRune(cp);
  }
  return out + s.slice(plainFrom) + '"';
}

function escapeRune(cp: number): string {
  switch (cp) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  if (cp < 0x10000) return '\\u' + hex(cp, 4);
  return '\\U' + hex(cp, 8);
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

const utf8 = new TextEncoder();

/** crc32.ChecksumIEEE of the UTF-8 bytes of s, as an unsigned number. */
export function crc32String(s: string): number {
  let crc = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      crc = CRC_TABLE[(crc ^ c) & 0xff]! ^ (crc >>> 8);
      continue;
    }
    // Non-ASCII: encode the rest once and finish over bytes.
    const bytes = utf8.encode(s.slice(i));
    for (let j = 0; j < bytes.length; j++) crc = CRC_TABLE[(crc ^ bytes[j]!) & 0xff]! ^ (crc >>> 8);
    break;
  }
  return (crc ^ -1) >>> 0;
}

/** cty.StringVal's NFC normalisation (strings with no code unit at or above U+0300 are already NFC). */
export function ctyNormalize(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x300) return s.normalize('NFC');
  return s;
}
