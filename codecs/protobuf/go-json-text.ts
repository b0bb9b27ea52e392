/**
 * Canonical JSON text as the Go harness writes vector files (conformance/canon.Marshal): Go's
 * encoding/json with 2-space indentation, object keys sorted as Go sorts strings, no HTML
 * escaping, U+2028 / U+2029 escaped, a trailing newline. Used to re-encode the spec of a
 * `proto-spec` rejection vector in the same form as its file.
 */
import { compareGoStrings } from '../cty/types.js';
import { goJsonFloat, goJsonString } from '../golang/json.js';
import { WireError } from '../wire/errors.js';

const quote = (s: string): string => goJsonString(s, { escapeHTML: false });

function write(v: unknown, indent: string, depth: number): string {
  if (depth > 1000) throw new WireError('canonical', 0, 'JSON nested deeper than 1000 levels');
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    const text = goJsonFloat(v);
    if (text === undefined) throw new WireError('canonical', 0, `number ${v} has no JSON form`);
    return text;
  }
  if (typeof v === 'string') return quote(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + write(x, inner, depth + 1)).join(',\n')}\n${indent}]`;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort(compareGoStrings);
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${inner}${quote(k)}: ${write(o[k], inner, depth + 1)}`).join(',\n')}\n${indent}}`;
  }
  throw new WireError('canonical', 0, `${typeof v} has no JSON form`);
}

export function goJsonText(v: unknown): string {
  return write(v, '', 0) + '\n';
}
