/**
 * hcldec spec -> JSON Schema (draft 2020-12) of the JSON syntax of a block body (`.pkr.json`),
 * following what Go's decoder accepts: hcl's JSON body rules (a block as an object, an array of
 * objects or null; `//` comment properties; labels as nested object keys) and go-cty's conversion
 * of the JSON value to the attribute's type (README.md of this folder lists every rule).
 */
import type { CtyType } from '../cty/types.js';
import type { CtyValue } from '../cty/values.js';
import { marshalCtyJSON } from '../cty/json.js';
import type { Spec } from '../hclspec/model.js';
import { acceptsEmptyBody, blockCounts, bodyOf, rootPanics, type BodyAttr, type BodyBlock } from './body.js';

/** A JSON Schema: an object of keywords or a boolean schema. */
export type JsonSchema = boolean | { [keyword: string]: unknown };

export const JSON_SCHEMA_DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * The strings go-cty converts to a number: cty.ParseNumberVal, i.e. Go's big.ParseFloat in base 10
 * (sign, digits with an optional point, an `e` or binary `p` exponent, or ±Inf / ±inf).
 */
export const NUMBER_STRING_PATTERN = '^[+-]?(?:[Ii]nf|(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eEpP][+-]?[0-9]+)?)$';
/** The strings go-cty converts to a bool. */
export const BOOL_STRING_PATTERN = '^(?:true|false|1|0)$';
/** A string holding an HCL template sequence (`${…}` or `%{…}`): Packer evaluates it first. */
export const TEMPLATE_PATTERN = '\\$\\{|%\\{';

export interface JsonSchemaOptions {
  /**
   * Accept a string holding `${` or `%{` wherever a value of any type goes: Packer evaluates
   * such strings as templates (with its variables) before converting the result. Default true.
   * The schema cannot check the template itself.
   */
  readonly templates?: boolean;
  /** `title` of the root schema. */
  readonly title?: string;
  /** `description` of the root schema. */
  readonly description?: string;
}

const anyOf = (options: JsonSchema[]): JsonSchema => (options.length === 1 ? options[0]! : { anyOf: options });

/**
 * The JSON values go-cty converts to a value of type `t` (null converts to a null of any type).
 * Keywords of one JSON type ignore the others, so no `anyOf` is needed: with templates, a string
 * is accepted where a list goes when it matches TEMPLATE_PATTERN.
 */
export function valueSchema(t: CtyType, opts: JsonSchemaOptions = {}, depth = 0): JsonSchema {
  const templates = opts.templates !== false;
  /** JSON types accepted, and the pattern a string must match (undefined: any string). */
  const of = (types: string[], stringPattern: string | undefined, rest: { [k: string]: unknown }): JsonSchema => {
    const all = templates && !types.includes('string') ? [...types, 'string'] : types;
    const pattern =
      templates && stringPattern !== undefined ? `${stringPattern}|${TEMPLATE_PATTERN}` : types.includes('string') ? stringPattern : TEMPLATE_PATTERN;
    return { type: all, ...(all.includes('string') && pattern !== undefined ? { pattern } : {}), ...rest };
  };
  if (depth > 200) return true;
  switch (t.kind) {
    case 'string':
      return { type: ['string', 'number', 'boolean', 'null'] };
    case 'number':
      return of(['number', 'string', 'null'], NUMBER_STRING_PATTERN, {});
    case 'bool':
      return of(['boolean', 'string', 'null'], BOOL_STRING_PATTERN, {});
    case 'dynamic':
      return true;
    case 'list':
    case 'set':
      return of(['array', 'null'], undefined, { items: valueSchema(t.elem, opts, depth + 1) });
    case 'map':
      return of(['object', 'null'], undefined, { additionalProperties: valueSchema(t.elem, opts, depth + 1) });
    case 'tuple':
      return of(['array', 'null'], undefined, {
        ...(t.elems.length ? { prefixItems: t.elems.map((e) => valueSchema(e, opts, depth + 1)) } : {}),
        minItems: t.elems.length,
        maxItems: t.elems.length,
      });
    case 'object': {
      const properties: { [k: string]: JsonSchema } = Object.create(null) as { [k: string]: JsonSchema };
      const required: string[] = [];
      for (const [k, at] of [...t.attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        properties[k] = valueSchema(at, opts, depth + 1);
        if (!t.optional.has(k)) required.push(k);
      }
      // go-cty drops attributes the target type does not have.
      return of(['object', 'null'], undefined, { properties, ...(required.length ? { required } : {}) });
    }
  }
}

/** Short cty type syntax for descriptions: `list(string)`, `object({a=number})`. */
export function typeText(t: CtyType): string {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeText(t.elem)})`;
    case 'tuple':
      return `tuple([${t.elems.map(typeText).join(', ')}])`;
    case 'object':
      return `object({${[...t.attrs]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${k}=${t.optional.has(k) ? `optional(${typeText(v)})` : typeText(v)}`)
        .join(', ')}})`;
  }
}

/** A cty value as plain JSON (cty JSON), or undefined when it has none (unknowns). */
export function valueAsJson(v: CtyValue): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(marshalCtyJSON(v, v.type)));
  } catch {
    return undefined;
  }
}

/** "JSON null means zero blocks / an empty body" and the nonNull conditions need this often. */
const NULL: JsonSchema = { type: 'null' };

/** Schema for: the spec decodes to a non-null value (used for DefaultSpec's fallbacks). */
function nonNull(s: Spec | null): JsonSchema {
  if (s === null) return false;
  switch (s.kind) {
    case 'attr':
      return { type: 'object', required: [s.name], properties: { [s.name]: { not: NULL } } };
    case 'literal':
      return s.value.raw !== null;
    case 'default':
      return { anyOf: [nonNull(s.primary), nonNull(s.default)] };
    default:
      return false; // not worked out: the fallback is always checked (stricter than Go)
  }
}

interface Ctx {
  readonly opts: JsonSchemaOptions;
  readonly depth: number;
  /** `$defs` of the document being built: one body (and its array form) per nested spec. */
  readonly defs: { [name: string]: JsonSchema };
  readonly names: Map<Spec | null, string>;
}

/** `$ref`s to the body of `spec` and to its array form (`false` where that is not described). */
interface BodyRefs {
  readonly body: JsonSchema;
  readonly merged: JsonSchema;
  /** An element of a block array: the body, its array form, or null for an empty body. */
  readonly element: JsonSchema;
}

/** A `$ref` to the schema of property `prop` of the body `$defs[def]` (JSON pointer, URI-escaped). */
const pointer = (s: string): string => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));
const propertyRef = (def: string, prop: string): JsonSchema => ({ $ref: `#/$defs/${pointer(def)}/properties/${pointer(prop)}` });

/** Suffix of the `$defs` entry of a body's array form. */
const ARRAY_FORM = '.as-array';
const defName = (path: string): string => path.replace(/[~/]/g, '_') || 'body';

function bodyRefs(spec: Spec | null, path: string, ctx: Ctx): BodyRefs {
  let name = ctx.names.get(spec);
  if (name === undefined) {
    name = defName(path);
    for (let i = 2; name in ctx.defs; i++) name = `${defName(path)}-${i}`;
    ctx.names.set(spec, name);
    ctx.defs[name] = true; // placeholder while building (recursion cannot reach it: specs are trees)
    const { body, merged } = bodySchemas(spec, path, name, ctx);
    ctx.defs[name] = body;
    if (merged !== false) ctx.defs[`${name}${ARRAY_FORM}`] = merged;
  }
  const body = { $ref: `#/$defs/${pointer(name)}` };
  const merged = ctx.defs[`${name}${ARRAY_FORM}`] === undefined ? false : { $ref: `#/$defs/${pointer(name + ARRAY_FORM)}` };
  const options: JsonSchema[] = [body];
  if (merged !== false) options.push(merged);
  if (acceptsEmptyBody(spec)) options.push(NULL);
  return { body, merged, element: anyOf(options) };
}

/**
 * JSON Schema of a block body decoded with `spec` (an ObjectSpec or any same-body spec), and of
 * the same body written as an array of objects whose properties hcl merges (`merged`, false where
 * the schema does not describe it).
 */
function bodySchemas(spec: Spec | null, path: string, defName: string, ctx: Ctx): { body: JsonSchema; merged: JsonSchema } {
  const body = bodyOf(spec);
  if (body.panics) return { body: { $comment: `hcldec panics on this spec: ${body.panics}`, not: {} }, merged: false };
  if (ctx.depth > 100) return { body: true, merged: true };
  const inner: Ctx = { ...ctx, depth: ctx.depth + 1 };
  const properties: { [k: string]: JsonSchema } = Object.create(null) as { [k: string]: JsonSchema };
  /** Property schemas of one object of the array form (block counts are checked across objects). */
  const parts: { [k: string]: JsonSchema } = Object.create(null) as { [k: string]: JsonSchema };
  const required = new Set<string>();
  const allOf: JsonSchema[] = [];
  /** Constraints of the array form across its objects; null when it cannot be described. */
  let across: JsonSchema[] | null = [];

  const attrNames = new Set(body.attrs.map((a) => a.name));
  const byName = new Map<string, BodyAttr[]>();
  for (const a of body.attrs) byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
  for (const [name, specs] of byName) {
    const always = specs.filter((a) => a.onlyWhenNull.length === 0);
    const schemas: JsonSchema[] = always.map((a) => valueSchema(a.type, ctx.opts));
    let prop: JsonSchema = schemas.length === 0 ? true : schemas.length === 1 ? schemas[0]! : { allOf: schemas };
    if (typeof prop === 'object') {
      const a0 = always[0] ?? specs[0]!;
      prop = { ...prop, description: `${typeText(a0.type)}${specs.some((a) => a.required) ? ', required' : ''}` };
      const d = specs.find((a) => a.default)?.default;
      if (d) {
        const j = valueAsJson(d);
        if (j !== undefined) prop['default'] = j;
      }
    }
    properties[name] = prop;
    parts[name] = propertyRef(defName, name);
    const has = { type: 'object', required: [name] };
    // Across the objects of the array form: one definition of each argument.
    across?.push({ contains: has, minContains: 0, maxContains: 1 });
    if (specs.some((a) => a.required)) {
      required.add(name);
      across?.push({ contains: has });
    }
    for (const a of specs) {
      if (a.onlyWhenNull.length === 0) continue;
      // Decoded only when every primary above it decodes to null.
      allOf.push({ anyOf: [...a.onlyWhenNull.map(nonNull), { type: 'object', properties: { [name]: valueSchema(a.type, ctx.opts) } }] });
      across = null;
    }
  }

  const byType = new Map<string, BodyBlock[]>();
  for (const b of body.blocks) byType.set(b.typeName, [...(byType.get(b.typeName) ?? []), b]);
  for (const [typeName, specs] of byType) {
    if (attrNames.has(typeName)) {
      // hcl reads the property as the attribute: the block specs see no block.
      if (specs.some((b) => blockCounts(b)[0] > 0)) {
        const never = { $comment: `block type "${typeName}" is shadowed by an attribute of the same name and requires a block`, not: {} };
        return { body: never, merged: never };
      }
      continue;
    }
    // hcl unpacks the property with the header of the last block spec naming this type.
    const labels = specs[specs.length - 1]!.labels;
    const sub = `${path ? `${path}.` : ''}${typeName}`;
    const whole = specs.map((b) => blockValueSchema(b, labels, sub, inner, blockCounts(b)));
    properties[typeName] = whole.length === 1 ? whole[0]! : { allOf: whole };
    const min = Math.max(...specs.map((b) => blockCounts(b)[0]));
    if (min > 0) required.add(typeName);
    // The array form: the blocks of one type may be spread over its objects; their counts add
    // up. Said exactly for "at most one" and "at least one"; otherwise one object must hold them
    // all (stricter than hcl, README "Known limits").
    const maxes = specs.map((b) => blockCounts(b)[1]);
    const max = maxes.some((m) => m > 0) ? Math.min(...maxes.filter((m) => m > 0)) : 0;
    const has = { type: 'object', required: [typeName] };
    const nonZero = { type: 'object', required: [typeName], properties: { [typeName]: { not: { anyOf: [NULL, { type: 'array', maxItems: 0 }] } } } };
    const unique = specs.some((b) => b.spec.kind === 'blockMap' || b.spec.kind === 'blockObject');
    if (labels.length === 0 && min <= 1 && max <= 1) {
      const spread = specs.map((b) => blockValueSchema(b, labels, sub, inner, [0, blockCounts(b)[1]]));
      parts[typeName] = spread.length === 1 ? spread[0]! : { allOf: spread };
      if (max === 1) across?.push({ contains: nonZero, minContains: 0, maxContains: 1 });
      if (min === 1) across?.push({ contains: nonZero });
    } else if (labels.length > 0 && min === 0 && max === 0 && !unique) {
      parts[typeName] = propertyRef(defName, typeName);
    } else {
      parts[typeName] = propertyRef(defName, typeName);
      across?.push({ contains: has, minContains: 0, maxContains: 1 });
      if (min > 0) across?.push({ contains: has });
    }
  }
  if (!('//' in properties)) {
    properties['//'] = { description: 'a comment: hcl ignores this property' };
    parts['//'] = true;
  }

  const out: { [k: string]: unknown } = { type: 'object', properties };
  if (required.size) out['required'] = [...required].sort();
  out['additionalProperties'] = false;
  if (allOf.length) out['allOf'] = allOf;
  const merged: JsonSchema =
    across === null
      ? false
      : { type: 'array', items: { type: 'object', properties: parts, additionalProperties: false }, ...(across.length ? { allOf: across } : {}) };
  return { body: out, merged };
}

/** The property value of one block type: null, one body, an array of bodies, or label objects. */
function blockValueSchema(b: BodyBlock, labels: readonly string[], path: string, ctx: Ctx, [min, max]: [number, number]): JsonSchema {
  const s = b.spec;
  let body: JsonSchema;
  let element: JsonSchema;
  if (s.kind === 'blockAttrs') {
    // JustAttributes: every property (but "//") is an attribute of the element type; an
    // element of a block array must be an object.
    body = { type: 'object', properties: { '//': true }, additionalProperties: valueSchema(s.elementType, ctx.opts) };
    element = body;
  } else {
    const refs = bodyRefs(b.nested, path, ctx);
    body = refs.body;
    element = refs.element;
  }
  const desc = blockDescription(b, labels, ...blockCounts(b));
  if ((s.kind === 'blockMap' || s.kind === 'blockObject') && s.labelNames.length === 0) {
    // hcldec panics on any block of a label-less BlockMap/BlockObject: only "no block" decodes.
    return labels.length > 0 ? { $comment: desc, not: {} } : { description: desc, anyOf: [NULL, { type: 'array', maxItems: 0 }] };
  }
  if (labels.length === 0) return { description: desc, ...counted(min, max, body, element) };
  // Labels: one level of object keys per label; the leaf holds the blocks with those labels
  // (a map or object of blocks takes one per label tuple).
  const unique = s.kind === 'blockMap' || s.kind === 'blockObject';
  let level: JsonSchema = counted(0, unique ? 1 : 0, body, element);
  for (let i = labels.length - 1; i >= 0; i--) {
    level = {
      anyOf: [
        { type: 'object', minProperties: 1, additionalProperties: level, propertyNames: { description: labels[i] } },
        { type: 'array', items: { type: 'object', additionalProperties: level }, contains: { type: 'object', minProperties: 1 } },
      ],
    };
  }
  return { description: desc, ...(level as object) };
}

/** null (zero blocks), one body, or an array of bodies, within [min, max] blocks (max 0: no limit). */
function counted(min: number, max: number, body: JsonSchema, element: JsonSchema): { [k: string]: unknown } {
  const options: JsonSchema[] = [];
  if (min === 0) options.push(NULL);
  if (min <= 1 && (max === 0 || max >= 1)) options.push(body);
  const arr: { [k: string]: unknown } = { type: 'array', items: element };
  if (min > 0) arr['minItems'] = min;
  if (max > 0) arr['maxItems'] = max;
  options.push(arr);
  const a = anyOf(options);
  return typeof a === 'object' ? a : { anyOf: [a] };
}

function blockDescription(b: BodyBlock, labels: readonly string[], min: number, max: number): string {
  const kind = {
    block: 'block',
    blockList: 'block list',
    blockSet: 'block set',
    blockTuple: 'block tuple',
    blockMap: 'block map',
    blockObject: 'block object',
    blockAttrs: 'block of attributes',
  }[b.spec.kind];
  const counts = b.spec.kind === 'block' || b.spec.kind === 'blockAttrs' ? (min ? 'required' : 'optional') : `${min}..${max || '∞'} blocks`;
  const el = b.spec.kind === 'blockAttrs' ? `, values ${typeText(b.spec.elementType)}` : '';
  return `${kind} "${b.typeName}" (${counts}${labels.length ? `, labels ${labels.join(', ')}` : ''}${el})`;
}

/**
 * The JSON Schema (draft 2020-12) of a block body (`.pkr.json`) that hcldec decodes with `spec`
 * without error, e.g. a plugin's ConfigSpec for the body of its `source` block.
 */
export function specToJsonSchema(spec: Spec, opts: JsonSchemaOptions = {}): { [keyword: string]: unknown } {
  const head: { [k: string]: unknown } = { $schema: JSON_SCHEMA_DRAFT };
  if (opts.title !== undefined) head['title'] = opts.title;
  if (opts.description !== undefined) head['description'] = opts.description;
  const root = rootPanics(spec);
  if (root) return { ...head, $comment: `hcldec panics on this spec: ${root}`, not: {} };
  const ctx: Ctx = { opts, depth: 0, defs: Object.create(null) as { [name: string]: JsonSchema }, names: new Map() };
  const refs = bodyRefs(spec, '', ctx);
  // The block's value in the template: its body, or (hcl's JSON form of "one block") an array
  // holding that one body (which may itself be an array of objects, or null for an empty body).
  return { ...head, anyOf: [refs.body, { type: 'array', minItems: 1, maxItems: 1, items: refs.element }], $defs: ctx.defs };
}
