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

/** The JSON values go-cty converts to a value of type `t` (null converts to a null of any type). */
export function valueSchema(t: CtyType, opts: JsonSchemaOptions = {}, depth = 0): JsonSchema {
  const templates = opts.templates !== false;
  const withTemplate = (s: { [k: string]: unknown }): JsonSchema => (templates ? { anyOf: [s, { type: 'string', pattern: TEMPLATE_PATTERN }] } : s);
  if (depth > 200) return true;
  switch (t.kind) {
    case 'string':
      return { type: ['string', 'number', 'boolean', 'null'] };
    case 'number':
      return withTemplate({ type: ['number', 'string', 'null'], pattern: NUMBER_STRING_PATTERN });
    case 'bool':
      return withTemplate({ type: ['boolean', 'string', 'null'], pattern: BOOL_STRING_PATTERN });
    case 'dynamic':
      return true;
    case 'list':
    case 'set':
      return withTemplate({ type: ['array', 'null'], items: valueSchema(t.elem, opts, depth + 1) });
    case 'map':
      return withTemplate({ type: ['object', 'null'], additionalProperties: valueSchema(t.elem, opts, depth + 1) });
    case 'tuple':
      return withTemplate({
        type: ['array', 'null'],
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
      return withTemplate({ type: ['object', 'null'], properties, ...(required.length ? { required } : {}) });
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
      return { required: [s.name], properties: { [s.name]: { not: NULL } } };
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
}

/** JSON Schema of a block body decoded with `spec` (an ObjectSpec or any same-body spec). */
export function bodySchema(spec: Spec | null, ctx: Ctx): JsonSchema {
  const body = bodyOf(spec);
  if (body.panics) return { $comment: `hcldec panics on this spec: ${body.panics}`, not: {} };
  if (ctx.depth > 100) return true;
  const properties: { [k: string]: JsonSchema } = Object.create(null) as { [k: string]: JsonSchema };
  const required = new Set<string>();
  const allOf: JsonSchema[] = [];

  const attrNames = new Set(body.attrs.map((a) => a.name));
  const byName = new Map<string, BodyAttr[]>();
  for (const a of body.attrs) byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
  for (const [name, specs] of byName) {
    const always = specs.filter((a) => a.onlyWhenNull.length === 0);
    const parts: JsonSchema[] = always.map((a) => valueSchema(a.type, ctx.opts));
    let prop: JsonSchema = parts.length === 0 ? true : parts.length === 1 ? parts[0]! : { allOf: parts };
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
    if (specs.some((a) => a.required)) required.add(name);
    for (const a of specs) {
      if (a.onlyWhenNull.length === 0) continue;
      // Decoded only when every primary above it decodes to null.
      allOf.push({ anyOf: [...a.onlyWhenNull.map(nonNull), { properties: { [name]: valueSchema(a.type, ctx.opts) } }] });
    }
  }

  const byType = new Map<string, BodyBlock[]>();
  for (const b of body.blocks) byType.set(b.typeName, [...(byType.get(b.typeName) ?? []), b]);
  for (const [typeName, specs] of byType) {
    if (attrNames.has(typeName)) {
      // hcl reads the property as the attribute: the block specs see no block.
      if (specs.some((b) => blockCounts(b)[0] > 0)) return { $comment: `block type "${typeName}" is shadowed by an attribute of the same name and requires a block`, not: {} };
      continue;
    }
    // hcl unpacks the property with the header of the last block spec naming this type.
    const labels = specs[specs.length - 1]!.labels;
    const parts = specs.map((b) => blockValueSchema(b, labels, ctx));
    properties[typeName] = parts.length === 1 ? parts[0]! : { allOf: parts };
    if (specs.some((b) => blockCounts(b)[0] > 0)) required.add(typeName);
  }
  if (!('//' in properties)) properties['//'] = { description: 'a comment: hcl ignores this property' };

  const out: { [k: string]: unknown } = { type: 'object', properties };
  if (required.size) out['required'] = [...required].sort();
  out['additionalProperties'] = false;
  if (allOf.length) out['allOf'] = allOf;
  return out;
}

/** The property value of one block type: null, one body, an array of bodies, or label objects. */
function blockValueSchema(b: BodyBlock, labels: readonly string[], ctx: Ctx): JsonSchema {
  const inner: Ctx = { opts: ctx.opts, depth: ctx.depth + 1 };
  const s = b.spec;
  let body: JsonSchema;
  let element: JsonSchema;
  if (s.kind === 'blockAttrs') {
    // JustAttributes: every property (but "//") is an attribute of the element type; an
    // element of a block array must be an object.
    body = { type: 'object', properties: { '//': true }, additionalProperties: valueSchema(s.elementType, ctx.opts) };
    element = body;
  } else {
    body = bodySchema(b.nested, inner);
    // An element of a block array may be null: a block with an empty body.
    element = acceptsEmptyBody(b.nested) ? { anyOf: [body, NULL] } : body;
  }
  const [min, max] = blockCounts(b);
  const desc = blockDescription(b, labels, min, max);
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
  const kind = { block: 'block', blockList: 'block list', blockSet: 'block set', blockTuple: 'block tuple', blockMap: 'block map', blockObject: 'block object', blockAttrs: 'block of attributes' }[b.spec.kind];
  const counts = b.spec.kind === 'block' || b.spec.kind === 'blockAttrs' ? (min ? 'required' : 'optional') : `${min}..${max || '∞'} blocks`;
  const el = b.spec.kind === 'blockAttrs' ? `, values ${typeText(b.spec.elementType)}` : '';
  return `${kind} "${b.typeName}" (${counts}${labels.length ? `, labels ${labels.join(', ')}` : ''}${el})`;
}

/**
 * The JSON Schema (draft 2020-12) of a block body (`.pkr.json`) that hcldec decodes with `spec`
 * without error, e.g. a plugin's ConfigSpec for the body of its `source` block.
 */
export function specToJsonSchema(spec: Spec, opts: JsonSchemaOptions = {}): { [keyword: string]: unknown } {
  const root = rootPanics(spec);
  const body: JsonSchema = root ? { $comment: `hcldec panics on this spec: ${root}`, not: {} } : bodySchema(spec, { opts, depth: 0 });
  const head: { [k: string]: unknown } = { $schema: JSON_SCHEMA_DRAFT };
  if (opts.title !== undefined) head['title'] = opts.title;
  if (opts.description !== undefined) head['description'] = opts.description;
  return typeof body === 'boolean' ? { ...head, ...(body ? {} : { not: {} }) } : { ...head, ...body };
}

