/**
 * Test kit for the schema-vs-hcldec differential test: fast-check arbitraries of template block
 * bodies (the JSON syntax of a .pkr.json block) for an hcldec spec. `validBody(spec)` draws bodies
 * meant to decode (every JSON form hcl and go-cty accept: a string for a number, a number for a
 * string, "1" for a bool, null, a block as an object or an array, labels as object keys, `//`
 * comments), and `nearMiss(spec)` takes one of those and breaks it in one place: a wrong type, a
 * required attribute removed, an unknown property, too many or too few blocks, a wrong nesting, or
 * an arbitrary JSON value anywhere. Go, not this kit, says which draws are valid.
 */
import fc from 'fast-check';
import type { CtyType } from '../../codecs/cty/types.js';
import type { Spec } from '../../codecs/hclspec/model.js';
import { acceptsEmptyBody, blockCounts, bodyOf, type BodyBlock } from '../../codecs/schema/body.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type Drawn = { readonly body: JsonValue; readonly mutation: string };

/** No HCL template sequences: Packer would evaluate them (the schema only says "a template"). */
const noTemplate = (s: string): boolean => !/\$\{|%\{/.test(s);
const str = fc.string({ maxLength: 8 }).filter(noTemplate);
const key = fc.oneof(str, fc.constantFrom('a', 'name', 'x', '//', 'id', ''));
const anyJson: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 2 }).filter((v) => noTemplate(JSON.stringify(v))) as fc.Arbitrary<JsonValue>;
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const numberStrings = fc.oneof(
  fc.integer().map(String),
  finite.map(String),
  fc.constantFrom('5', '-1.5e3', '1p3', '+.5', '5.', 'Inf', '-inf', '0007', '1E+2', '1P-2'),
);
const boolStrings = fc.constantFrom('true', 'false', '1', '0');
/** Strings near the edge of what go-cty converts to a number or a bool (near misses). */
const trickyStrings = fc.constantFrom(
  '1e',
  '0x10',
  ' 5',
  '5 ',
  'abc',
  '',
  '.',
  'INF',
  'infinity',
  '1_000',
  '--1',
  '1.5.5',
  'NaN',
  '+',
  '1e+',
  '٣',
  'True',
  'FALSE',
  'yes',
  ' true',
  '01',
  '1.0',
  'e5',
  '.e1',
  '5',
  'true',
  '0',
);

function dictOf(value: fc.Arbitrary<JsonValue>, maxKeys = 3): fc.Arbitrary<{ [k: string]: JsonValue }> {
  return fc.uniqueArray(fc.tuple(key, value), { maxLength: maxKeys, selector: ([k]) => k }).map((pairs) => {
    const o: { [k: string]: JsonValue } = {};
    for (const [k, v] of pairs) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
    return o;
  });
}

/** JSON values go-cty may convert to `t` (mostly valid; Go decides). */
export function valueFor(t: CtyType, depth = 0): fc.Arbitrary<JsonValue> {
  if (depth > 4) return fc.constant(null);
  switch (t.kind) {
    case 'string':
      return fc.oneof({ weight: 6, arbitrary: str }, fc.integer(), finite, fc.boolean(), fc.constant(null));
    case 'number':
      return fc.oneof({ weight: 3, arbitrary: fc.integer() }, finite, numberStrings, fc.constant(null));
    case 'bool':
      return fc.oneof({ weight: 3, arbitrary: fc.boolean() }, boolStrings, fc.constant(null));
    case 'dynamic':
      return anyJson;
    case 'list':
    case 'set':
      return fc.oneof({ weight: 6, arbitrary: fc.array(valueFor(t.elem, depth + 1), { maxLength: 3 }) }, fc.constant(null));
    case 'map':
      return fc.oneof({ weight: 6, arbitrary: dictOf(valueFor(t.elem, depth + 1)) }, fc.constant(null));
    case 'tuple':
      return fc.oneof({ weight: 6, arbitrary: fc.tuple(...t.elems.map((e) => valueFor(e, depth + 1))) as fc.Arbitrary<JsonValue> }, fc.constant(null));
    case 'object': {
      const attrs = [...t.attrs].map(([k, at]) =>
        (t.optional.has(k) ? fc.option(valueFor(at, depth + 1), { nil: undefined }) : valueFor(at, depth + 1)).map((v) => [k, v] as const),
      );
      const obj = fc.tuple(fc.tuple(...attrs), fc.option(fc.tuple(key, anyJson), { nil: undefined })).map(([pairs, extra]) => {
        const o: { [k: string]: JsonValue } = {};
        if (extra && !t.attrs.has(extra[0])) define(o, extra[0], extra[1]);
        for (const [k, v] of pairs) if (v !== undefined) define(o, k, v);
        return o as JsonValue;
      });
      return fc.oneof({ weight: 6, arbitrary: obj }, fc.constant(null));
    }
  }
}

const define = (o: { [k: string]: JsonValue }, k: string, v: JsonValue): void => {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
};

/** A body meant to decode with `spec` (an object; Go has the last word). */
export function validBody(spec: Spec | null, depth = 0): fc.Arbitrary<{ [k: string]: JsonValue }> {
  const body = bodyOf(spec);
  const members: fc.Arbitrary<readonly [string, JsonValue] | null>[] = [];
  const attrNames = new Set<string>();
  for (const a of body.attrs) {
    if (attrNames.has(a.name)) continue;
    attrNames.add(a.name);
    const required = body.attrs.some((b) => b.name === a.name && b.required);
    const v = valueFor(a.type).map((x) => [a.name, x] as const);
    members.push(required ? v : fc.option(v, { nil: null, freq: 2 }));
  }
  const blockTypes = new Set<string>();
  for (const b of body.blocks) {
    if (blockTypes.has(b.typeName) || attrNames.has(b.typeName)) continue;
    blockTypes.add(b.typeName);
    members.push(blockValue(b, depth).map((v) => (v === undefined ? null : ([b.typeName, v] as const))));
  }
  members.push(
    fc.option(
      anyJson.map((v) => ['//', v] as const),
      { nil: null, freq: 8 },
    ),
  );
  return fc.tuple(...members).map((pairs) => {
    const o: { [k: string]: JsonValue } = {};
    for (const p of pairs) if (p) define(o, p[0], p[1]);
    return o;
  });
}

/** The property value for one block type (undefined: leave the property out). */
function blockValue(b: BodyBlock, depth: number): fc.Arbitrary<JsonValue | undefined> {
  const [min, max0] = blockCounts(b);
  const deep = depth >= 3;
  const max = max0 > 0 ? Math.min(max0, min + 3) : min + (deep ? 0 : 3);
  const s = b.spec;
  const bodyArb: fc.Arbitrary<JsonValue> =
    s.kind === 'blockAttrs' ? (dictOf(valueFor(s.elementType), 3) as fc.Arbitrary<JsonValue>) : (validBody(b.nested, depth + 1) as fc.Arbitrary<JsonValue>);
  const emptyOk = s.kind !== 'blockAttrs' && acceptsEmptyBody(b.nested);
  const element = emptyOk ? fc.oneof({ weight: 5, arbitrary: bodyArb }, fc.constant(null)) : bodyArb;
  if (min > 1000) return fc.constant(undefined); // MinItems no body can reach
  if (b.labels.length === 0) {
    return fc.integer({ min, max }).chain((n): fc.Arbitrary<JsonValue | undefined> => {
      if (n === 0) return fc.constantFrom<JsonValue | undefined>(undefined, null, []);
      if (n === 1) return fc.oneof(bodyArb, fc.array(element, { minLength: 1, maxLength: 1 }));
      return fc.array(element, { minLength: n, maxLength: n });
    });
  }
  // Labelled: draw label tuples (unique for maps and objects of blocks), nest them as object keys.
  const unique = s.kind === 'blockMap' || s.kind === 'blockObject';
  const tuples = fc.array(fc.tuple(...b.labels.map(() => fc.oneof(fc.constantFrom('a', 'b'), str))), {
    minLength: Math.max(min, 0),
    maxLength: Math.max(max, 1),
  });
  return fc
    .tuple(tuples, fc.array(fc.oneof(bodyArb, fc.array(element, { minLength: 1, maxLength: unique ? 1 : 2 })), { minLength: 8, maxLength: 8 }), fc.boolean())
    .map(([labelTuples, bodies, asArray]): JsonValue | undefined => {
      if (labelTuples.length === 0) return undefined;
      const root: { [k: string]: JsonValue } = {};
      labelTuples.forEach((labels, i) => {
        let o = root;
        for (let l = 0; l < labels.length - 1; l++) {
          const next = Object.hasOwn(o, labels[l]!) ? o[labels[l]!] : undefined;
          if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) define(o, labels[l]!, {});
          o = o[labels[l]!] as { [k: string]: JsonValue };
        }
        const last = labels[labels.length - 1]!;
        if (unique && Object.hasOwn(o, last)) return;
        define(o, last, bodies[i % bodies.length]!);
      });
      // The first label level as an array of one-key objects is the same blocks to hcl.
      if (asArray && Object.keys(root).length > 1) return Object.entries(root).map(([k, v]) => ({ [k]: v }));
      return root;
    });
}

type Path = (string | number)[];

function paths(v: JsonValue, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k]!, [...at, k], out);
  return out;
}

function clone(v: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(v)) as JsonValue;
}

function getAt(v: JsonValue, p: Path): JsonValue {
  let x: JsonValue = v;
  for (const k of p) x = (x as { [k: string]: JsonValue })[k as string]!;
  return x;
}

function setAt(root: JsonValue, p: Path, value: JsonValue | undefined): JsonValue {
  if (p.length === 0) return value === undefined ? {} : value;
  const parent = getAt(root, p.slice(0, -1));
  const k = p[p.length - 1]!;
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(k as number, 1);
    else parent[k as number] = value;
  } else if (parent !== null && typeof parent === 'object') {
    if (value === undefined) delete parent[k as string];
    else define(parent, k as string, value);
  }
  return root;
}

const MUTATIONS = [
  'replace',
  'delete',
  'add-property',
  'wrap-array',
  'unwrap',
  'duplicate',
  'null',
  'wrong-type',
  'tricky-string',
  'empty',
  'split',
  'split',
  'split-dup',
] as const;

/** One valid body broken in one place. */
export function nearMiss(spec: Spec | null): fc.Arbitrary<Drawn> {
  return fc
    .tuple(
      validBody(spec),
      fc.nat(),
      fc.constantFrom(...MUTATIONS),
      anyJson,
      key,
      fc.constantFrom<JsonValue>(1, 'x', true, [], {}, [1], { a: 1 }, 'true', '5'),
      trickyStrings,
    )
    .map(([valid, pick, op, random, newKey, wrong, tricky]) => {
      let body: JsonValue = clone(valid);
      const ps = paths(body);
      const p = ps[pick % ps.length]!;
      const here = getAt(body, p);
      switch (op) {
        case 'replace':
          body = setAt(body, p, random);
          break;
        case 'wrong-type':
          body = setAt(body, p, wrong);
          break;
        case 'tricky-string': {
          // Prefer a leaf: where a number or bool attribute meets a string.
          const leaves = ps.filter((q) => {
            const x = getAt(body, q);
            return x === null || typeof x !== 'object';
          });
          const q = leaves.length ? leaves[pick % leaves.length]! : p;
          body = setAt(body, q, tricky);
          return { body, mutation: `tricky-string ${JSON.stringify(tricky)} at ${q.map(String).join('.')}` };
        }
        case 'delete':
          body = setAt(body, p, p.length ? undefined : {});
          break;
        case 'add-property': {
          const target = here !== null && typeof here === 'object' && !Array.isArray(here) ? here : body;
          if (target !== null && typeof target === 'object' && !Array.isArray(target)) define(target, newKey, random);
          break;
        }
        case 'wrap-array':
          body = setAt(body, p, [here]);
          break;
        case 'unwrap':
          if (Array.isArray(here) && here.length > 0) body = setAt(body, p, here[0]!);
          else body = setAt(body, p, random);
          break;
        case 'duplicate':
          if (Array.isArray(here) && here.length > 0) here.push(clone(here[here.length - 1]!));
          else if (p.length) body = setAt(body, p, [here, clone(here)]);
          break;
        case 'null':
          body = setAt(body, p, null);
          break;
        case 'split':
        case 'split-dup': {
          // hcl merges the properties of an array of objects written where a body goes.
          const objects = ps.filter((q) => {
            const x = getAt(body, q);
            return x !== null && typeof x === 'object' && !Array.isArray(x);
          });
          const q = objects[pick % objects.length]!;
          const o = getAt(body, q) as { [k: string]: JsonValue };
          const keys = Object.keys(o);
          const parts: { [k: string]: JsonValue }[] = [{}, {}];
          keys.forEach((k, i) => define(parts[(pick >> i) & 1]!, k, o[k]!));
          if (op === 'split-dup' && keys.length) define(parts[1]!, keys[0]!, clone(o[keys[0]!]!));
          body = setAt(body, q, (pick & 64) === 0 ? parts : [...parts, {}]);
          return { body, mutation: `${op} at ${q.length ? q.map(String).join('.') : 'the root'}` };
        }
        case 'empty':
          body = setAt(body, p, Array.isArray(here) ? [] : {});
          break;
      }
      return { body, mutation: `${op}${p.length ? ` at ${p.map(String).join('.')}` : ' at the root'}` };
    })
    .filter((d) => noTemplate(JSON.stringify(d.body)));
}

/** Valid draws and near misses, about half each. */
export function configs(spec: Spec | null): fc.Arbitrary<Drawn> {
  return fc.oneof(
    validBody(spec).map((body): Drawn => ({ body, mutation: 'none' })),
    nearMiss(spec),
  );
}
