/**
 * The platform's native text conversion, where it beats TextDecoder: on Node,
 * Buffer.prototype.utf8Slice (about 11% fewer instructions decoding the bench's
 * `msgpack-value.largest` corpus, whose strings are long). It replaces invalid sequences with
 * U+FFFD, so a result holding U+FFFD must be checked again by a fatal TextDecoder.
 *
 * Only the `node` build of the package uses this module: scripts/bundle.mjs builds the core twice,
 * `lib/chunks/core-node.js` with it and `lib/chunks/core.js` (browsers, workers, anything not Node)
 * with `nativeUtf8Slice = undefined` in its place, so the browser core names no Node global; the
 * package's `#core` import picks one by the `node` condition. dist/ (tests, bench) runs this one.
 */
export type Utf8Slice = (this: Uint8Array, start: number, end: number) => string;

export const nativeUtf8Slice: Utf8Slice | undefined = (() => {
  const f = (globalThis as { Buffer?: { prototype?: { utf8Slice?: unknown } } }).Buffer?.prototype?.utf8Slice;
  if (typeof f !== 'function') return undefined;
  try {
    return (f as Utf8Slice).call(Uint8Array.of(0x61, 0xc3, 0xa9), 0, 3) === 'a\u00e9' ? (f as Utf8Slice) : undefined;
  } catch {
    return undefined;
  }
})();
