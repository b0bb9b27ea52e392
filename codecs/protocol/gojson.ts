/**
 * The small part of Go's encoding/json that the plugin handshake needs: a byte-level JSON reader
 * that accepts exactly what Go's scanner accepts (and decodes strings as Go's `unquote` does:
 * each invalid UTF-8 byte and each lone surrogate escape becomes U+FFFD), and Go's string
 * encoder as used by `json.Encoder` (HTML escaping on; codecs/golang) refusing lone surrogates.
 *
 * Objects keep every member in order, duplicates included: Go's decoder applies members one by
 * one, so a later duplicate overwrites an earlier one, and that is for the caller to reproduce.
 */
import { goJsonString, jsonEscapedChar } from '../golang/json.js';
import { WireError, MAX_DEPTH } from '../wire/index.js';
import { decodeUtf8Go, loneSurrogateAt } from '../wire/utf8.js';

export type GoJson =
  | { kind: 'null'; at: number }
  | { kind: 'bool'; at: number; value: boolean }
  | { kind: 'number'; at: number; text: string }
  | { kind: 'string'; at: number; value: string }
  | { kind: 'array'; at: number; items: GoJson[] }
  | { kind: 'object'; at: number; members: Array<{ key: string; keyAt: number; value: GoJson }> };

const ascii = new TextDecoder('latin1'); // only ever given bytes below 0x80

const fail = (at: number, reason: string): never => {
  throw new WireError('protocol', at, reason);
};

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Parses one JSON value filling the whole input (surrounding JSON whitespace allowed). */
export function parseGoJson(buf: Uint8Array): GoJson {
  const p = new JsonReader(buf);
  p.skipSpace();
  const v = p.value(0);
  p.skipSpace();
  if (p.pos < buf.length) fail(p.pos, `invalid character ${describeByte(buf[p.pos]!)} after top-level value`);
  return v;
}

function describeByte(c: number): string {
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `0x${c.toString(16).padStart(2, '0')}`;
}

class JsonReader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  skipSpace(): void {
    const b = this.buf;
    while (this.pos < b.length && isSpace(b[this.pos]!)) this.pos++;
  }

  private peek(what: string): number {
    if (this.pos >= this.buf.length) fail(this.pos, `unexpected end of JSON input in ${what}`);
    return this.buf[this.pos]!;
  }

  value(depth: number): GoJson {
    if (depth >= MAX_DEPTH) fail(this.pos, `JSON nested deeper than ${MAX_DEPTH}`);
    const at = this.pos;
    const c = this.peek('value');
    switch (c) {
      case 0x7b /* { */:
        return this.object(depth);
      case 0x5b /* [ */:
        return this.array(depth);
      case 0x22 /* " */:
        return { kind: 'string', at, value: this.string() };
      case 0x74 /* t */:
        this.literal('true');
        return { kind: 'bool', at, value: true };
      case 0x66 /* f */:
        this.literal('false');
        return { kind: 'bool', at, value: false };
      case 0x6e /* n */:
        this.literal('null');
        return { kind: 'null', at };
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return { kind: 'number', at, text: this.number() };
        return fail(at, `invalid character ${describeByte(c)} looking for beginning of value`);
    }
  }

  private literal(word: string): void {
    for (let i = 0; i < word.length; i++) {
      const c = this.peek('literal');
      if (c !== word.charCodeAt(i)) fail(this.pos, `invalid character ${describeByte(c)} in literal ${word}`);
      this.pos++;
    }
  }

  private digits(): number {
    const start = this.pos;
    while (this.pos < this.buf.length && this.buf[this.pos]! >= 0x30 && this.buf[this.pos]! <= 0x39) this.pos++;
    return this.pos - start;
  }

  private number(): string {
    const b = this.buf;
    const start = this.pos;
    if (b[this.pos] === 0x2d) this.pos++;
    const first = this.peek('number');
    if (first === 0x30) this.pos++;
    else if (first >= 0x31 && first <= 0x39) this.digits();
    else fail(this.pos, `invalid character ${describeByte(first)} in numeric literal`);
    if (b[this.pos] === 0x2e) {
      this.pos++;
      if (this.digits() === 0) fail(this.pos, 'missing digits after decimal point in numeric literal');
    }
    if (b[this.pos] === 0x65 || b[this.pos] === 0x45) {
      this.pos++;
      if (b[this.pos] === 0x2b || b[this.pos] === 0x2d) this.pos++;
      if (this.digits() === 0) fail(this.pos, 'missing digits in exponent of numeric literal');
    }
    return ascii.decode(b.subarray(start, this.pos));
  }

  private array(depth: number): GoJson {
    const at = this.pos++;
    const items: GoJson[] = [];
    this.skipSpace();
    if (this.peek('array') === 0x5d) {
      this.pos++;
      return { kind: 'array', at, items };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.peek('array');
      this.pos++;
      if (c === 0x5d) return { kind: 'array', at, items };
      if (c !== 0x2c) fail(this.pos - 1, `invalid character ${describeByte(c)} after array element`);
    }
  }

  private object(depth: number): GoJson {
    const at = this.pos++;
    const members: Array<{ key: string; keyAt: number; value: GoJson }> = [];
    this.skipSpace();
    if (this.peek('object') === 0x7d) {
      this.pos++;
      return { kind: 'object', at, members };
    }
    for (;;) {
      this.skipSpace();
      const keyAt = this.pos;
      const c0 = this.peek('object key');
      if (c0 !== 0x22) fail(keyAt, `invalid character ${describeByte(c0)} looking for beginning of object key string`);
      const key = this.string();
      this.skipSpace();
      const colon = this.peek('object');
      if (colon !== 0x3a) fail(this.pos, `invalid character ${describeByte(colon)} after object key`);
      this.pos++;
      this.skipSpace();
      const value = this.value(depth + 1);
      members.push({ key, keyAt, value });
      this.skipSpace();
      const c = this.peek('object');
      this.pos++;
      if (c === 0x7d) return { kind: 'object', at, members };
      if (c !== 0x2c) fail(this.pos - 1, `invalid character ${describeByte(c)} after object key:value pair`);
    }
  }

  private hex4(): number {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.peek('\\u escape');
      let d: number;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
      else return fail(this.pos, `invalid character ${describeByte(c)} in \\u hexadecimal character escape`);
      v = (v << 4) | d;
      this.pos++;
    }
    return v;
  }

  /** A string token at pos (opening quote included); decoded as Go's unquote does. */
  private string(): string {
    const b = this.buf;
    this.pos++; // opening quote
    let out = '';
    let runStart = this.pos;
    let isAscii = true;
    const flush = (end: number) => {
      if (end > runStart) out += isAscii ? ascii.decode(b.subarray(runStart, end)) : decodeUtf8Go(b, runStart, end);
    };
    for (;;) {
      const c = this.peek('string literal');
      if (c === 0x22) {
        flush(this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) fail(this.pos, `invalid character ${describeByte(c)} in string literal`);
      if (c >= 0x80) isAscii = false;
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      flush(this.pos);
      this.pos++;
      const e = this.peek('string escape code');
      this.pos++;
      const simpleChar = jsonEscapedChar(e);
      if (simpleChar !== undefined) {
        out += simpleChar;
        runStart = this.pos;
        isAscii = true;
        continue;
      }
      switch (e) {
        case 0x75: {
          const u = this.hex4();
          if (u >= 0xd800 && u < 0xdc00) {
            // A high surrogate pairs only with an immediately following \u low surrogate.
            if (b[this.pos] === 0x5c && b[this.pos + 1] === 0x75) {
              const save = this.pos;
              this.pos += 2;
              const lo = this.hex4();
              if (lo >= 0xdc00 && lo < 0xe000) {
                out += String.fromCharCode(u, lo);
                break;
              }
              this.pos = save; // not a pair: the high one alone becomes U+FFFD, the next escape is read on its own
            }
            out += '\ufffd';
          } else if (u >= 0xdc00 && u < 0xe000) {
            out += '\ufffd';
          } else {
            out += String.fromCharCode(u);
          }
          break;
        }
        default:
          fail(this.pos - 1, `invalid character ${describeByte(e)} in string escape code`);
      }
      runStart = this.pos;
      isAscii = true;
    }
  }
}

/**
 * A JSON string literal exactly as Go's `json.Encoder` writes it (HTML escaping on), from
 * codecs/golang. A lone surrogate cannot come from a Go string; it is refused rather than guessed at.
 */
export function goJsonStringStrict(s: string, what: string): string {
  const at = loneSurrogateAt(s);
  if (at >= 0) throw new WireError('protocol', at, `lone surrogate U+${s.charCodeAt(at).toString(16).toUpperCase()} in ${what}`);
  return goJsonString(s);
}
