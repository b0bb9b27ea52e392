/**
 * The package as a user installs it: `npm pack` (lib/ is already built by `npm test`'s build, the
 * same build `prepack` runs), the tarball installed into an empty project in a temporary folder
 * (away from this repository's node_modules, so no @types/node is in reach), then:
 * - the tarball holds no test file, test kit, source map or dev build;
 * - a strict TypeScript consumer (NodeNext, strict, exactOptionalPropertyTypes, no @types, no DOM
 *   lib) of the core and its areas compiles;
 * - ESM `import` and CJS `require` of the entries work and share one WireError;
 * - `npx packer-wire --help`, `decode`, `conformance --vectors` on copied vectors work;
 * - bad usage exits 2 and bad input exits 1, each with one line on stderr and no stack trace.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalDiff } from '../conformance/runner/compare.js';
import type { ManifestVector } from '../conformance/runner/check.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const vectorsDir = join(root, 'vectors');
const tmp = mkdtempSync(join(tmpdir(), 'packer-wire-package-'));
const proj = join(tmp, 'consumer');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quietEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };

const sh = (cmd: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> =>
  spawnSync(cmd, args, { cwd, encoding: 'utf8', env: quietEnv, timeout: 300_000, ...(input === undefined ? {} : { input }) });
const ok = (r: SpawnSyncReturns<string>, what: string): string => {
  assert.is(r.status, 0, `${what} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
};
const cli = (...args: string[]) => sh(npm, ['exec', '--offline', '--', 'packer-wire', ...args], proj);
const stderrLines = (r: SpawnSyncReturns<string>) => r.stderr.split('\n').filter((l) => l.trim() !== '' && !/^npm (warn|notice)/.test(l));

let tarball = '';
let files: string[] = [];

test.before(() => {
  assert.ok(existsSync(join(root, 'lib/index.js')), 'lib/ is built (npm run build)');
  const out = ok(sh(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root), 'npm pack');
  const info = (JSON.parse(out) as { filename: string; files: { path: string }[]; size: number; unpackedSize: number }[])[0]!;
  tarball = join(tmp, info.filename);
  files = info.files.map((f) => f.path);
  console.log(
    `\npackage: ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(0)} kB packed, ${(info.unpackedSize / 1024).toFixed(0)} kB unpacked`,
  );
  mkdirSync(proj);
  writeFileSync(join(proj, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  ok(sh(npm, ['install', '--offline', '--ignore-scripts', '--no-package-lock', tarball], proj), 'npm install of the tarball');
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('the tarball ships runtime code, its types, LICENSE, README and CHANGELOG; no tests, test kits, maps or dev build', () => {
  for (const must of [
    'package.json',
    'LICENSE',
    'README.md',
    'CHANGELOG.md',
    'lib/index.js',
    'lib/host.js',
    'lib/cli.js',
    'lib/decode-worker.js',
    'lib/types/codecs/index.d.ts',
    'lib/types/host/index.d.ts',
  ])
    assert.ok(files.includes(must), `${must} is shipped`);
  assert.equal(
    files.filter((f) => /\.test\.|(^|\/)testkit\/|\.map$|^dist\/|(^|\/)testdata\/|arbitraries|\.ts$/.test(f) && !f.endsWith('.d.ts')),
    [],
  );
  const pkg = JSON.parse(readFileSync(join(proj, 'node_modules/packer-wire/package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  assert.equal(Object.keys(pkg.dependencies ?? {}), [], 'no runtime dependencies (no runtime file imports a package)');
});

test('a strict TypeScript consumer of the core and its areas compiles without @types/node', () => {
  const dir = join(proj, 'ts');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'consumer.ts'),
    `import { decode, encode, decodeConfigSpec, WireError, isWireError, T, type CtyValue, type ObjectSpec } from 'packer-wire';
import { GobDecoder, decodeCtyValueGob } from 'packer-wire/gob';
import { marshalCtyJSON, unmarshalCtyMsgpack, CtyNumber } from 'packer-wire/cty';
import { toProto, specToCanonical } from 'packer-wire/hclspec';
import { decodeSpecProto } from 'packer-wire/protobuf';
import { encodeRequest, RpcFrameReader, GoMap } from 'packer-wire/rpc';
import { decodeTranscript } from 'packer-wire/transcript';
import { parseHandshake, chooseProtocol } from 'packer-wire/protocol';
import { FrameParser, replayTranscript } from 'packer-wire/yamux';
import { ByteReader } from 'packer-wire/wire';

export function useAll(bytes: Uint8Array): string {
  const v: CtyValue = unmarshalCtyMsgpack(bytes, T.String);
  const spec: ObjectSpec = decodeConfigSpec(bytes, 'gob');
  const json: Uint8Array = marshalCtyJSON(v, T.String);
  try {
    decode('gob-spec', bytes);
  } catch (e) {
    if (e instanceof WireError || isWireError(e)) return \`\${e.codec} \${e.offset} \${e.reason}\`;
  }
  void [encode, GobDecoder, decodeCtyValueGob, CtyNumber, toProto, specToCanonical(spec), decodeSpecProto, encodeRequest, RpcFrameReader, GoMap, decodeTranscript, parseHandshake, chooseProtocol, FrameParser, replayTranscript, ByteReader, json];
  return 'ok';
}
`,
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        types: [],
        lib: ['ES2022'],
        skipLibCheck: false,
      },
      include: ['consumer.ts'],
    }),
  );
  assert.not.ok(existsSync(join(proj, 'node_modules/@types')), 'no @types in the consumer project');
  const r = sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], dir);
  assert.is(r.status, 0, `tsc: ${r.stdout}${r.stderr}`);
});

test('ESM import and CJS require of the entries work and share one WireError', () => {
  const esm = sh(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import * as core from 'packer-wire'; import * as gob from 'packer-wire/gob'; import * as wire from 'packer-wire/wire'; import * as host from 'packer-wire/host';
console.log(JSON.stringify([typeof core.decode, typeof gob.GobDecoder, core.WireError === wire.WireError, typeof host.startComponent, typeof host.YamuxSession]));`,
    ],
    proj,
  );
  assert.is(ok(esm, 'ESM import').trim(), '["function","function",true,"function","function"]');
  const cjs = sh(
    process.execPath,
    [
      '-e',
      `const core = require('packer-wire'); const wire = require('packer-wire/wire'); const rpc = require('packer-wire/rpc'); const host = require('packer-wire/host');
console.log(JSON.stringify([typeof core.decodeConfigSpec, core.WireError === wire.WireError, core.rpc.GoMap === rpc.GoMap, typeof host.startComponent]));`,
    ],
    proj,
  );
  assert.is(ok(cjs, 'CJS require').trim(), '["function",true,true,"function"]');
  assert.is(cjs.stderr, '', 'require prints no warning');
});

test('npx packer-wire --help, decode and conformance --vectors', () => {
  assert.match(ok(cli('--help'), 'packer-wire --help'), /usage:/);
  const id = 'gob-spec/ansible-sdk0.2.3-provisioner-default-configspec-gob';
  const manifest = (JSON.parse(readFileSync(join(vectorsDir, 'manifest.json'), 'utf8')) as { vectors: ManifestVector[] }).vectors;
  const v = manifest.find((x) => x.id === id) ?? manifest.find((x) => x.family === 'gob-spec')!;
  copyFileSync(join(vectorsDir, v.file), join(proj, 'spec.bin'));
  const decoded = JSON.parse(ok(cli('decode', '--family', 'gob-spec', 'spec.bin'), 'decode')) as unknown;
  assert.is(canonicalDiff(decoded, JSON.parse(readFileSync(join(vectorsDir, v.expect), 'utf8'))), null, 'decode gives the Go-captured canonical JSON');
  // a few vectors of every family, copied with their manifest
  const pick: ManifestVector[] = [];
  for (const f of new Set(manifest.map((x) => x.family))) pick.push(...manifest.filter((x) => x.family === f).slice(0, 2));
  const dir = join(proj, 'my-vectors');
  for (const x of pick)
    for (const p of [x.file, x.expect]) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      copyFileSync(join(vectorsDir, p), join(dir, p));
    }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ vectors: pick }));
  const out = ok(cli('conformance', '--vectors', 'my-vectors'), 'conformance --vectors');
  assert.match(out, new RegExp(`all\\s+${pick.length}\\s+${pick.length}\\s+0\\s`));
});

test('bad usage exits 2 and bad input exits 1, each with one line on stderr', () => {
  writeFileSync(join(proj, 'garbage.bin'), new Uint8Array([0x05, 0xff, 0x81, 0x03, 0x01, 0x02]));
  const cases: [string[], number][] = [
    [['frobnicate'], 2],
    [['decode', 'garbage.bin'], 2],
    [['decode', '--family', 'no-such-family', 'garbage.bin'], 2],
    [['decode', '--family', 'json-value', '--context', 'null', 'garbage.bin'], 2],
    [['conformance', '--bogus'], 2],
    [['describe'], 2],
    [['decode', '--family', 'gob-spec', 'garbage.bin'], 1],
    [['decode', '--family', 'proto-spec', 'garbage.bin'], 1],
    [['decode', '--family', 'gob-spec', 'no-such-file.bin'], 1],
    [['encode', '--family', 'proto-spec', 'garbage.bin'], 1],
    [['conformance', '--vectors', 'no-such-dir'], 1],
    [['describe', './no-such-plugin'], 1],
  ];
  for (const [args, status] of cases) {
    const r = cli(...args);
    const lines = stderrLines(r);
    assert.is(r.status, status, `packer-wire ${args.join(' ')}: exit ${r.status} (${r.stderr})`);
    assert.is(lines.length, 1, `packer-wire ${args.join(' ')}: one line on stderr, got ${JSON.stringify(r.stderr)}`);
    assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test.run();
