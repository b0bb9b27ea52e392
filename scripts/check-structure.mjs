#!/usr/bin/env node
// Structure checks run by `npm run lint` (over the TypeScript sources, no build needed):
//   1. no import cycle among our modules (type-only imports count: they tie modules together too);
//   2. no module-level `let` / `var` in codecs/ outside tests (module state used as hidden
//      parameters: pass options and return values instead). The few that are not parameters
//      (scratch registers, id counters, caches that never change a result) are listed in
//      MODULE_STATE below, each with its reason; a new one fails until it is removed or listed;
//   3. no file under codecs/ that is not a test imports from conformance/;
//   4. no dead export: a name exported by a module that no other module imports and that the
//      module itself does not use (modules re-exported whole with `export *` count as used).
// Prints one line per problem and exits non-zero when there is any.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const roots = ['codecs', 'cli', 'conformance/runner', 'conformance/interop', 'bench', 'fuzz', 'examples', 'host', 'testkit'];
const files = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (n === 'node_modules' || n === 'dist' || n === '.work') continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|mts)$/.test(n) && !n.endsWith('.d.ts')) files.push(p);
  }
};
for (const r of roots) if (existsSync(join(root, r))) walk(join(root, r));

/** Module-level bindings in codecs/ that are reviewed: none changes what any function returns. */
const MODULE_STATE = {
  'codecs/cty/json.ts:sharedBusy': 'guards the reuse of one scratch ByteWriter (a nested call gets its own)',
  'codecs/cty/msgpack.ts:sharedBusy': 'guards the reuse of one scratch ByteWriter (a nested call gets its own)',
  'codecs/gob/compiled.ts:entries': 'size of the compiled-op caches (they are dropped at MAX_ENTRIES)',
  'codecs/gob/compiled.ts:heldBytes': 'estimated heap of the compiled-op caches (they are dropped at MAX_COMPILED_BYTES)',
  'codecs/gob/decoder.ts:namesByRegistry': 'cache of registered names by their bytes, replaced by clearCaches()',
  'codecs/gob/hcldec.ts:shared': "Packer's registry, built on first use",
  'codecs/gob/idspace.ts:spaces': 'counter giving each IdSpace a unique uid (cache keys)',
  'codecs/gob/idspace.ts:nextObjectNumber': 'counter numbering Go types and definitions for state hashes (a hash hit is confirmed by a structural compare)',
  'codecs/gob/stream.ts:nextSerial': 'counter giving type definitions unique serials (cache keys)',
  'codecs/gob/wire.ts:hi32': 'scratch register: the high half of a 64-bit integer, written before every read',
  'codecs/gob/wire.ts:lo32': 'scratch register: the low half of a 64-bit integer, written before every read',
};
const listed = new Set();

const rel = (p) => relative(root, p);
const isTest = (p) => /\.test\.ts$/.test(p);
// import … from '…', export … from '…', import '…', import('…'), with any line breaks.
const IMPORT = /(?:^|[;\n}])\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function stripComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, '')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const graph = new Map();
const problems = [];
for (const f of files) {
  const src = stripComments(readFileSync(f, 'utf8'));
  const deps = [];
  for (const m of src.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(f), spec).replace(/\.js$/, '.ts');
    if (rel(f).startsWith('codecs/') && !isTest(f) && rel(target).startsWith('conformance/'))
      problems.push(`${rel(f)} imports ${spec} (a codec may not depend on conformance/)`);
    if (existsSync(target)) deps.push(target);
  }
  graph.set(f, deps);
  if (rel(f).startsWith('codecs/') && !isTest(f)) {
    src.split('\n').forEach((line, i) => {
      const m = /^(?:export\s+)?(?:let|var)\s+([A-Za-z_$][\w$]*)/.exec(line);
      if (!m) return;
      const key = `${rel(f)}:${m[1]}`;
      if (key in MODULE_STATE) listed.add(key);
      else problems.push(`${rel(f)}:${i + 1}: module-level mutable binding (pass options / return values instead): ${line.trim().slice(0, 80)}`);
    });
  }
}

// Dead exports. Modules loaded by URL at run time are read through these names.
const LOADED_BY_URL = new Set(['fuzz/testing/bad-codec.ts:codec']);
const imported = new Map();
const note = (target, name) => {
  if (!imported.has(target)) imported.set(target, new Set());
  imported.get(target).add(name);
};
for (const f of files) {
  const src = stripComments(readFileSync(f, 'utf8'));
  for (const m of src.matchAll(/(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](\.[^'"]+)['"]/g)) {
    const target = resolve(dirname(f), m[2]).replace(/\.js$/, '.ts');
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        .trim();
      if (name) note(target, name);
    }
  }
  // A module imported whole (`* as`, `export *`, or a dynamic import()) counts as used.
  for (const m of src.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) note(resolve(dirname(f), m[1]).replace(/\.js$/, '.ts'), '*');
  for (const m of src.matchAll(/(?:import|export)\s+\*\s+(?:as\s+\w+\s+)?from\s*['"](\.[^'"]+)['"]/g))
    note(resolve(dirname(f), m[1]).replace(/\.js$/, '.ts'), '*');
}
for (const f of files) {
  if (isTest(f)) continue;
  const used = imported.get(f) ?? new Set();
  if (used.has('*')) continue;
  const src = stripComments(readFileSync(f, 'utf8'));
  for (const m of src.matchAll(
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:const|let|function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm,
  )) {
    const name = m[1];
    if (used.has(name) || LOADED_BY_URL.has(`${rel(f)}:${name}`)) continue;
    const uses = src.match(new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'))?.length ?? 0;
    if (uses <= 1) problems.push(`${rel(f)}: export ${name} is used nowhere: remove it`);
  }
}

for (const k of Object.keys(MODULE_STATE)) if (!listed.has(k)) problems.push(`MODULE_STATE lists ${k}, which no longer exists: remove it from the list`);

// Cycles: Tarjan's strongly connected components; any component with more than one module,
// or a module importing itself, is a cycle.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const on = new Set();
const sccs = [];
function strong(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1 || (graph.get(v) ?? []).includes(v)) sccs.push(c);
  }
}
for (const v of graph.keys()) if (!idx.has(v)) strong(v);
for (const c of sccs) problems.push(`import cycle among: ${c.map(rel).sort().join(', ')}`);

for (const p of problems) console.log(p);
console.log(
  `check-structure: ${files.length} modules, ${sccs.length} import cycles, ${listed.size} reviewed module-level bindings, ${problems.length} problems`,
);
process.exitCode = problems.length > 0 ? 1 : 0;
