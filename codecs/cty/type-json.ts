/**
 * go-cty's JSON type syntax (`cty.Type.MarshalJSON` / `UnmarshalJSON`), as bytes:
 * `"string"`, `"number"`, `"bool"`, `"dynamic"`, `["list",T]`, `["set",T]`, `["map",T]`,
 * `["tuple",[T,…]]` (`["tuple",null]` for a nil element list), `["object",{"name":T,…}]` with
 * names sorted and escaped as encoding/json writes map keys, plus `,["opt",…]` (sorted) when the
 * object has optional attributes. Reading accepts what Go accepts (`null` for the tuple list,
 * the attribute map or the optional list), except trailing bytes after the type.
 */
import { MAX_DEPTH } from '../wire/errors.js';
import { ByteWriter } from '../wire/writer.js';
import { NIL_TYPE_LIST, T, compareGoStrings, objectType, primitiveTypeNamed, sortedAttrNames, type CtyType } from './types.js';
import { decodeUtf8 } from '../msgpack/str.js';
import { writeGoJsonString } from '../golang/json.js';
import { JsonCursor, writeAscii } from './json-text.js';
import { ctyNormalize } from './gostring.js';

/** Appends the JSON of t exactly as go-cty's `Type.MarshalJSON` writes it. */
export function writeTypeJSON(w: ByteWriter, t: CtyType): void {
  switch (t.kind) {
    case 'string':
      return writeAscii(w, '"string"');
    case 'number':
      return writeAscii(w, '"number"');
    case 'bool':
      return writeAscii(w, '"bool"');
    case 'dynamic':
      return writeAscii(w, '"dynamic"');
    case 'list':
    case 'set':
    case 'map':
      writeAscii(w, `["${t.kind}",`);
      writeTypeJSON(w, t.elem);
      return w.writeByte(0x5d);
    case 'tuple': {
      writeAscii(w, '["tuple",');
      const elems = t.elems;
      if (elems === NIL_TYPE_LIST) writeAscii(w, 'null');
      else {
        w.writeByte(0x5b);
        for (let i = 0; i < elems.length; i++) {
          if (i > 0) w.writeByte(0x2c);
          writeTypeJSON(w, elems[i]!);
        }
        w.writeByte(0x5d);
      }
      return w.writeByte(0x5d);
    }
    case 'object': {
      writeAscii(w, '["object",{');
      const names = sortedAttrNames(t.attrs);
      for (let i = 0; i < names.length; i++) {
        if (i > 0) w.writeByte(0x2c);
        writeGoJsonString(w, names[i]!);
        w.writeByte(0x3a);
        writeTypeJSON(w, t.attrs.get(names[i]!)!);
      }
      w.writeByte(0x7d);
      if (t.optional.size > 0) {
        writeAscii(w, ',[');
        [...t.optional].sort(compareGoStrings).forEach((n, i) => {
          if (i > 0) w.writeByte(0x2c);
          writeGoJsonString(w, n);
        });
        w.writeByte(0x5d);
      }
      return w.writeByte(0x5d);
    }
  }
}

const bytesCache = new WeakMap<CtyType, Uint8Array>();

/** The type JSON bytes of t (cached per type object; do not modify the result). */
export function typeJSONBytes(t: CtyType): Uint8Array {
  let b = bytesCache.get(t);
  if (!b) {
    const w = new ByteWriter(64);
    writeTypeJSON(w, t);
    b = w.finish();
    bytesCache.set(t, b);
  }
  return b;
}

/** Reads one type at the cursor (go-cty's `Type.UnmarshalJSON` on one JSON value). */
export function readTypeJSON(c: JsonCursor, depth = 0): CtyType {
  if (depth > MAX_DEPTH) c.fail(`cty type nested deeper than ${MAX_DEPTH}`);
  const k = c.peek();
  const at = c.pos;
  if (k === 'string') {
    const name = c.string();
    return primitiveTypeNamed(name) ?? c.fail(`invalid primitive type name ${JSON.stringify(name)}`, at);
  }
  if (k !== '[') return c.fail('invalid type description: expected a type name or [kind, …]', at);
  c.pos++;
  if (c.peek() !== 'string') c.fail('invalid complex type kind name');
  const kindAt = c.pos;
  const kind = c.string();
  c.expect(0x2c, "',' after type kind");
  let t: CtyType;
  switch (kind) {
    case 'list':
      t = T.list(readTypeJSON(c, depth + 1));
      break;
    case 'set':
      t = T.set(readTypeJSON(c, depth + 1));
      break;
    case 'map':
      t = T.map(readTypeJSON(c, depth + 1));
      break;
    case 'tuple': {
      if (c.peek() === 'null') {
        c.literal('null');
        t = T.tuple(NIL_TYPE_LIST);
        break;
      }
      c.expect(0x5b, "'[' for tuple element types");
      const elems: CtyType[] = [];
      for (let first = true; c.more(first, 0x5d); first = false) elems.push(readTypeJSON(c, depth + 1));
      t = T.tuple(elems);
      break;
    }
    case 'object': {
      const attrs = new Map<string, CtyType>();
      if (c.peek() === 'null') c.literal('null');
      else {
        c.expect(0x7b, "'{' for object attribute types");
        for (let first = true; c.more(first, 0x7d); first = false) {
          if (c.peek() !== 'string') c.fail('expected attribute name string');
          const name = ctyNormalize(c.string());
          c.expect(0x3a, "':' after attribute name");
          attrs.set(name, readTypeJSON(c, depth + 1)); // a repeated name: the last one wins, as in Go
        }
      }
      const optional: string[] = [];
      if (c.more(false, 0x5d)) {
        const optAt = c.pos;
        if (c.peek() === 'null') c.literal('null');
        else {
          c.expect(0x5b, "'[' for optional attribute names");
          for (let first = true; c.more(first, 0x5d); first = false) {
            if (c.peek() !== 'string') c.fail('optional attribute name must be a string');
            const name = ctyNormalize(c.string());
            if (!attrs.has(name)) c.fail(`optional contains undeclared attribute ${JSON.stringify(name)}`, optAt);
            optional.push(name);
          }
        }
        c.expect(0x5d, "']' after object type");
      }
      return T.object(attrs, optional);
    }
    default:
      return c.fail(`invalid complex type kind name ${JSON.stringify(kind)}`, kindAt);
  }
  c.expect(0x5d, "']' closing the type description");
  return t;
}

/**
 * Parses standalone type JSON bytes (e.g. the bin in go-cty msgpack's dynamic wrapper); `base` is
 * added to error offsets, `depth` is the nesting the type sits at.
 */
export function parseTypeJSON(bytes: Uint8Array, base = 0, depth = 0): CtyType {
  const f = new CompactTypeReader(bytes);
  const ft = f.type(depth);
  if (ft !== undefined && f.pos === bytes.length) return ft;
  const c = new JsonCursor(bytes, 0, bytes.length, base);
  const t = readTypeJSON(c, depth);
  c.end_();
  return t;
}

// ---------------------------------------------------------------------------------------------
// Reading type JSON as Go writes it, fast

/** True when b[i, i+w.length) holds the ASCII text w. */
function textAt(b: Uint8Array, i: number, end: number, w: string): boolean {
  const n = w.length;
  if (i + n > end) return false;
  for (let j = 0; j < n; j++) if (b[i + j] !== w.charCodeAt(j)) return false;
  return true;
}

/**
 * A reader of type JSON in the form go-cty's MarshalJSON writes (no whitespace, names of printable
 * ASCII without escapes, no `null` lists), building the types directly. Anything else (and every
 * error) makes it give up, and the caller parses the text again with the full reader, which
 * accepts what Go accepts and reports errors.
 */
class CompactTypeReader {
  pos = 0;
  readonly end: number;
  constructor(readonly b: Uint8Array) {
    this.end = b.length;
  }

  /** A type at pos, or undefined to give up. */
  type(depth: number): CtyType | undefined {
    const b = this.b;
    const i = this.pos;
    const end = this.end;
    if (depth > MAX_DEPTH || i + 2 >= end) return undefined;
    if (b[i] === 0x22) {
      // "string", "number", "bool", "dynamic": told apart by their first letter
      let t: CtyType;
      let text: string;
      switch (b[i + 1]) {
        case 0x73:
          (t = T.String), (text = '"string"');
          break;
        case 0x6e:
          (t = T.Number), (text = '"number"');
          break;
        case 0x62:
          (t = T.Bool), (text = '"bool"');
          break;
        case 0x64:
          (t = T.DynamicPseudoType), (text = '"dynamic"');
          break;
        default:
          return undefined;
      }
      if (!textAt(b, i, end, text)) return undefined;
      this.pos = i + text.length;
      return t;
    }
    // ["list", ["set", ["map", ["object",{ ["tuple",[
    const kind = b[i + 2];
    let t: CtyType | undefined;
    if (kind === 0x6c && textAt(b, i, end, '["list",')) {
      this.pos = i + 8;
      t = this.type(depth + 1);
      if (t !== undefined) t = T.list(t);
    } else if (kind === 0x73 && textAt(b, i, end, '["set",')) {
      this.pos = i + 7;
      t = this.type(depth + 1);
      if (t !== undefined) t = T.set(t);
    } else if (kind === 0x6d && textAt(b, i, end, '["map",')) {
      this.pos = i + 7;
      t = this.type(depth + 1);
      if (t !== undefined) t = T.map(t);
    } else if (kind === 0x6f && textAt(b, i, end, '["object",{')) {
      this.pos = i + 11;
      t = this.object(depth);
    } else if (kind === 0x74 && textAt(b, i, end, '["tuple",[')) {
      this.pos = i + 10;
      t = this.tuple(depth);
    } else return undefined;
    if (t === undefined || this.pos >= end || b[this.pos] !== 0x5d) return undefined;
    this.pos++;
    return t;
  }

  /** A name: '"' printable ASCII other than '"' and '\' '"'. */
  name(): string | undefined {
    const b = this.b;
    const start = this.pos + 1;
    if (b[this.pos] !== 0x22) return undefined;
    let p = start;
    for (;;) {
      if (p >= this.end) return undefined;
      const c = b[p]!;
      if (c === 0x22) break;
      if (c < 0x20 || c > 0x7e || c === 0x5c) return undefined;
      p++;
    }
    this.pos = p + 1;
    return decodeUtf8(b, start, p - start);
  }

  /** Element types up to and including the closing ']'. */
  tuple(depth: number): CtyType | undefined {
    const elems: CtyType[] = [];
    if (this.b[this.pos] === 0x5d) {
      this.pos++;
      return T.tuple(elems);
    }
    for (;;) {
      const e = this.type(depth + 1);
      if (e === undefined) return undefined;
      elems.push(e);
      const c = this.b[this.pos++];
      if (c === 0x5d) return T.tuple(elems);
      if (c !== 0x2c) return undefined;
    }
  }

  /** Attributes up to and including the closing '}', then the optional list, if any. */
  object(depth: number): CtyType | undefined {
    const b = this.b;
    const attrs = new Map<string, CtyType>();
    let optional: Set<string> | undefined;
    if (b[this.pos] === 0x7d) this.pos++;
    else
      for (;;) {
        const name = this.name();
        if (name === undefined || b[this.pos++] !== 0x3a) return undefined;
        const at = this.type(depth + 1);
        if (at === undefined) return undefined;
        attrs.set(name, at);
        const c = b[this.pos++];
        if (c === 0x7d) break;
        if (c !== 0x2c) return undefined;
      }
    if (b[this.pos] === 0x2c) {
      // ,["opt",…]
      if (b[this.pos + 1] !== 0x5b) return undefined;
      this.pos += 2;
      if (b[this.pos] === 0x5d) this.pos++;
      else
        for (;;) {
          const name = this.name();
          if (name === undefined || !attrs.has(name)) return undefined;
          (optional ??= new Set()).add(name);
          const c = b[this.pos++];
          if (c === 0x5d) break;
          if (c !== 0x2c) return undefined;
        }
    }
    return objectType(attrs, optional);
  }
}
