#!/usr/bin/env node
// Regenerates the protobufjs static code for hcl_spec.proto (`npm run proto`).
//
//   node proto/generate.mjs [OUT_DIR]
//
// Writes OUT_DIR/hcl_spec.js (pbjs static-module, ES module syntax, importing
// "protobufjs/minimal.js" so Node's ESM resolver finds it) and OUT_DIR/hcl_spec.d.ts (pbts).
// OUT_DIR defaults to this folder; the generated files are committed, and a test regenerates them
// into a temporary folder and compares (codecs/protobuf/generated.test.ts).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const cliDir = dirname(require.resolve('protobufjs-cli/package.json'));

export const PBJS_ARGS = ['-t', 'static-module', '-w', 'es6', '--es6', '--dependency', 'protobufjs/minimal.js'];

function run(tool, args) {
  const r = spawnSync(process.execPath, [join(cliDir, 'bin', tool), ...args], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`${tool} exited with ${r.status}`);
  }
}

export function generate(outDir = here) {
  const js = join(outDir, 'hcl_spec.js');
  run('pbjs', [...PBJS_ARGS, '-o', js, join(here, 'hcl_spec.proto')]);
  run('pbts', ['-o', join(outDir, 'hcl_spec.d.ts'), js]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  generate(process.argv[2] ? resolve(process.argv[2]) : here);
}
