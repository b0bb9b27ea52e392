import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import protobuf from 'protobufjs';
import * as generated from '../../proto/hcl_spec.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SDK_PROTO = '/root/go/pkg/mod/github.com/hashicorp/packer-plugin-sdk@v0.6.4/rpc/hcl_spec.proto';

test('the committed static code is what `npm run proto` generates from proto/hcl_spec.proto', async () => {
  const out = mkdtempSync(join(tmpdir(), 'hcl-spec-gen-'));
  try {
    const gen = (await import(pathToFileURL(join(root, 'proto/generate.mjs')).href)) as { generate(dir: string): void };
    gen.generate(out);
    for (const f of ['hcl_spec.js', 'hcl_spec.d.ts']) {
      const fresh = readFileSync(join(out, f), 'utf8');
      const committed = readFileSync(join(root, 'proto', f), 'utf8');
      assert.ok(fresh === committed, `proto/${f} is out of date: run npm run proto`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the generated module loads as an ES module and exports every message', () => {
  for (const name of ['CtyType', 'CtyPrimitive', 'CtyList', 'CtyMap', 'HCL2Spec', 'Spec', 'Attr', 'Block', 'BlockList', 'Object']) {
    assert.type((generated as Record<string, unknown>)[name], 'function', name);
  }
});

/** Message -> field -> "type id" plus oneof membership: everything that shapes the wire. */
function schema(path: string): unknown {
  const ns = new protobuf.Root().loadSync(path, { keepCase: true }).toJSON().nested ?? {};
  const out: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(ns) as [
    string,
    { fields?: Record<string, { type: string; id: number; keyType?: string }>; oneofs?: Record<string, { oneof: string[] }> },
  ][]) {
    out[name] = {
      fields: Object.fromEntries(Object.entries(def.fields ?? {}).map(([f, d]) => [f, `${d.keyType ? `map<${d.keyType},${d.type}>` : d.type} ${d.id}`])),
      oneofs: def.oneofs ?? {},
    };
  }
  return out;
}

test("proto/hcl_spec.proto has the SDK's messages, field names, numbers, types and oneofs", () => {
  if (!existsSync(SDK_PROTO)) {
    console.error(`NOTE SDK proto not found at ${SDK_PROTO}; comparing against the facts of PROTOCOL.md 5b only`);
  } else {
    assert.equal(schema(join(root, 'proto/hcl_spec.proto')), schema(SDK_PROTO));
  }
  const ours = schema(join(root, 'proto/hcl_spec.proto')) as Record<string, { fields: Record<string, string> }>;
  assert.equal(ours['Spec']!.fields, { object: 'Object 1', attr: 'Attr 2', block_value: 'Block 3', block_list: 'BlockList 4' });
});

test.run();
