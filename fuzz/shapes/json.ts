/** Hostile cty JSON: arrays and objects nested far past MAX_DEPTH, deep type JSON, huge numbers. */
import { utf8 } from './build.js';
import { contextWhere, DEPTHS, type Seed, type Shape, type ShapeInput } from './shape.js';

const withType = (seeds: readonly Seed[], text: string, ok: (t: unknown) => boolean): ShapeInput | null => {
  const ctx = contextWhere(seeds, (c) => ok(c['type']));
  return ctx ? { bytes: utf8(text), ctx } : null;
};
const isList = (t: unknown): boolean => Array.isArray(t) && t[0] === 'list';
const isDynamic = (t: unknown): boolean => t === 'dynamic';
const isNumber = (t: unknown): boolean => t === 'number';

export const jsonShapes: readonly Shape[] = [
  {
    name: 'json-deep-arrays',
    families: ['json-value'],
    about: 'N nested JSON arrays',
    sizes: DEPTHS,
    make: (n, _f, seeds) => withType(seeds, '['.repeat(n) + ']'.repeat(n), isList),
  },
  {
    name: 'json-deep-objects',
    families: ['json-value'],
    about: 'N nested JSON objects {"a": …}',
    sizes: DEPTHS,
    make: (n, _f, seeds) => withType(seeds, '{"a":'.repeat(n) + 'null' + '}'.repeat(n), isDynamic),
  },
  {
    name: 'json-dynamic-deep-type',
    families: ['json-value'],
    about: 'a dynamic {"value","type"} whose type is a list of a list of … string, N deep',
    sizes: DEPTHS,
    make: (n, _f, seeds) => withType(seeds, '{"value":null,"type":' + '["list",'.repeat(n) + '"string"' + ']'.repeat(n) + '}', isDynamic),
  },
  {
    name: 'json-huge-number',
    families: ['json-value'],
    about: 'a number with N decimal digits (or exponent N)',
    sizes: [1000, 100_000, 999_999_999],
    make: (n, _f, seeds) => withType(seeds, n > 200_000 ? `1e${n}` : '9'.repeat(n), isNumber),
  },
];
