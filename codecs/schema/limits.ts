/**
 * The forms of a block body Go's decoder handles that the JSON Schema of json-schema.ts does not
 * describe (README.md, "Known limits"). `knownLimit` names the one a body uses, so a tool (or the
 * differential test against hcldec) can tell such a body from a schema bug.
 */
import type { Spec } from '../hclspec/model.js';
import type { CtyType } from '../cty/types.js';
import { hasDynamic } from '../cty/set-order.js';
import { blockCounts, bodyOf, impliedType, type BodyBlock } from './body.js';

export const KNOWN_LIMITS = {
  arrayBodyDefaults: 'a block body written as an array of objects, for a body with DefaultSpec fallbacks (the schema does not describe that array form)',
  arrayBodySplit:
    'a block body written as an array of objects, with blocks of a list limited to more than one (or of a labelled map) spread over several of the objects (the schema wants them in one)',
  repeatedLabels:
    'the same labels under two objects of a label array of a block map/object (a duplicate block to hcldec; JSON Schema cannot compare keys across array items)',
  labelledCounts: 'MinItems/MaxItems of a labelled block list (the schema does not count blocks across label keys)',
  dynamicCollections:
    'a list, set or map of `any` whose elements have no common type (go-cty unifies them; JSON Schema cannot compare the types of array items or object values)',
  dynamicBlocks: 'blocks of a list or set whose `any` attributes have no common type across the blocks (hcldec unifies them)',
} as const;

/** Which side accepts a body that meets the limit: the schema (Go refuses), Go, or either. */
export const LIMIT_ACCEPTED_BY: Readonly<Record<string, 'schema' | 'go' | 'either'>> = {
  [KNOWN_LIMITS.arrayBodyDefaults]: 'go',
  [KNOWN_LIMITS.arrayBodySplit]: 'go',
  [KNOWN_LIMITS.repeatedLabels]: 'schema',
  [KNOWN_LIMITS.labelledCounts]: 'either',
  [KNOWN_LIMITS.dynamicCollections]: 'schema',
  [KNOWN_LIMITS.dynamicBlocks]: 'schema',
};

type Json = unknown;
const isObject = (v: Json): v is { [k: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The known limit `body` runs into for `spec`, or null. */
export function knownLimit(spec: Spec | null, body: Json): string | null {
  // The block's value: a body, or an array holding one.
  if (Array.isArray(body)) {
    for (const e of body) {
      const found = walkBody(spec, e, 0);
      if (found) return found;
    }
    return null;
  }
  return walkBody(spec, body, 0);
}

function walkBody(spec: Spec | null, body: Json, depth: number): string | null {
  if (depth > 100) return null;
  const b = bodyOf(spec);
  if (Array.isArray(body)) {
    // The array form: described unless the body has DefaultSpec fallbacks, or blocks the
    // schema wants in one object are spread over several.
    if (b.attrs.some((a) => a.onlyWhenNull.length > 0)) return KNOWN_LIMITS.arrayBodyDefaults;
    for (const block of b.blocks) {
      const [min, max] = blockCounts(block);
      const unique = block.spec.kind === 'blockMap' || block.spec.kind === 'blockObject';
      const simple = block.labels.length === 0 ? min <= 1 && max <= 1 : min === 0 && max === 0 && !unique;
      if (!simple && body.filter((o) => isObject(o) && Object.hasOwn(o, block.typeName)).length > 1) return KNOWN_LIMITS.arrayBodySplit;
    }
    for (const o of body) {
      const found = walkBody(spec, o, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (!isObject(body)) return null;
  for (const a of b.attrs) {
    const v = Object.hasOwn(body, a.name) ? body[a.name] : null;
    if (v !== null && unifies(a.type)) return KNOWN_LIMITS.dynamicCollections;
  }
  const attrNames = new Set(b.attrs.map((a) => a.name));
  for (const block of b.blocks) {
    if (attrNames.has(block.typeName) || !Object.hasOwn(body, block.typeName)) continue;
    const found = walkBlockValue(block, body[block.typeName], block.labels.length, depth);
    if (found) return found;
  }
  return null;
}

/** A collection of `any` somewhere in the type: go-cty unifies its elements' types. */
function unifies(t: CtyType): boolean {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return t.elem.kind === 'dynamic' || unifies(t.elem);
    case 'object':
      return [...t.attrs.values()].some(unifies);
    case 'tuple':
      return t.elems.some(unifies);
    default:
      return false;
  }
}

function walkBlockValue(block: BodyBlock, v: Json, labelsLeft: number, depth: number): string | null {
  if (
    labelsLeft === block.labels.length &&
    block.nested !== null &&
    (block.spec.kind === 'blockList' || block.spec.kind === 'blockSet') &&
    hasDynamic(impliedType(block.nested))
  ) {
    // Counting blocks through labels and array forms is not worth it here: any value may be more than one block.
    if (v !== null && !(Array.isArray(v) && v.length < 2 && block.labels.length === 0)) return KNOWN_LIMITS.dynamicBlocks;
  }
  if (block.spec.kind === 'blockAttrs' && unifies(block.spec.elementType) && v !== null) return KNOWN_LIMITS.dynamicCollections;
  if (labelsLeft > 0) {
    const [min, max] = blockCounts(block);
    if (labelsLeft === block.labels.length && (min > 0 || max > 0)) return KNOWN_LIMITS.labelledCounts;
    const levels = Array.isArray(v) ? v : [v];
    const unique = block.spec.kind === 'blockMap' || block.spec.kind === 'blockObject';
    if (Array.isArray(v) && unique) {
      const keys = new Set<string>();
      for (const o of v) {
        if (!isObject(o)) continue;
        for (const k of Object.keys(o)) {
          if (keys.has(k)) return KNOWN_LIMITS.repeatedLabels;
          keys.add(k);
        }
      }
    }
    for (const o of levels) {
      if (!isObject(o)) continue;
      for (const k of Object.keys(o)) {
        const found = walkBlockValue(block, o[k], labelsLeft - 1, depth);
        if (found) return found;
      }
    }
    return null;
  }
  const elements = Array.isArray(v) ? v : [v];
  for (const e of elements) {
    if (block.spec.kind === 'blockAttrs') continue;
    const found = walkBody(block.nested, e, depth + 1);
    if (found) return found;
  }
  return null;
}
