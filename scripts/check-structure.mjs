#!/usr/bin/env node
// Structure checks run by `npm run lint` (over the TypeScript sources, no build needed):
//   1. no import cycle among our modules (type-only imports count: they tie modules together too);
//   2. no module-level `let` / `var` in codecs/ outside tests (module state used as hidden
//      parameters: pass options and return values instead);
//   3. no file under codecs/ that is not a test imports from conformance/.
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
      if (/^(?:export\s+)?(?:let|var)\s/.test(line)) problems.push(`${rel(f)}:${i + 1}: module-level mutable binding: ${line.trim().slice(0, 80)}`);
    });
  }
}

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
console.log(`check-structure: ${files.length} modules, ${sccs.length} import cycles, ${problems.length} problems`);
process.exitCode = problems.length > 0 ? 1 : 0;
