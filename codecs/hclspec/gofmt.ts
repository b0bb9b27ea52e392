/**
 * `%+v` of a cty.Type (the struct dump of go-cty's unexported type implementations), which ends
 * up inside the SDK's ToProto error texts with `%q` (strconv.Quote, in codecs/golang).
 * Written from Go's documented behaviour.
 */
import { compareGoStrings, type CtyType } from '../cty/types.js';

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
      const optional = [...t.optional]
        .sort(compareGoStrings)
        .map((n) => `${n}:{}`)
        .join(' ');
      return ` AttrTypes:map[${attrs}] AttrOptional:map[${optional}]`;
    }
  }
}
