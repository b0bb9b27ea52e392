/**
 * The two pieces of Go's fmt output that end up inside the SDK's ToProto error texts:
 * `%q` of a string (strconv.Quote) and `%+v` of a cty.Type (the struct dump of go-cty's
 * unexported type implementations). Written from Go's documented behaviour.
 */
import { compareGoStrings, type CtyType } from '../cty/types.js';

const HEX = '0123456789abcdef';

/**
 * Go's strconv.IsPrint for a code point: letters, marks, numbers, punctuation, symbols and the
 * ASCII space. Node's Unicode tables may be one Unicode version ahead of Go's for code points
 * assigned very recently; everything else agrees.
 */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
function isGoPrint(cp: number): boolean {
  if (cp < 0x7f) return cp >= 0x20;
  if (cp < 0xa1) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

const hexDigits = (cp: number, n: number): string => {
  let s = '';
  for (let i = (n - 1) * 4; i >= 0; i -= 4) s += HEX[(cp >>> i) & 0xf];
  return s;
};

const ESCAPES: Readonly<Record<number, string>> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

/**
 * `strconv.Quote(s)` (what `%q` prints for a string). A lone UTF-16 surrogate cannot come from a Go
 * string; it is treated as U+FFFD, which is what encoding it as UTF-8 produces.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp === 0x22 || cp === 0x5c) out += '\\' + ch;
    else if (isGoPrint(cp)) out += String.fromCodePoint(cp);
    else if (ESCAPES[cp] !== undefined) out += ESCAPES[cp];
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hexDigits(cp, 2);
    else if (cp < 0x10000) out += '\\u' + hexDigits(cp, 4);
    else out += '\\U' + hexDigits(cp, 8);
  }
  return out + '"';
}

/** go-cty's primitiveTypeKind bytes: 'S', 'N', 'B'. */
const PRIMITIVE_KIND = { string: 83, number: 78, bool: 66 } as const;

/**
 * `fmt.Sprintf("%+v", t)` for a cty.Type: the type struct wraps an interface holding one of
 * go-cty's type structs, whose fields fmt prints by name (map keys sorted as Go sorts strings,
 * printed without quotes).
 */
export function goTypeDump(t: CtyType): string {
  return `{typeImpl:{typeImplSigil:{}${implFields(t)}}}`;
}

function implFields(t: CtyType): string {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return ` Kind:${PRIMITIVE_KIND[t.kind]}`;
    case 'dynamic':
      return '';
    case 'list':
    case 'set':
    case 'map':
      return ` ElementTypeT:${goTypeDump(t.elem)}`;
    case 'tuple':
      return ` ElemTypes:[${t.elems.map(goTypeDump).join(' ')}]`;
    case 'object': {
      const names = [...t.attrs.keys()].sort(compareGoStrings);
      const attrs = names.map((n) => `${n}:${goTypeDump(t.attrs.get(n)!)}`).join(' ');
      const optional = [...t.optional].sort(compareGoStrings).map((n) => `${n}:{}`).join(' ');
      return ` AttrTypes:map[${attrs}] AttrOptional:map[${optional}]`;
    }
  }
}
