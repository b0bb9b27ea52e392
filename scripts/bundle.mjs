#!/usr/bin/env node
// Builds what the package ships into lib/ (run by `npm run build`, and so by `prepack`):
//
//   lib/chunks/core.js   every module of codecs/ in one file, no Node built-ins and no Node global
//                        (internal). Each module's runtime exports are exported under short
//                        generated names (one name per binding, however many modules re-export it).
//   lib/chunks/core-node.js  the same for Node: with Buffer's utf8Slice (codecs/wire/native-text.ts).
//                        package.json `imports`: `#core` is core-node.js under the `node` condition,
//                        else core.js
//   lib/index.js, lib/gob.js, lib/cty.js, ...   the public pure entry points: each is one
//                        `export { <generated> as <name>, ... } from '#core'`, so
//                        WireError and every class exist once whichever entries are imported, and
//                        importing one reads two files
//   lib/host.js          the Node-only live host
//   lib/cli.js           the command line (`conformance` and `describe` run their code only when asked)
//   lib/decode-worker.js the host's worker thread for decoding large payloads
//
// host.js and cli.js take every codecs/ module from core-node.js too (never a copy of their own), so a
// GoMap or WireError made through `packer-wire` is the same class `packer-wire/host` checks for.
//
// What importing the core costs (bench `cold.import`) is mostly V8 parsing core.js, so core.js is
// one file (every extra module file costs the ESM loader a read, a parse and a link), with flat
// named exports (no namespace objects: those are a getter per export, built at import) and fully
// minified. esbuild's keepNames is not used for core.js: it wraps every function in a naming call
// run at import (about a tenth of the import's work). Instead the classes core.js exports get their
// source names back in one loop at the end of core.js (`instanceof`-free code such as Node's
// `util.inspect`, error output and messages built from `constructor.name` see the real names);
// other functions keep minified names. host.js and cli.js keep every name. No source maps are
// shipped. Types come from `tsc -p tsconfig.types.json` into lib/types/, run after this script
// (which empties lib/ first).
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Public pure entry points: lib/<name>.js re-exports the area whose source index is given. */
export const PURE_ENTRIES = {
  index: 'codecs/index.ts',
  gob: 'codecs/gob/index.ts',
  cty: 'codecs/cty/index.ts',
  hclspec: 'codecs/hclspec/index.ts',
  protobuf: 'codecs/protobuf/index.ts',
  rpc: 'codecs/rpc/index.ts',
  transcript: 'codecs/transcript/index.ts',
  protocol: 'codecs/protocol/index.ts',
  yamux: 'codecs/yamux/index.ts',
  wire: 'codecs/wire/index.ts',
  schema: 'codecs/schema/index.ts',
};

const root = process.cwd();
const codecsDir = resolve(root, 'codecs');
const modules = [];
const walk = (d) => {
  for (const n of readdirSync(d).sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (n.endsWith('.ts') && !n.endsWith('.test.ts') && !n.endsWith('.d.ts')) modules.push(p);
  }
};
walk(codecsDir);

const common = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

// 1. Which names each module exports at run time (type-only exports have no binding to re-export),
//    and the source name of each exported class: from a throwaway namespaced build, imported here.
const nsOf = (abs) =>
  'm_' +
  relative(root, abs)
    .replace(/\.ts$/, '')
    .replace(/[^A-Za-z0-9]/g, '_');
const probeDir = mkdtempSync(join(tmpdir(), 'packer-wire-bundle-'));
let probe;
try {
  const probeFile = join(probeDir, 'probe.mjs');
  const probeSource = modules.map((m) => `export * as ${nsOf(m)} from ${JSON.stringify(m)};`).join('\n');
  await build({
    ...common,
    minify: false,
    keepNames: true,
    stdin: { contents: probeSource, resolveDir: root, loader: 'ts', sourcefile: 'probe.ts' },
    outfile: probeFile,
  });
  probe = await import(pathToFileURL(probeFile).href);
} finally {
  rmSync(probeDir, { recursive: true, force: true });
}

// 2. One generated name per binding: a value that several modules export (re-exports) keeps the
//    name of the first module that exports it.
const isClass = (v) => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));
/** module path -> [export name, generated name][] */
const exportsOf = new Map();
const byValue = new Map();
const imports = [];
const classNames = [];
const allGenerated = [];
let next = 0;
for (const m of modules) {
  const ns = probe[nsOf(m)] ?? {};
  const list = [];
  const mine = [];
  for (const name of Object.keys(ns).sort()) {
    if (name === 'default') continue;
    const v = ns[name];
    const shared = (typeof v === 'object' && v !== null) || typeof v === 'function';
    let gen = shared ? byValue.get(v) : undefined;
    if (gen === undefined) {
      gen = `$${(next++).toString(36)}`;
      allGenerated.push(gen);
      if (shared) byValue.set(v, gen);
      mine.push(`${name} as ${gen}`);
      if (isClass(v)) classNames.push([gen, v.name]);
    }
    list.push([name, gen]);
  }
  exportsOf.set(m, list);
  if (mine.length) imports.push(`import { ${mine.join(', ')} } from ${JSON.stringify(m)};`);
}
const coreSource = [
  ...imports,
  `export { ${allGenerated.join(', ')} };`,
  // the source names of the exported classes (see the head of this file)
  `for (const [c, n] of [${classNames.map(([g, n]) => `[${g}, ${JSON.stringify(n)}]`).join(', ')}]) Object.defineProperty(c, 'name', { value: n, configurable: true });`,
].join('\n');

rmSync('lib', { recursive: true, force: true });
// Two builds of the core: core-node.js as the sources are, and core.js (every platform but Node)
// with codecs/wire/native-text.ts (Node's Buffer utf8Slice) replaced by "none", so it names no
// Node global. package.json's `imports` maps `#core` to one or the other by the `node` condition.
const nativeText = resolve(codecsDir, 'wire/native-text.ts');
const withoutNativeText = {
  name: 'no-native-text',
  setup(b) {
    b.onResolve({ filter: /native-text\.[jt]s$/ }, (args) =>
      resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts') === nativeText ? { path: nativeText, namespace: 'no-native-text' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-native-text' }, () => ({ contents: 'export const nativeUtf8Slice = undefined;\n', loader: 'js' }));
  },
};
const coreStdin = { contents: coreSource, resolveDir: root, loader: 'ts', sourcefile: 'core.ts' };
await build({ ...common, stdin: coreStdin, outfile: 'lib/chunks/core-node.js' });
await build({ ...common, platform: 'neutral', stdin: coreStdin, outfile: 'lib/chunks/core.js', plugins: [withoutNativeText] });

/** `export { <generated> as <name>, ... } from <from>` for one codecs/ module. */
const reexport = (abs, from) => {
  const list = exportsOf.get(abs) ?? [];
  return list.length ? `export { ${list.map(([n, g]) => `${g} as ${n}`).join(', ')} } from ${JSON.stringify(from)};\n` : 'export {};\n';
};

for (const [name, src] of Object.entries(PURE_ENTRIES)) {
  const head = `// packer-wire${name === 'index' ? '' : '/' + name}: generated by scripts/bundle.mjs (${src})\n`;
  writeFileSync(`lib/${name}.js`, head + reexport(resolve(src), '#core'));
}

/** In host.js and cli.js, an import of a codecs/ module becomes a re-export from core.js. */
const fromCore = {
  name: 'codecs-from-core',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      if (args.namespace === 'codecs') return undefined;
      const abs = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      if (!abs.startsWith(codecsDir + '/') || !modules.includes(abs)) return undefined;
      if (resolve(args.importer).startsWith(codecsDir + '/')) return undefined;
      return { path: abs, namespace: 'codecs' };
    });
    b.onLoad({ filter: /.*/, namespace: 'codecs' }, (args) => ({ contents: reexport(args.path, './chunks/core-node.js'), loader: 'js' }));
    b.onResolve({ filter: /^\.\/chunks\/core-node\.js$/ }, () => ({ path: './chunks/core-node.js', external: true }));
  },
};
// decode-worker.js: the host's off-thread payload decoder, loaded by URL next to host.js / cli.js.
for (const [name, src] of [
  ['host', 'host/index.ts'],
  ['cli', 'cli/main.ts'],
  ['decode-worker', 'host/decode-worker.ts'],
]) {
  await build({ ...common, keepNames: true, entryPoints: [src], outfile: `lib/${name}.js`, plugins: [fromCore] });
}
