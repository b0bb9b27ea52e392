/** hcldec specs <-> the canonical JSON of vectors/README.md ("$object", "$attr", …). */
import { WireError } from '../wire/errors.js';
import { dict, escapeKey, unescapeKey, typeFromJSON, typeToJSON, valueFromCanonical, valueToCanonical, type Json } from '../cty/canonical.js';
import type { Spec } from './model.js';

const bad = (reason: string): never => {
  throw new WireError('canonical', 0, reason);
};

const TAGS = {
  object: '$object',
  tuple: '$tuple',
  attr: '$attr',
  literal: '$literal',
  block: '$block',
  blockList: '$blockList',
  blockTuple: '$blockTuple',
  blockSet: '$blockSet',
  blockMap: '$blockMap',
  blockObject: '$blockObject',
  blockAttrs: '$blockAttrs',
  blockLabel: '$blockLabel',
  default: '$default',
} as const;

const nestedToCanonical = (s: Spec | null): Json => (s === null ? null : specToCanonical(s));

export function specToCanonical(s: Spec): Json {
  switch (s.kind) {
    case 'object': {
      const out = dict(); // null prototype: "__proto__" is a name like any other
      for (const [k, v] of s.attrs) out[escapeKey(k)] = specToCanonical(v);
      return { $object: out };
    }
    case 'tuple':
      return { $tuple: s.items.map(specToCanonical) };
    case 'attr':
      return { $attr: { Name: s.name, Type: typeToJSON(s.type), Required: s.required } };
    case 'literal':
      return { $literal: { Value: valueToCanonical(s.value) } };
    case 'block':
      return { $block: { TypeName: s.typeName, Nested: nestedToCanonical(s.nested), Required: s.required } };
    case 'blockList':
    case 'blockTuple':
    case 'blockSet':
      return { [TAGS[s.kind]]: { TypeName: s.typeName, Nested: nestedToCanonical(s.nested), MinItems: s.minItems, MaxItems: s.maxItems } };
    case 'blockMap':
    case 'blockObject':
      return { [TAGS[s.kind]]: { TypeName: s.typeName, LabelNames: [...s.labelNames], Nested: nestedToCanonical(s.nested) } };
    case 'blockAttrs':
      return { $blockAttrs: { TypeName: s.typeName, ElementType: typeToJSON(s.elementType), Required: s.required } };
    case 'blockLabel':
      return { $blockLabel: { Index: s.index, Name: s.name } };
    case 'default':
      return { $default: { Primary: nestedToCanonical(s.primary), Default: nestedToCanonical(s.default) } };
  }
}

type Obj = { [k: string]: unknown };
const isObj = (j: unknown): j is Obj => typeof j === 'object' && j !== null && !Array.isArray(j);
const str = (o: Obj, k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : bad(`spec field ${k} must be a string`));
const bool = (o: Obj, k: string): boolean => (typeof o[k] === 'boolean' ? (o[k] as boolean) : bad(`spec field ${k} must be a bool`));
const int = (o: Obj, k: string): number => (Number.isSafeInteger(o[k]) ? (o[k] as number) : bad(`spec field ${k} must be an integer`));
const nested = (o: Obj, k: string): Spec | null => (o[k] === null || o[k] === undefined ? null : specFromCanonical(o[k]));
const labels = (o: Obj): string[] => {
  const l = o['LabelNames'] ?? [];
  if (!Array.isArray(l) || !l.every((x) => typeof x === 'string')) return bad('LabelNames must be a list of strings');
  return l as string[];
};

export function specFromCanonical(j: unknown): Spec {
  if (!isObj(j)) return bad('spec must be a JSON object');
  const keys = Object.keys(j);
  if (keys.length !== 1) return bad('spec must have exactly one tag key');
  const tag = keys[0]!;
  const b = j[tag];
  if (tag === '$object') {
    if (!isObj(b)) return bad('$object must hold an object');
    const attrs = new Map<string, Spec>();
    for (const [k, v] of Object.entries(b)) attrs.set(unescapeKey(k), specFromCanonical(v));
    return { kind: 'object', attrs };
  }
  if (tag === '$tuple') {
    if (!Array.isArray(b)) return bad('$tuple must hold a list');
    return { kind: 'tuple', items: b.map(specFromCanonical) };
  }
  if (!isObj(b)) return bad(`${tag} must hold an object`);
  switch (tag) {
    case '$attr':
      return { kind: 'attr', name: str(b, 'Name'), type: typeFromJSON(b['Type']), required: bool(b, 'Required') };
    case '$literal':
      return { kind: 'literal', value: valueFromCanonical(b['Value']) };
    case '$block':
      return { kind: 'block', typeName: str(b, 'TypeName'), nested: nested(b, 'Nested'), required: bool(b, 'Required') };
    case '$blockList':
    case '$blockTuple':
    case '$blockSet':
      return {
        kind: tag === '$blockList' ? 'blockList' : tag === '$blockTuple' ? 'blockTuple' : 'blockSet',
        typeName: str(b, 'TypeName'),
        nested: nested(b, 'Nested'),
        minItems: int(b, 'MinItems'),
        maxItems: int(b, 'MaxItems'),
      } as Spec;
    case '$blockMap':
    case '$blockObject':
      return { kind: tag === '$blockMap' ? 'blockMap' : 'blockObject', typeName: str(b, 'TypeName'), labelNames: labels(b), nested: nested(b, 'Nested') };
    case '$blockAttrs':
      return { kind: 'blockAttrs', typeName: str(b, 'TypeName'), elementType: typeFromJSON(b['ElementType']), required: bool(b, 'Required') };
    case '$blockLabel':
      return { kind: 'blockLabel', index: int(b, 'Index'), name: str(b, 'Name') };
    case '$default':
      return { kind: 'default', primary: nested(b, 'Primary'), default: nested(b, 'Default') };
  }
  return bad(`unknown spec tag ${JSON.stringify(tag)}`);
}
