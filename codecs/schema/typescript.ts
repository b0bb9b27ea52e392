/**
 * hcldec spec -> a TypeScript declaration (`.d.ts` text) of the JSON syntax of a block body, the
 * same rules as json-schema.ts as far as TypeScript types can say them (no string patterns, no
 * block counts beyond "one" and "a list": those are left to the JSON Schema).
 */
import type { CtyType } from '../cty/types.js';
import type { Spec } from '../hclspec/model.js';
import { acceptsEmptyBody, blockCounts, bodyOf, rootPanics, type BodyBlock } from './body.js';
import { typeText, valueAsJson } from './json-schema.js';

export interface TypeScriptOptions {
  /** The declared interface's name (default `Config`). */
  readonly name?: string;
  /** A doc comment for it. */
  readonly description?: string;
  /** Include `string` (a template such as "${var.x}") for non-string values. Default true. */
  readonly templates?: boolean;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const propName = (k: string): string => (IDENT.test(k) ? k : JSON.stringify(k));
const comment = (text: string, indent: string): string => `${indent}/** ${text.replace(/\*\//g, '*\\/')} */\n`;

/** The TypeScript type of the JSON values go-cty converts to `t`. */
function valueType(t: CtyType, templates: boolean, indent: string, depth = 0): string {
  const tpl = templates ? ' | string' : '';
  if (depth > 50) return 'unknown';
  switch (t.kind) {
    case 'string':
      return 'string | number | boolean | null';
    case 'number':
      return 'number | string | null';
    case 'bool':
      return `boolean | "true" | "false" | "1" | "0"${tpl} | null`;
    case 'dynamic':
      return 'unknown';
    case 'list':
    case 'set':
      return `Array<${valueType(t.elem, templates, indent, depth + 1)}>${tpl} | null`;
    case 'map':
      return `{ [key: string]: ${valueType(t.elem, templates, indent, depth + 1)} }${tpl} | null`;
    case 'tuple':
      return `[${t.elems.map((e) => valueType(e, templates, indent, depth + 1)).join(', ')}]${tpl} | null`;
    case 'object': {
      const inner = indent + '  ';
      const lines = [...t.attrs]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, at]) => `${inner}${propName(k)}${t.optional.has(k) ? '?' : ''}: ${valueType(at, templates, inner, depth + 1)};\n`);
      return `{\n${lines.join('')}${inner}[extra: string]: unknown;\n${indent}}${tpl} | null`;
    }
  }
}

function bodyType(spec: Spec | null, opts: TypeScriptOptions, indent: string, depth: number): string {
  const body = bodyOf(spec);
  if (body.panics || depth > 50) return 'never';
  const templates = opts.templates !== false;
  const inner = indent + '  ';
  let out = '{\n';
  const attrNames = new Set<string>();
  for (const a of body.attrs) {
    if (attrNames.has(a.name)) continue;
    attrNames.add(a.name);
    const required = body.attrs.some((b) => b.name === a.name && b.required);
    let doc = `${typeText(a.type)}${required ? ', required' : ''}`;
    if (a.default) doc += `; default ${JSON.stringify(valueAsJson(a.default))}`;
    out += comment(doc, inner);
    out += `${inner}${propName(a.name)}${required ? '' : '?'}: ${valueType(a.type, templates, inner)};\n`;
  }
  const seen = new Set<string>();
  for (const b of body.blocks) {
    if (attrNames.has(b.typeName) || seen.has(b.typeName)) continue;
    seen.add(b.typeName);
    const [min, max] = blockCounts(b);
    out += comment(`${b.spec.kind} "${b.typeName}"${b.labels.length ? `, labels: ${b.labels.join(', ')}` : ''}${min || max ? `, ${min}..${max || '∞'} blocks` : ''}`, inner);
    out += `${inner}${propName(b.typeName)}${min > 0 ? '' : '?'}: ${blockType(b, opts, inner, depth)};\n`;
  }
  if (!attrNames.has('//') && !seen.has('//')) out += `${inner}/** a comment: ignored */\n${inner}"//"?: unknown;\n`;
  return out + `${indent}}`;
}

function blockType(b: BodyBlock, opts: TypeScriptOptions, indent: string, depth: number): string {
  const s = b.spec;
  const templates = opts.templates !== false;
  const body = s.kind === 'blockAttrs' ? `{ [name: string]: ${valueType(s.elementType, templates, indent)} }` : bodyType(b.nested, opts, indent, depth + 1);
  const element = s.kind !== 'blockAttrs' && acceptsEmptyBody(b.nested) ? `(${body}) | null` : body;
  const [min, max] = blockCounts(b);
  let leaf: string;
  if (max === 1) leaf = min === 1 ? `${body} | [${body}]` : `${body} | [${element}] | [] | null`;
  else leaf = `${body} | Array<${element}>${min === 0 ? ' | null' : ''}`;
  for (let i = 0; i < b.labels.length; i++) leaf = `{ [${JSON.stringify(b.labels[b.labels.length - 1 - i]).replace(/"/g, '').replace(/[^A-Za-z0-9_$]/g, '_') || 'label'}: string]: ${leaf} }`;
  return leaf;
}

/** A `.d.ts` declaration of the block body hcldec decodes with `spec`. */
export function specToTypeScript(spec: Spec, opts: TypeScriptOptions = {}): string {
  const name = opts.name ?? 'Config';
  const doc = [opts.description, rootPanics(spec) ? `hcldec panics on this spec: ${rootPanics(spec)}` : bodyOf(spec).panics ? `hcldec panics on this spec: ${bodyOf(spec).panics}` : undefined]
    .filter(Boolean)
    .join('; ');
  const head = doc ? comment(doc, '') : '';
  const t = rootPanics(spec) ? 'never' : bodyType(spec, opts, '', 0);
  return t === 'never' ? `${head}export type ${name} = never;\n` : `${head}export interface ${name} ${t}\n`;
}
