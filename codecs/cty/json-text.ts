/**
 * The JSON text layer of the cty JSON codec: a cursor over JSON bytes that reads exactly one token
 * at a time with byte offsets (strings validated as UTF-8, escapes decoded the way Go's
 * encoding/json decodes them), and an ASCII writer. Go's string writer is codecs/golang/json.ts.
 */
import { jsonEscapedChar } from '../golang/json.js';
import { WireError } from '../wire/errors.js';
import type { ByteWriter } from '../wire/writer.js';
import { DecodeBudget } from '../wire/limits.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const latin1 = new TextDecoder('latin1');

export type JsonTokenKind = 'string' | 'number' | 'true' | 'false' | 'null' | '[' | ']' | '{' | '}';

const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * A JSON cursor. Callers drive the structure (arrays, objects) themselves; the cursor checks
 * token syntax, commas and colons on request.
 */
export class JsonCursor {
  pos: number;
  private callBudget: DecodeBudget | undefined;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
    /** Added to offsets in errors (for JSON embedded in a larger input). */
    readonly base = 0,
  ) {
    this.pos = start;
  }

  /** The decode call's budget (wire/limits.ts); default limits over this buffer when none was given. */
  get budget(): DecodeBudget {
    return (this.callBudget ??= new DecodeBudget(undefined, this.buf.length));
  }

  set budget(b: DecodeBudget) {
    this.callBudget = b;
  }

  fail(reason: string, at = this.pos): never {
    throw new WireError('cty-json', this.base + at, reason);
  }

  skipWs(): void {
    const b = this.buf;
    while (this.pos < this.end && isWs(b[this.pos]!)) this.pos++;
  }

  /** The next token's kind without consuming it (after whitespace). */
  peek(): JsonTokenKind {
    this.skipWs();
    if (this.pos >= this.end) this.fail('unexpected end of JSON input');
    const c = this.buf[this.pos]!;
    switch (c) {
      case 0x22:
        return 'string';
      case 0x5b:
        return '[';
      case 0x5d:
        return ']';
      case 0x7b:
        return '{';
      case 0x7d:
        return '}';
      case 0x74:
        return 'true';
      case 0x66:
        return 'false';
      case 0x6e:
        return 'null';
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return 'number';
    return this.fail(`invalid character ${describe(c)} looking for beginning of value`);
  }

  /** Consumes the single-byte token `ch` ('[', ']', '{', '}', ',', ':'). */
  expect(ch: number, what: string): void {
    this.skipWs();
    if (this.pos >= this.end) this.fail(`unexpected end of JSON input, expected ${what}`);
    if (this.buf[this.pos] !== ch) this.fail(`invalid character ${describe(this.buf[this.pos]!)}, expected ${what}`);
    this.pos++;
  }

  /**
   * For a list of items inside '[' … ']' or '{' … '}': true when another item follows (consuming
   * the comma before every item but the first), false at the closing delimiter (consumed).
   */
  more(first: boolean, close: number): boolean {
    this.skipWs();
    if (this.pos >= this.end) this.fail('unexpected end of JSON input');
    if (this.buf[this.pos] === close) {
      this.pos++;
      return false;
    }
    if (!first) {
      this.expect(0x2c, "',' or closing delimiter");
      this.skipWs();
      const c = this.buf[this.pos];
      if (c === 0x5d || c === 0x7d) this.fail(`invalid character '${String.fromCharCode(c)}' looking for beginning of value`);
    }
    return true;
  }

  /** Consumes `true`, `false` or `null`. */
  literal(word: 'true' | 'false' | 'null'): void {
    this.skipWs();
    const n = word.length;
    if (this.pos + n > this.end) this.fail('unexpected end of JSON input');
    for (let i = 0; i < n; i++) if (this.buf[this.pos + i] !== word.charCodeAt(i)) this.fail(`invalid literal, expected ${word}`);
    this.pos += n;
    this.checkDelimited();
  }

  /** After a literal or number the next byte must end the token. */
  private checkDelimited(): void {
    if (this.pos < this.end) {
      const c = this.buf[this.pos]!;
      if (!(isWs(c) || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x3a)) this.fail(`invalid character ${describe(c)} after value`);
    }
  }

  /** Consumes a JSON number and returns its literal text (Go's json.Number). */
  number(): string {
    this.skipWs();
    const b = this.buf;
    const start = this.pos;
    let p = start;
    const digits = (): number => {
      const s = p;
      while (p < this.end && b[p]! >= 0x30 && b[p]! <= 0x39) p++;
      return p - s;
    };
    if (b[p] === 0x2d) p++;
    if (p < this.end && b[p] === 0x30) p++;
    else if (digits() === 0) this.fail('invalid number literal', start);
    if (p < this.end && b[p] === 0x2e) {
      p++;
      if (digits() === 0) this.fail('invalid number literal: no digits after decimal point', start);
    }
    if (p < this.end && (b[p] === 0x65 || b[p] === 0x45)) {
      p++;
      if (p < this.end && (b[p] === 0x2b || b[p] === 0x2d)) p++;
      if (digits() === 0) this.fail('invalid number literal: no digits in exponent', start);
    }
    this.pos = p;
    this.checkDelimited();
    return asciiText(b, start, p);
  }

  /** Consumes a JSON string and returns its value. Invalid UTF-8 is refused. */
  string(): string {
    this.skipWs();
    const b = this.buf;
    const start = this.pos;
    if (b[start] !== 0x22) this.fail('expected string');
    let p = start + 1;
    // Fast path: plain ASCII without escapes.
    while (p < this.end) {
      const c = b[p]!;
      if (c === 0x22) {
        this.pos = p + 1;
        return asciiText(b, start + 1, p);
      }
      if (c === 0x5c || c >= 0x80 || c < 0x20) break;
      p++;
    }
    return this.slowString(start);
  }

  private slowString(start: number): string {
    const b = this.buf;
    let p = start + 1;
    let out = '';
    let runStart = p;
    const flush = (to: number) => {
      if (to > runStart) {
        try {
          out += utf8.decode(b.subarray(runStart, to));
        } catch {
          this.fail('invalid UTF-8 in JSON string', runStart);
        }
      }
    };
    for (;;) {
      if (p >= this.end) this.fail('unexpected end of JSON input in string', start);
      const c = b[p]!;
      if (c === 0x22) {
        flush(p);
        this.pos = p + 1;
        return out;
      }
      if (c < 0x20) this.fail(`invalid character ${describe(c)} in string literal`, p);
      if (c !== 0x5c) {
        p++;
        continue;
      }
      flush(p);
      if (p + 1 >= this.end) this.fail('unexpected end of JSON input in string escape', p);
      const e = b[p + 1]!;
      p += 2;
      const simpleChar = jsonEscapedChar(e);
      if (simpleChar !== undefined) {
        out += simpleChar;
        runStart = p;
        continue;
      }
      switch (e) {
        case 0x75: {
          let u = this.hex4(p);
          p += 4;
          // Go: a surrogate pair combines; any other surrogate becomes U+FFFD.
          if (u >= 0xd800 && u < 0xdc00) {
            if (p + 6 <= this.end && b[p] === 0x5c && b[p + 1] === 0x75) {
              const v = this.hex4(p + 2);
              if (v >= 0xdc00 && v < 0xe000) {
                out += String.fromCharCode(u, v);
                p += 6;
                break;
              }
            }
            u = 0xfffd;
          } else if (u >= 0xdc00 && u < 0xe000) u = 0xfffd;
          out += String.fromCharCode(u);
          break;
        }
        default:
          this.fail(`invalid escape ${describe(e)} in string literal`, p - 2);
      }
      runStart = p;
    }
  }

  private hex4(p: number): number {
    if (p + 4 > this.end) this.fail('unexpected end of JSON input in \\u escape', p);
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.buf[p + i]!;
      let d: number;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
      else return this.fail(`invalid character ${describe(c)} in \\u hexadecimal character escape`, p + i);
      v = v * 16 + d;
    }
    return v;
  }

  /** Skips one whole JSON value, checking its syntax; returns its start offset. */
  skipValue(depth: number, maxDepth: number): number {
    const k = this.peek();
    const start = this.pos;
    if (depth > maxDepth) this.fail(`JSON nested deeper than ${maxDepth}`);
    switch (k) {
      case 'string':
        this.string();
        break;
      case 'number':
        this.number();
        break;
      case 'true':
      case 'false':
      case 'null':
        this.literal(k);
        break;
      case '[':
        this.pos++;
        for (let first = true; this.more(first, 0x5d); first = false) this.skipValue(depth + 1, maxDepth);
        break;
      case '{':
        this.pos++;
        for (let first = true; this.more(first, 0x7d); first = false) {
          if (this.peek() !== 'string') this.fail('expected object key string');
          this.string();
          this.expect(0x3a, "':' after object key");
          this.skipValue(depth + 1, maxDepth);
        }
        break;
      default:
        this.fail(`unexpected ${k}`);
    }
    return start;
  }

  /** Refuses anything but whitespace after the top-level value. */
  end_(): void {
    this.skipWs();
    if (this.pos < this.end) this.fail(`invalid character ${describe(this.buf[this.pos]!)} after top-level value`);
  }
}

/** ASCII bytes as a string (short runs by hand: cheaper than a TextDecoder call). */
function asciiText(b: Uint8Array, from: number, to: number): string {
  if (to - from > 32) return latin1.decode(b.subarray(from, to));
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function describe(c: number): string {
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `0x${c.toString(16).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Appends ASCII text. */
export function writeAscii(w: ByteWriter, s: string): void {
  w.ensure(s.length);
  for (let i = 0; i < s.length; i++) w.buf[w.pos++] = s.charCodeAt(i);
}
