/**
 * Protobuf bytes of a `Spec` (proto/hcl_spec.proto) -> the plain messages of
 * codecs/hclspec/proto-types.ts, by hand over codecs/wire (the fast path; the protobufjs static
 * code in proto/ is the peer it is tested against).
 *
 * Decoding follows protobuf's rules as Go's protobuf runtime applies them:
 * - fields may come in any order; unknown fields, and known field numbers with a wire type other
 *   than their own, are skipped (groups included);
 * - a scalar or string field seen twice: the last one wins;
 * - a message field seen twice is merged (fields of the second overwrite / merge into the first);
 * - oneof: a member seen after a different member replaces it; the same member again merges;
 * - map entries may omit key or value (empty string / empty message), and a repeated key replaces
 *   the earlier entry;
 * - strings must be valid UTF-8 (proto3).
 * Every malformed input is a WireError('protobuf') with the offset where it was noticed:
 * truncated varints or payloads, lengths past the end of the enclosing message, field number 0
 * or above 2^29-1, wire types 6 / 7, unmatched group tags, nesting deeper than MAX_DEPTH
 * messages (map entries and groups count as levels).
 */
import { ByteReader } from '../wire/reader.js';
import { MAX_DEPTH } from '../wire/errors.js';
import { budgetFor, RETAINED_BYTES, type DecodeBudget, type DecodeOptions } from '../wire/limits.js';
import type {
  ProtoAttr,
  ProtoBlock,
  ProtoBlockList,
  ProtoCtyElement,
  ProtoCtyPrimitive,
  ProtoCtyType,
  ProtoObject,
  ProtoSpec,
} from '../hclspec/proto-types.js';
import { readBool, readLenEnd, readTag, skipField } from './wire-format.js';

/** Reads one top-level Spec message spanning all of `bytes`. */
export function readSpecMessage(bytes: Uint8Array, limits?: DecodeOptions | DecodeBudget): ProtoSpec {
  const r = new ByteReader(bytes, 'protobuf');
  r.budget = budgetFor(limits, bytes.length);
  return readSpec(r, 0, newSpec(0));
}

const newSpec = (at: number): ProtoSpec => ({ object: undefined, attr: undefined, blockValue: undefined, blockList: undefined, at });
const newType = (at: number): ProtoCtyType => ({ primitive: undefined, list: undefined, map: undefined, at });

/** Narrows r to a length-delimited payload; returns the end to restore with `leave`. */
function enter(r: ByteReader, what: string, depth: number): number {
  const end = readLenEnd(r, what);
  if (depth > MAX_DEPTH) r.fail(`messages nested deeper than ${MAX_DEPTH} levels`);
  // every message is an object (an empty one costs two bytes): the call's maxValues
  r.budget.addValues(1, 'protobuf', r.base + r.pos, 1, RETAINED_BYTES.protobufMessage);
  const outer = r.end;
  r.end = end;
  return outer;
}
const leave = (r: ByteReader, outer: number): void => {
  r.end = outer;
};

/**
 * Short ASCII strings (spec names, type strings) go through a small cache: ConfigSpecs repeat the
 * same names (an attribute's key and its name, "cty.String", ...), and a cached string is already
 * flat and hashed, which makes it cheap as a Map key. Bounded: CACHE_SIZE strings of at most
 * SHORT_STRING bytes each.
 */
const SHORT_STRING = 48;
const CACHE_SIZE = 1024;
const cache: (string | undefined)[] = new Array<string | undefined>(CACHE_SIZE).fill(undefined);

function sameAscii(s: string, b: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== b[start + i]) return false;
  return true;
}

function readString(r: ByteReader, what: string): string {
  const end = readLenEnd(r, what);
  const start = r.pos;
  const n = end - start;
  if (n <= SHORT_STRING) {
    const b = r.buf;
    let h = n;
    let p = start;
    for (; p < end; p++) {
      const c = b[p]!;
      if (c > 0x7f) break;
      h = Math.imul(h ^ c, 0x01000193);
    }
    if (p === end) {
      r.pos = end;
      const slot = (h ^ (h >>> 16)) & (CACHE_SIZE - 1);
      const hit = cache[slot];
      if (hit !== undefined && hit.length === n && sameAscii(hit, b, start)) return hit;
      // One flat string from the char codes (a += loop builds a chain of cons strings that every
      // Map lookup on new content then flattens).
      const codes = new Array<number>(n);
      for (let i = 0; i < n; i++) codes[i] = b[start + i]!;
      const s = String.fromCharCode.apply(null, codes);
      cache[slot] = s;
      return s;
    }
  }
  return r.readUtf8(n, what);
}

function readSpec(r: ByteReader, depth: number, m: ProtoSpec): ProtoSpec {
  while (r.pos < r.end) {
    const tagAt = r.pos;
    const tag = readTag(r);
    switch (tag) {
      case 0x0a: {
        const outer = enter(r, 'Spec.object', depth + 1);
        const cur = m.object ?? { entries: new Map<string, ProtoSpec>(), at: r.pos };
        m.attr = m.blockValue = m.blockList = undefined;
        m.object = readObject(r, depth + 1, cur);
        leave(r, outer);
        break;
      }
      case 0x12: {
        const outer = enter(r, 'Spec.attr', depth + 1);
        const cur = m.attr ?? { name: '', type: undefined, required: false, at: r.pos };
        m.object = m.blockValue = m.blockList = undefined;
        m.attr = readAttr(r, depth + 1, cur);
        leave(r, outer);
        break;
      }
      case 0x1a: {
        const outer = enter(r, 'Spec.block_value', depth + 1);
        const cur = m.blockValue ?? { name: '', required: false, nested: undefined, at: r.pos };
        m.object = m.attr = m.blockList = undefined;
        m.blockValue = readBlock(r, depth + 1, cur);
        leave(r, outer);
        break;
      }
      case 0x22: {
        const outer = enter(r, 'Spec.block_list', depth + 1);
        const cur = m.blockList ?? { name: '', nested: undefined, at: r.pos };
        m.object = m.attr = m.blockValue = undefined;
        m.blockList = readBlockList(r, depth + 1, cur);
        leave(r, outer);
        break;
      }
      default:
        skipField(r, tag, tagAt, depth);
    }
  }
  return m;
}

function readObject(r: ByteReader, depth: number, m: ProtoObject): ProtoObject {
  const entries = m.entries!;
  while (r.pos < r.end) {
    const tagAt = r.pos;
    const tag = readTag(r);
    if (tag !== 0x0a) {
      skipField(r, tag, tagAt, depth);
      continue;
    }
    const outer = enter(r, 'Object.attributes entry', depth + 1);
    const entryAt = r.pos;
    let key = '';
    let value: ProtoSpec | undefined;
    while (r.pos < r.end) {
      const at = r.pos;
      const t = readTag(r);
      if (t === 0x0a) key = readString(r, 'Object.attributes key');
      else if (t === 0x12) {
        const o = enter(r, 'Object.attributes value', depth + 2);
        value = readSpec(r, depth + 2, value ?? newSpec(r.pos));
        leave(r, o);
      } else skipField(r, t, at, depth + 1);
    }
    leave(r, outer);
    // A repeated key replaces the earlier entry (delete first so the Map keeps wire order).
    entries.delete(key);
    entries.set(key, value ?? newSpec(entryAt));
  }
  return m;
}

function readAttr(r: ByteReader, depth: number, m: ProtoAttr): ProtoAttr {
  while (r.pos < r.end) {
    const tagAt = r.pos;
    const tag = readTag(r);
    switch (tag) {
      case 0x0a:
        m.name = readString(r, 'Attr.name');
        break;
      case 0x12: {
        const outer = enter(r, 'Attr.type', depth + 1);
        m.type = readType(r, depth + 1, m.type ?? newType(r.pos));
        leave(r, outer);
        break;
      }
      case 0x18:
        m.required = readBool(r, 'Attr.required');
        break;
      default:
        skipField(r, tag, tagAt, depth);
    }
  }
  return m;
}

function readBlock(r: ByteReader, depth: number, m: ProtoBlock): ProtoBlock {
  while (r.pos < r.end) {
    const tagAt = r.pos;
    const tag = readTag(r);
    switch (tag) {
      case 0x0a:
        m.name = readString(r, 'Block.name');
        break;
      case 0x10:
        m.required = readBool(r, 'Block.required');
        break;
      case 0x1a: {
        const outer = enter(r, 'Block.nested', depth + 1);
        m.nested = readSpec(r, depth + 1, m.nested ?? newSpec(r.pos));
        leave(r, outer);
        break;
      }
      default:
        skipField(r, tag, tagAt, depth);
    }
  }
  return m;
}

function readBlockList(r: ByteReader, depth: number, m: ProtoBlockList): ProtoBlockList {
  while (r.pos < r.end) {
    const tagAt = r.pos;
    const tag = readTag(r);
    switch (tag) {
      case 0x0a:
        m.name = readString(r, 'BlockList.name');
        break;
      case 0x12: {
        const outer = enter(r, 'BlockList.nested', depth + 1);
        m.nested = readSpec(r, depth + 1, m.nested ?? newSpec(r.pos));
        leave(r, outer);
        break;
      }
      default:
        skipField(r, tag, tagAt, depth);
    }
  }
  return m;
}

function readType(r: ByteReader, depth: number, m: ProtoCtyType): ProtoCtyType {
  while (r.pos < r.end) {
    const tagAt = r.pos;
    const tag = readTag(r);
    switch (tag) {
      case 0x0a: {
        const outer = enter(r, 'CtyType.primitive', depth + 1);
        const cur = m.primitive ?? { typeString: '', at: r.pos };
        m.list = m.map = undefined;
        m.primitive = readPrimitive(r, depth + 1, cur);
        leave(r, outer);
        break;
      }
      case 0x12: {
        const outer = enter(r, 'CtyType.list', depth + 1);
        const cur = m.list ?? { elementType: undefined, at: r.pos };
        m.primitive = m.map = undefined;
        m.list = readElement(r, depth + 1, cur, 'CtyList.elementType');
        leave(r, outer);
        break;
      }
      case 0x1a: {
        const outer = enter(r, 'CtyType.map', depth + 1);
        const cur = m.map ?? { elementType: undefined, at: r.pos };
        m.primitive = m.list = undefined;
        m.map = readElement(r, depth + 1, cur, 'CtyMap.elementType');
        leave(r, outer);
        break;
      }
      default:
        skipField(r, tag, tagAt, depth);
    }
  }
  return m;
}

function readPrimitive(r: ByteReader, depth: number, m: ProtoCtyPrimitive): ProtoCtyPrimitive {
  while (r.pos < r.end) {
    const tagAt = r.pos;
    const tag = readTag(r);
    if (tag === 0x0a) m.typeString = readString(r, 'CtyPrimitive.typeString');
    else skipField(r, tag, tagAt, depth);
  }
  return m;
}

function readElement(r: ByteReader, depth: number, m: ProtoCtyElement, what: string): ProtoCtyElement {
  while (r.pos < r.end) {
    const tagAt = r.pos;
    const tag = readTag(r);
    if (tag === 0x0a) {
      const outer = enter(r, what, depth + 1);
      m.elementType = readType(r, depth + 1, m.elementType ?? newType(r.pos));
      leave(r, outer);
    } else skipField(r, tag, tagAt, depth);
  }
  return m;
}
