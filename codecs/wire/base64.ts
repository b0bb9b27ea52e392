/**
 * Standard base64 (RFC 4648 section 4, padded), as Go's encoding/base64.StdEncoding writes and
 * strictly reads it, without Node's Buffer so the codec core runs anywhere.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();

/** Padded standard base64 of b. */
export function base64Encode(b: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!;
  }
  const rest = b.length - i;
  if (rest === 1) {
    const v = b[i]! << 16;
    out += `${ALPHABET[v >> 18]!}${ALPHABET[(v >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8);
    out += `${ALPHABET[v >> 18]!}${ALPHABET[(v >> 12) & 63]!}${ALPHABET[(v >> 6) & 63]!}=`;
  }
  return out;
}

/**
 * Bytes of padded standard base64 text, or undefined when it is not that (wrong length, a
 * character outside the alphabet, misplaced padding). Like Go's StdEncoding (not Strict), unused
 * low bits of the last character are ignored.
 */
export function base64Decode(s: string): Uint8Array | undefined {
  if (s.length % 4 !== 0) return undefined;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const last = i + 4 === s.length;
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = s.charCodeAt(i + k);
      if (last && k >= 4 - pad) {
        if (c !== 0x3d) return undefined;
        v <<= 6;
        continue;
      }
      const d = c < 128 ? VALUE[c]! : -1;
      if (d < 0) return undefined;
      v = (v << 6) | d;
    }
    if (last && pad === 2) {
      out[o++] = v >> 16;
    } else if (last && pad === 1) {
      out[o++] = v >> 16;
      out[o++] = (v >> 8) & 0xff;
    } else {
      out[o++] = v >> 16;
      out[o++] = (v >> 8) & 0xff;
      out[o++] = v & 0xff;
    }
  }
  return out;
}
