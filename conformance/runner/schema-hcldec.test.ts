/**
 * Differential test: the JSON Schema of codecs/schema must accept exactly the template bodies
 * Go's hcldec.Decode accepts.
 *
 * For every spec captured from Go (gob-spec and proto-spec vectors of the tester and the
 * published plugins, and the harness's crafted specs; duplicates across SDK versions and modes
 * counted once), fast-check draws bodies from the spec, valid ones and near misses
 * (schema-configs.ts). Go (conformance/cmd/hcldecode) rebuilds the spec from the vector's bytes
 * and decodes each body as Packer decodes a .pkr.json block; Ajv (draft 2020-12) validates it
 * against specToJsonSchema(spec), the spec read by our own codec from the same bytes. Every
 * disagreement fails the test unless it is one of the known limits a JSON Schema cannot express
 * (README of codecs/schema), which are counted and printed.
 *
 * Configs per plugin family: SCHEMA_RUNS (default 1200), spread over the family's specs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { decodeConfigSpec } from '../../codecs/hclspec/configspec.js';
import { specFromCanonical, specToCanonical } from '../../codecs/hclspec/canonical.js';
import type { Spec, ObjectSpec } from '../../codecs/hclspec/model.js';
import { specToJsonSchema } from '../../codecs/schema/index.js';
import { knownLimit, LIMIT_ACCEPTED_BY } from '../../codecs/schema/limits.js';
import { loadManifest } from './run.js';
import { GoHelper, isUnavailable } from './crosslang.js';
import { configs, type Drawn } from '../../testkit/schema/configs.js';

const vectorsDir = fileURLToPath(new URL('../../../vectors/', import.meta.url));
const RUNS = Number(process.env['SCHEMA_RUNS'] ?? 1200);
const SEED = Number(process.env['SCHEMA_SEED'] ?? 20261206);

interface SpecCase {
  readonly family: string;
  readonly id: string;
  readonly spec: Spec;
  readonly load: Record<string, unknown>;
}

/** Unique specs per plugin family (the vector id's first word), read by our codec. */
function specCases(): SpecCase[] {
  const seen = new Set<string>();
  const out: SpecCase[] = [];
  for (const v of loadManifest(vectorsDir)) {
    if (v.family !== 'gob-spec' && v.family !== 'proto-spec') continue;
    if (v.family === 'proto-spec' && (v.context as { kind?: string } | undefined)?.kind !== 'accept') continue;
    const bytes = new Uint8Array(readFileSync(join(vectorsDir, v.file)));
    const spec = decodeConfigSpec(bytes, v.family === 'gob-spec' ? 'gob' : 'protobuf');
    const name = v.id.slice(v.id.indexOf('/') + 1);
    const family = name.slice(0, name.indexOf('-'));
    const key = `${family} ${JSON.stringify(specToCanonical(spec))}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ family, id: v.id, spec, load: { family: v.family, bytes: Buffer.from(bytes).toString('base64') } });
    // The tester's full spec holds two members on which every body fails (a nil Nested spec:
    // hcldec panics; MinItems 2147483647): a variant without them reaches every other kind.
    if (spec.kind === 'object' && spec.attrs.has('no_nested') && spec.attrs.has('max_nested')) {
      const attrs = new Map(spec.attrs);
      attrs.delete('no_nested');
      attrs.delete('max_nested');
      const variant: ObjectSpec = { kind: 'object', attrs };
      out.push({ family, id: `${v.id} without no_nested, max_nested`, spec: variant, load: { canonical: specToCanonical(variant) } });
    }
  }
  for (const [name, canonical] of Object.entries(CRAFTED))
    out.push({ family: 'crafted', id: `crafted/${name}`, spec: specFromCanonical(canonical), load: { canonical } });
  return out;
}

const a = (Name: string, Type: unknown, Required = false) => ({ $attr: { Name, Type, Required } });
/**
 * Specs no plugin sent us but hcldec supports: BlockTupleSpec (gob cannot carry it),
 * DynamicPseudoType attributes, a labelled block list with limits, an attribute and a block of
 * the same name, a DefaultSpec falling back to an attribute of another type. Built by Go from
 * canonical JSON (family "crafted").
 */
const CRAFTED: Record<string, unknown> = {
  'block-tuple': { $object: { bt: { $blockTuple: { TypeName: 'bt', Nested: { $object: { v: a('v', 'number') } }, MinItems: 1, MaxItems: 2 } } } },
  dynamic: {
    $object: {
      d: a('d', 'dynamic'),
      ld: a('ld', ['list', 'dynamic']),
      md: a('md', ['map', 'dynamic']),
      od: a('od', ['object', { a: 'dynamic', b: 'string' }]),
    },
  },
  'dynamic-in-block-list': { $object: { bl: { $blockList: { TypeName: 'bl', Nested: { $object: { v: a('v', 'dynamic') } }, MinItems: 0, MaxItems: 0 } } } },
  'labelled-limits': {
    $object: {
      bl: {
        $blockList: { TypeName: 'bl', Nested: { $object: { n: { $blockLabel: { Index: 0, Name: 'n' } }, v: a('v', 'string') } }, MinItems: 1, MaxItems: 2 },
      },
    },
  },
  shadowed: { $object: { x: a('x', 'string'), b: { $block: { TypeName: 'x', Nested: { $object: {} }, Required: false } } } },
  'default-other-type': { $object: { d: { $default: { Primary: a('d', 'string'), Default: a('fallback', ['list', 'number'], true) } } } },
};

const started = GoHelper.start({ cmd: 'hcldecode' });

if (isUnavailable(started)) {
  test('schema vs hcldec', () => {
    if (!started.goMissing) assert.unreachable(`Go is installed but the hcldecode helper did not build: ${started.reason}`);
    console.error(`SKIPPED: schema vs hcldec: ${started.reason}`);
  });
} else {
  const go = started;
  test('schema vs hcldec: the JSON Schema accepts exactly what Go decodes', async () => {
    const ajv = new Ajv2020({ allowUnionTypes: true, strictTypes: true, strictTuples: true });
    const cases = specCases();
    const families = new Map<string, SpecCase[]>();
    for (const c of cases) families.set(c.family, [...(families.get(c.family) ?? []), c]);
    let total = 0;
    let agree = 0;
    const limits = new Map<string, number>();
    const failures: string[] = [];
    const perFamily: string[] = [];
    try {
      for (const [family, list] of [...families].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const per = Math.ceil(RUNS / list.length);
        let famTotal = 0;
        let famAgree = 0;
        let famValid = 0;
        for (const [i, c] of list.entries()) {
          const key = `${family}-${i}`;
          const loaded = await go.call({ op: 'load', key, ...c.load });
          assert.is(loaded['error'] ?? '', '', `Go could not load ${c.id}: ${String(loaded['error'])}`);
          const validate = ajv.compile(specToJsonSchema(c.spec));
          const drawn: Drawn[] = fc.sample(configs(c.spec), { numRuns: per, seed: SEED + i });
          const answers = await Promise.all(drawn.map((d) => go.call({ key, body: JSON.stringify(d.body) })));
          drawn.forEach((d, j) => {
            const a = answers[j]!;
            if (typeof a['error'] === 'string' && a['error'] !== '') throw new Error(`hcldecode: ${a['error']}`);
            const goOk = a['accepted'] === true;
            const ours = validate(d.body) === true;
            famTotal++;
            if (goOk) famValid++;
            if (goOk === ours) {
              famAgree++;
              return;
            }
            const limit = knownLimit(c.spec, d.body);
            const side = limit ? LIMIT_ACCEPTED_BY[limit] : undefined;
            if (limit && (side === 'either' || side === (goOk ? 'go' : 'schema'))) {
              limits.set(limit, (limits.get(limit) ?? 0) + 1);
              return;
            }
            if (failures.length < 12) {
              failures.push(
                `${c.id} (${d.mutation}): Go ${goOk ? 'accepts' : `refuses (${JSON.stringify(a['diagnostics'] ?? a['panic'])})`}, schema ${ours ? 'accepts' : `refuses (${ajv.errorsText(validate.errors)})`}: ${JSON.stringify(d.body).slice(0, 400)}`,
              );
            } else if (failures.length === 12) failures.push('…');
          });
        }
        total += famTotal;
        agree += famAgree;
        perFamily.push(`${family}: ${famTotal} configs over ${list.length} specs (${famValid} valid), ${famAgree} agree`);
      }
    } finally {
      await go.close();
    }
    console.error(`NOTE schema vs hcldec: ${total} configs over ${cases.length} specs, ${agree} agree`);
    for (const l of perFamily) console.error(`NOTE schema vs hcldec:   ${l}`);
    for (const [l, n] of limits) console.error(`NOTE schema vs hcldec: known limit, ${n} configs: ${l}`);
    assert.ok(failures.length === 0, `schema and hcldec disagree:\n${failures.join('\n')}`);
    if (RUNS >= 1000) for (const l of perFamily) assert.ok(Number(/: (\d+) configs/.exec(l)?.[1]) >= 1000, `too few configs: ${l}`);
  });
}

test.run();
