/**
 * codecs/schema without Go: every spec Go captured (gob-spec and proto-spec vectors) gives a JSON
 * Schema Ajv compiles as draft 2020-12 (strict about types and tuples) and a TypeScript
 * declaration; the schema's shape facts the README states. Which bodies the schema accepts is
 * checked against Go's hcldec in conformance/runner/schema-hcldec.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { vectors } from '../../testkit/vectors.js';
import { specFromCanonical } from '../hclspec/canonical.js';
import { T } from '../cty/types.js';
import type { Spec } from '../hclspec/model.js';
import { specToJsonSchema, specToTypeScript, knownLimit, KNOWN_LIMITS } from './index.js';

const ajv = (): Ajv2020 => new Ajv2020({ allowUnionTypes: true, strictTypes: true, strictTuples: true });

/** The specs Go captured, each distinct spec once (SDK versions and modes repeat most). */
function captured(): Array<{ id: string; spec: Spec }> {
  const seen = new Set<string>();
  return [...vectors('gob-spec'), ...vectors('proto-spec')]
    .filter((v) => typeof v.expect === 'object' && v.expect !== null && '$object' in (v.expect as object))
    .filter((v) => !seen.has(JSON.stringify(v.expect)) && seen.add(JSON.stringify(v.expect)) !== undefined)
    .map((v) => ({ id: v.id, spec: specFromCanonical(v.expect) }));
}

test('every captured spec: the JSON Schema compiles as draft 2020-12, the declaration names the interface', () => {
  const specs = captured();
  assert.ok(specs.length > 50);
  for (const { id, spec } of specs) {
    const schema = specToJsonSchema(spec, { title: id });
    assert.is(schema['$schema'], 'https://json-schema.org/draft/2020-12/schema');
    try {
      ajv().compile(schema);
    } catch (e) {
      assert.unreachable(`${id}: ${(e as Error).message}`);
    }
    assert.match(specToTypeScript(spec, { name: 'C' }), /^export (interface C \{|type C = never;)/m, id);
  }
});

const obj = (attrs: Record<string, Spec>): Spec => ({ kind: 'object', attrs: new Map(Object.entries(attrs)) });
const attr = (name: string, type = T.String, required = false): Spec => ({ kind: 'attr', name, type, required });

test('output does not depend on the order of the spec map (Go sends map entries in random order)', () => {
  const a = obj({ x: attr('x'), y: attr('y', T.Number, true), b: { kind: 'block', typeName: 'b', required: false, nested: obj({ z: attr('z') }) } });
  const b = obj({ b: { kind: 'block', typeName: 'b', required: false, nested: obj({ z: attr('z') }) }, y: attr('y', T.Number, true), x: attr('x') });
  assert.is(JSON.stringify(specToJsonSchema(a)), JSON.stringify(specToJsonSchema(b)));
  assert.is(specToTypeScript(a), specToTypeScript(b));
});

test('a DefaultSpec with a literal default gives the attribute its default', () => {
  const s = obj({ d: { kind: 'default', primary: attr('d', T.Number), default: { kind: 'literal', value: { type: T.String, raw: 'seven' } } } });
  const schema = specToJsonSchema(s) as { $defs: { body: { properties: { d: { default: unknown } } } } };
  assert.is(schema.$defs.body.properties.d.default, 'seven');
});

test('a spec hcldec panics on (nil Nested) accepts nothing', () => {
  const s = obj({ b: { kind: 'blockList', typeName: 'b', nested: null, minItems: 0, maxItems: 0 } });
  const v = ajv().compile(specToJsonSchema(s));
  assert.is(v({}), false);
  assert.match(specToTypeScript(s), /= never;/);
});

test('knownLimit names repeated labels across a label array of a block map', () => {
  const s = obj({ m: { kind: 'blockMap', typeName: 'm', labelNames: ['k'], nested: obj({}) } });
  assert.is(knownLimit(s, { m: [{ a: {} }, { a: {} }] }), KNOWN_LIMITS.repeatedLabels);
  assert.is(knownLimit(s, { m: [{ a: {} }, { b: {} }] }), null);
});

test('a spec nested 1000 blocks deep gives bounded output, no stack overflow', () => {
  let s: Spec = obj({ leaf: attr('leaf', T.Number) });
  for (let i = 0; i < 1000; i++) s = obj({ [`b${i}`]: { kind: 'block', typeName: `b${i}`, required: false, nested: s } });
  const schema = specToJsonSchema(s);
  assert.ok(JSON.stringify(schema).length < 2_000_000);
  ajv().compile(schema);
  assert.ok(specToTypeScript(s).length < 2_000_000);
});

test.run();
