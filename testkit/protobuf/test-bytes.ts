/**
 * Test support: a tiny builder of protobuf field bytes, for writing (possibly malformed) inputs in
 * tests by hand. Never used to produce expected output.
 */
export type Bytes = number[];

export function varint(n: number | bigint): Bytes {
  let v = BigInt(n);
  const out: Bytes = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

export const tag = (field: number, wireType: number): Bytes => varint(field * 8 + wireType);
/** Length-delimited field holding the concatenation of `parts`. */
export const ld = (field: number, ...parts: Bytes[]): Bytes => {
  const payload = parts.flat();
  return [...tag(field, 2), ...varint(payload.length), ...payload];
};
export const str = (field: number, s: string): Bytes => ld(field, [...new TextEncoder().encode(s)]);
export const uint = (field: number, n: number | bigint): Bytes => [...tag(field, 0), ...varint(n)];
export const u8 = (...parts: Bytes[]): Uint8Array => Uint8Array.from(parts.flat());

/** hcl_spec.proto messages as field bytes (each returns the body of the named message). */
export const pb = {
  /** CtyType body holding a primitive. */
  prim: (typeString: string): Bytes => ld(1, str(1, typeString)),
  listOf: (elemTypeBody: Bytes): Bytes => ld(2, ld(1, elemTypeBody)),
  mapOf: (elemTypeBody: Bytes): Bytes => ld(3, ld(1, elemTypeBody)),
  /** Spec body holding an Attr. */
  attr: (name: string, typeBody: Bytes | null, required = false, ...extra: Bytes[]): Bytes =>
    ld(2, name ? str(1, name) : [], typeBody ? ld(2, typeBody) : [], required ? uint(3, 1) : [], ...extra),
  /** Spec body holding a Block. */
  block: (name: string, nestedSpecBody: Bytes | null, required = false): Bytes =>
    ld(3, name ? str(1, name) : [], required ? uint(2, 1) : [], nestedSpecBody ? ld(3, nestedSpecBody) : []),
  /** Spec body holding a BlockList. */
  blockList: (name: string, nestedSpecBody: Bytes | null): Bytes => ld(4, name ? str(1, name) : [], nestedSpecBody ? ld(2, nestedSpecBody) : []),
  /** Spec body holding an Object with the given entries (key, Spec body). */
  object: (...entries: [string, Bytes][]): Bytes => ld(1, ...entries.map(([k, v]) => ld(1, str(1, k), ld(2, v)))),
};
