/**
 * Protobuf wire-format basics over codecs/wire: tags, wire types, skipping unknown fields.
 *
 * A field is a varint tag `(fieldNumber << 3) | wireType` followed by its payload. Field numbers
 * run from 1 to 2^29-1. Wire types: 0 varint (at most 10 bytes), 1 fixed 8 bytes, 2 varint length
 * then that many bytes, 3 / 4 start / end of a group (legacy; skipped as a whole), 5 fixed 4
 * bytes; 6 and 7 do not exist.
 */
import type { ByteReader } from '../wire/reader.js';
import { MAX_DEPTH } from '../wire/errors.js';

export const WireType = {
  Varint: 0,
  Fixed64: 1,
  Len: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

export const MAX_FIELD_NUMBER = 2 ** 29 - 1;

/** Reads a tag; refuses field number 0, numbers past 2^29-1 and wire types 6 and 7. */
export function readTag(r: ByteReader): number {
  const at = r.pos;
  const tag = r.readVarint('field tag');
  const field = Math.floor(tag / 8);
  if (field < 1 || field > MAX_FIELD_NUMBER) r.fail(`invalid field number ${field}`, at);
  const wt = tag % 8;
  if (wt > 5) r.fail(`invalid wire type ${wt} (field ${field})`, at);
  return tag;
}

/** Field number and wire type of a tag read by readTag. */
export const fieldOf = (tag: number): number => Math.floor(tag / 8);
export const wireTypeOf = (tag: number): number => tag % 8;

/**
 * Reads the length of a length-delimited field and checks it against the bytes left in the
 * current message; returns the end offset of the payload.
 */
export function readLenEnd(r: ByteReader, what: string): number {
  const at = r.pos;
  const n = r.readVarint(`length of ${what}`);
  if (n > r.end - r.pos) r.fail(`length ${n} of ${what} runs past the end of its message (${r.end - r.pos} bytes left)`, at);
  return r.pos + n;
}

/** Skips one varint of up to 10 bytes (a 10th byte above 1 overflows 64 bits). */
export function skipVarint(r: ByteReader, what: string): void {
  r.readVarint64(what);
}

/** Reads a varint-encoded bool: any non-zero value is true. */
export function readBool(r: ByteReader, what: string): boolean {
  return r.readVarint64(what) !== 0n;
}

/**
 * Skips the payload of a field with the given tag (an unknown field, or a known field number with
 * a wire type other than its own, which protobuf also treats as unknown). Groups are skipped up
 * to their matching end tag; `depth` counts towards MAX_DEPTH like nested messages.
 */
export function skipField(r: ByteReader, tag: number, tagAt: number, depth: number): void {
  const field = fieldOf(tag);
  switch (wireTypeOf(tag)) {
    case WireType.Varint:
      return skipVarint(r, `varint field ${field}`);
    case WireType.Fixed64:
      return r.skip(8, `fixed64 field ${field}`);
    case WireType.Fixed32:
      return r.skip(4, `fixed32 field ${field}`);
    case WireType.Len:
      r.pos = readLenEnd(r, `field ${field}`);
      return;
    case WireType.StartGroup:
      return skipGroup(r, field, depth + 1);
    default:
      return r.fail(`end-group tag for field ${field} without a matching start`, tagAt);
  }
}

function skipGroup(r: ByteReader, field: number, depth: number): void {
  const start = r.pos;
  if (depth > MAX_DEPTH) r.fail(`groups nested deeper than ${MAX_DEPTH} levels`);
  for (;;) {
    if (r.pos >= r.end) r.fail(`group of field ${field} has no end-group tag`, start);
    const tagAt = r.pos;
    const tag = readTag(r);
    if (wireTypeOf(tag) === WireType.EndGroup) {
      if (fieldOf(tag) !== field) r.fail(`end-group tag for field ${fieldOf(tag)} inside group of field ${field}`, tagAt);
      return;
    }
    skipField(r, tag, tagAt, depth);
  }
}
