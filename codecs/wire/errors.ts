/**
 * The one error type every codec throws on bad input.
 *
 * A WireError always names the codec that refused the input, the byte offset where it noticed,
 * and a short reason. Codecs never throw anything else on bad input: a RangeError, TypeError or
 * stack overflow escaping a decoder is a bug.
 */
export type CodecName = 'gob' | 'protobuf' | 'msgpack' | 'cty-json' | 'cty' | 'hclspec' | 'rpc' | 'yamux' | 'protocol' | 'canonical';

export class WireError extends Error {
  override readonly name = 'WireError';
  constructor(
    readonly codec: CodecName,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${codec}: at byte ${offset}: ${reason}`);
  }
}

/** True when `e` is a WireError (also across realms / duplicate module copies). */
export function isWireError(e: unknown): e is WireError {
  return e instanceof WireError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'WireError');
}

/**
 * Nesting limit shared by every decoder that recurses. Go's own gob decoder caps nesting at
 * 10,000 (after CVE-2024-34156); we stop much earlier because no Packer payload comes close and a
 * JS stack frame is larger than a Go one.
 */
export const MAX_DEPTH = 1000;
