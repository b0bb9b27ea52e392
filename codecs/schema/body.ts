/**
 * What a block body of a spec is made of, as hcldec's ImpliedSchema and decode see it: the
 * attributes and block types of one body (every spec visited "in the same body"), the labels of
 * each block type, and the specs on which Go's decoder panics. Shared by the JSON Schema and the
 * TypeScript renderers.
 */
import type { CtyType } from '../cty/types.js';
import { T } from '../cty/types.js';
import { hasDynamic } from '../cty/set-order.js';
import type { CtyValue } from '../cty/values.js';
import type { Spec } from '../hclspec/model.js';

/** One AttrSpec of the body (several may name the same attribute). */
export interface BodyAttr {
  readonly name: string;
  readonly type: CtyType;
  readonly required: boolean;
  /** Set when the attribute is only decoded when `primary` decodes to null (a DefaultSpec's Default). */
  readonly onlyWhenNull: readonly Spec[];
  /** A DefaultSpec's literal default for this attribute, when it has one. */
  readonly default?: CtyValue;
}

/** A block spec of the body: BlockSpec, BlockList/Set/Tuple, BlockMap/Object or BlockAttrs. */
export type BlockKindSpec = Extract<Spec, { typeName: string }>;

export interface BodyBlock {
  readonly typeName: string;
  readonly spec: BlockKindSpec;
  /** Label names in order: a BlockMap/Object's LabelNames, then the nested BlockLabelSpecs'. */
  readonly labels: readonly string[];
  /** The nested body (null for BlockAttrs, whose body is all attributes). */
  readonly nested: Spec | null;
}

export interface Body {
  readonly attrs: readonly BodyAttr[];
  readonly blocks: readonly BodyBlock[];
  /** Why hcldec panics on every body decoded with this spec, or null. */
  readonly panics: string | null;
}

/** Walks the specs of one body (hcldec's visitSameBodyChildren). */
export function bodyOf(spec: Spec | null): Body {
  const attrs: BodyAttr[] = [];
  const blocks: BodyBlock[] = [];
  let panics: string | null = null;
  const visit = (s: Spec | null, onlyWhenNull: readonly Spec[], depth: number): void => {
    if (s === null) {
      panics ??= 'a nil spec inside an object, tuple or default spec';
      return;
    }
    if (depth > 1000) {
      panics ??= 'spec nested too deeply';
      return;
    }
    switch (s.kind) {
      case 'object':
        // Sorted: Go's map order is random, the output should not be.
        for (const k of [...s.attrs.keys()].sort()) visit(s.attrs.get(k)!, onlyWhenNull, depth + 1);
        return;
      case 'tuple':
        for (const v of s.items) visit(v, onlyWhenNull, depth + 1);
        return;
      case 'attr':
        attrs.push({ name: s.name, type: s.type, required: s.required, onlyWhenNull });
        return;
      case 'literal':
      case 'blockLabel':
        return;
      case 'default': {
        visit(s.primary, onlyWhenNull, depth + 1);
        visit(s.default, s.primary === null ? onlyWhenNull : [...onlyWhenNull, s.primary], depth + 1);
        if (s.primary?.kind === 'attr' && s.default?.kind === 'literal') {
          const i = attrs.findIndex((a) => a.name === (s.primary as { name: string }).name && a.onlyWhenNull === onlyWhenNull);
          if (i >= 0) attrs[i] = { ...attrs[i]!, default: s.default.value };
        }
        return;
      }
      case 'blockAttrs':
        blocks.push({ typeName: s.typeName, spec: s, labels: [], nested: null });
        return;
      default: {
        const reason = blockPanics(s);
        if (reason) panics ??= reason;
        const nestedLabels = findLabelNames(s.nested);
        const labels = s.kind === 'blockMap' || s.kind === 'blockObject' ? [...s.labelNames, ...nestedLabels] : nestedLabels;
        blocks.push({ typeName: s.typeName, spec: s, labels, nested: s.nested });
      }
    }
  };
  visit(spec, [], 0);
  return { attrs, blocks, panics };
}

/** The top body belongs to no block: a BlockLabelSpec in it panics ("used in non-block context"). */
export function rootPanics(spec: Spec | null): string | null {
  return findLabelNames(spec).length > 0 ? 'a BlockLabelSpec outside a labelled block' : null;
}

/** hcldec's findLabelSpecs: label names from the BlockLabelSpecs of one body (missingNN for gaps). */
export function findLabelNames(spec: Spec | null): string[] {
  const names = new Map<number, string>();
  let max = -1;
  const visit = (s: Spec | null, depth: number): void => {
    if (s === null || depth > 1000) return;
    switch (s.kind) {
      case 'blockLabel':
        if (s.index > max) max = s.index;
        names.set(s.index, s.name);
        return;
      case 'object':
        for (const v of s.attrs.values()) visit(v, depth + 1);
        return;
      case 'tuple':
        for (const v of s.items) visit(v, depth + 1);
        return;
      case 'default':
        visit(s.primary, depth + 1);
        visit(s.default, depth + 1);
        return;
    }
  };
  visit(spec, 0);
  const out: string[] = [];
  for (let i = 0; i <= max; i++) out.push(names.get(i) || `missing${String(i).padStart(2, '0')}`);
  return out;
}

/**
 * Why decoding panics whenever this block spec is decoded (present or not): a nil Nested spec
 * anywhere its implied type is computed, or a BlockMapSpec whose implied type holds
 * DynamicPseudoType.
 */
function blockPanics(s: BlockKindSpec): string | null {
  if (s.kind === 'blockAttrs') return null;
  if (hasNil(s)) return `block type "${s.typeName}" has a nil nested spec somewhere below it`;
  if (s.kind === 'blockMap' && hasDynamic(impliedType(s))) return `BlockMapSpec "${s.typeName}" holds DynamicPseudoType attributes`;
  return null;
}

function hasNil(s: Spec | null, depth = 0): boolean {
  if (s === null) return true;
  if (depth > 1000) return false;
  switch (s.kind) {
    case 'object':
      return [...s.attrs.values()].some((v) => hasNil(v, depth + 1));
    case 'tuple':
      return s.items.some((v) => hasNil(v, depth + 1));
    case 'default':
      return hasNil(s.primary, depth + 1) || hasNil(s.default, depth + 1);
    case 'attr':
    case 'literal':
    case 'blockLabel':
    case 'blockAttrs':
      return false;
    default:
      return hasNil(s.nested, depth + 1);
  }
}

/** hcldec's impliedType (null specs are reported by hasNil first). */
export function impliedType(s: Spec | null, depth = 0): CtyType {
  if (s === null || depth > 1000) return T.DynamicPseudoType;
  switch (s.kind) {
    case 'object':
      return T.object(new Map([...s.attrs].map(([k, v]) => [k, impliedType(v, depth + 1)])));
    case 'tuple':
      return T.tuple(s.items.map((v) => impliedType(v, depth + 1)));
    case 'attr':
      return s.type;
    case 'literal':
      return s.value.type;
    case 'blockLabel':
      return T.String;
    case 'default':
      return impliedType(s.primary, depth + 1);
    case 'block':
      return impliedType(s.nested, depth + 1);
    case 'blockList':
      return T.list(impliedType(s.nested, depth + 1));
    case 'blockSet':
      return T.set(impliedType(s.nested, depth + 1));
    case 'blockTuple':
      return T.DynamicPseudoType;
    case 'blockMap': {
      let t = impliedType(s.nested, depth + 1);
      for (let i = 0; i < s.labelNames.length; i++) t = T.map(t);
      return t;
    }
    case 'blockObject':
      return T.DynamicPseudoType;
    case 'blockAttrs':
      return T.map(s.elementType);
  }
}

/** Block count limits of a block spec: [min, max], max 0 meaning no limit. */
export function blockCounts(b: BodyBlock): [number, number] {
  const s = b.spec;
  switch (s.kind) {
    case 'block':
    case 'blockAttrs':
      return [s.required ? 1 : 0, 1];
    case 'blockList':
    case 'blockSet':
    case 'blockTuple':
      return [s.minItems, s.maxItems];
    case 'blockMap':
    case 'blockObject':
      return [0, 0];
  }
}

/** True when an empty body (`{}` or a null element of a block array) decodes without error. */
export function acceptsEmptyBody(spec: Spec | null): boolean {
  const body = bodyOf(spec);
  if (body.panics) return false;
  if (body.attrs.some((a) => a.required)) return false;
  return body.blocks.every((b) => blockCounts(b)[0] === 0);
}
