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

/** Declarations of one output: one interface per block body, named after the block path. */
interface Decls {
  readonly out: string[];
  readonly used: Set<string>;
}

const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('') || 'Block';

/** Declares the interface of a body and returns its name (or `never` where hcldec panics). */
function bodyDecl(spec: Spec | null, name: string, opts: TypeScriptOptions, decls: Decls, depth: number, doc?: string): string {
  const body = bodyOf(spec);
  if (body.panics) return 'never';
  if (depth > 50) return 'unknown'; // bodies nested deeper are not described
  let unique = name;
  for (let i = 2; decls.used.has(unique); i++) unique = `${name}${i}`;
  decls.used.add(unique);
  const templates = opts.templates !== false;
  const inner = '  ';
  let out = doc ? comment(doc, '') : '';
  out += `export interface ${unique} {\n`;
  const attrNames = new Set<string>();
  for (const a of body.attrs) {
    if (attrNames.has(a.name)) continue;
    attrNames.add(a.name);
    const required = body.attrs.some((b) => b.name === a.name && b.required);
    let text = `${typeText(a.type)}${required ? ', required' : ''}`;
    if (a.default) text += `; default ${JSON.stringify(valueAsJson(a.default))}`;
    out += comment(text, inner);
    out += `${inner}${propName(a.name)}${required ? '' : '?'}: ${valueType(a.type, templates, inner)};\n`;
  }
  const seen = new Set<string>();
  for (const b of body.blocks) {
    if (attrNames.has(b.typeName) || seen.has(b.typeName)) continue;
    seen.add(b.typeName);
    const [min, max] = blockCounts(b);
    const t = blockType(b, `${unique}${pascal(b.typeName)}`, opts, decls, depth);
    out += comment(
      `${b.spec.kind} "${b.typeName}"${b.labels.length ? `, labels: ${b.labels.join(', ')}` : ''}${min || max ? `, ${min}..${max || '∞'} blocks` : ''}`,
      inner,
    );
    out += `${inner}${propName(b.typeName)}${min > 0 ? '' : '?'}: ${t};\n`;
  }
  if (!attrNames.has('//') && !seen.has('//')) out += `${inner}/** a comment: ignored */\n${inner}"//"?: unknown;\n`;
  decls.out.push(out + '}\n');
  return unique;
}

function blockType(b: BodyBlock, name: string, opts: TypeScriptOptions, decls: Decls, depth: number): string {
  const s = b.spec;
  const templates = opts.templates !== false;
  const body =
    s.kind === 'blockAttrs'
      ? `{ [name: string]: ${valueType(s.elementType, templates, '  ')} }`
      : bodyDecl(b.nested, name, opts, decls, depth + 1, `The body of a "${b.typeName}" block.`);
  const element = s.kind !== 'blockAttrs' && acceptsEmptyBody(b.nested) ? `${body} | null` : body;
  const [min, max] = blockCounts(b);
  let leaf: string;
  if (max === 1) leaf = min === 1 ? `${body} | [${body}]` : `${body} | [${element}] | [] | null`;
  else leaf = `${body} | Array<${element}>${min === 0 ? ' | null' : ''}`;
  for (let i = b.labels.length - 1; i >= 0; i--) leaf = `{ [${b.labels[i]!.replace(/[^A-Za-z0-9_$]/g, '_') || 'label'}: string]: ${leaf} }`;
  return leaf;
}

/**
 * `.d.ts` declarations of the block body hcldec decodes with `spec`: an interface `name` and one
 * interface per nested block body (`name` + the block type, PascalCase).
 */
export function specToTypeScript(spec: Spec, opts: TypeScriptOptions = {}): string {
  const name = opts.name ?? 'Config';
  const panics = rootPanics(spec) ?? bodyOf(spec).panics;
  const doc = [opts.description, panics ? `hcldec panics on this spec (${panics}): no body decodes` : undefined].filter(Boolean).join('; ');
  if (panics) return `${doc ? comment(doc, '') : ''}export type ${name} = never;\n`;
  const decls: Decls = { out: [], used: new Set() };
  bodyDecl(spec, name, opts, decls, 0, doc || undefined);
  // The root first, then nested bodies outside-in.
  return [decls.out[decls.out.length - 1]!, ...decls.out.slice(0, -1).reverse()].join('\n');
}
