/**
 * Small Go string facts go-cty relies on: crc32 IEEE (the set bucket hash) and the NFC
 * normalisation cty.StringVal applies. (`%q`, strconv.Quote, is in codecs/golang.)
 */

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
