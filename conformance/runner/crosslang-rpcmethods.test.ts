/**
 * Our net/rpc method table (codecs/rpc/messages.ts RPC_METHODS) against the SDK's, read from Go
 * by reflection: conformance/sdkreflect is built once per SDK version we build plugins with
 * (swapped the way conformance/scripts/build-plugins.sh swaps the tester plugin's SDK) and
 * prints every method net/rpc registers on the SDK's servers with its argument and reply types.
 * Methods, type names, kinds, struct fields (names, order, types) must all agree.
 *
 * SDK versions: RPC_SDKS (default "v0.4.0 v0.5.4 v0.6.0 v0.6.4"). Without Go on PATH a line
 * starting SKIPPED says so.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RPC_METHODS } from '../../codecs/rpc/messages.js';
import type { GoType } from '../../codecs/rpc/gotype.js';
import { conformanceDir, goVersion } from './crosslang.js';

const SDKS = (process.env['RPC_SDKS'] ?? 'v0.4.0 v0.5.4 v0.6.0 v0.6.4').split(/\s+/).filter(Boolean);
const SDK_MODULE = 'github.com/hashicorp/packer-plugin-sdk';
const CTY_MODULE = 'github.com/zclconf/go-cty';
const CTY_FORK = 'github.com/nywilken/go-cty@v1.13.3';
const source = join(conformanceDir, 'sdkreflect');
const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod -buildvcs=false' };

interface TypeDesc {
  readonly name: string;
  readonly kind: string;
  readonly elem?: TypeDesc;
  readonly key?: TypeDesc;
  readonly fields?: readonly (readonly [string, TypeDesc])[];
}
interface Reflected {
  readonly sdk: string;
  readonly methods: Record<string, { args: TypeDesc; reply: TypeDesc }>;
}

const newest = (dir: string): number => Math.max(...readdirSync(dir).map((n) => statSync(join(dir, n)).mtimeMs));
const semverAtLeast = (v: string, min: string): boolean => {
  const a = v.slice(1).split('.').map(Number);
  const b = min.slice(1).split('.').map(Number);
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  return true;
};

/** Builds sdkreflect against one SDK version (cached in .work/bin until its source changes); returns the binary or an error. */
function build(sdk: string): { bin: string } | { error: string } {
  const bin = join(conformanceDir, '.work', 'bin', `sdkreflect-${sdk}`);
  if (existsSync(bin) && statSync(bin).mtimeMs > newest(source)) return { bin };
  const work = mkdtempSync(join(tmpdir(), 'packer-wire-sdkreflect.'));
  try {
    cpSync(source, work, { recursive: true });
    const run = (args: string[]): string | null => {
      const r = spawnSync('go', args, { cwd: work, env, encoding: 'utf8', timeout: 600_000 });
      return r.status === 0 ? null : `go ${args.join(' ')}: ${r.error?.message ?? ''}${r.stderr}`;
    };
    // SDK >= v0.5.0 needs the go-cty fork that keeps gob support (build-plugins.sh does the same).
    const steps = [
      ['mod', 'edit', `-require=${SDK_MODULE}@${sdk}`],
      semverAtLeast(sdk, 'v0.5.0') ? ['mod', 'edit', `-replace=${CTY_MODULE}=${CTY_FORK}`] : ['mod', 'edit', `-dropreplace=${CTY_MODULE}`],
      ['mod', 'tidy'],
      ['build', '-o', bin, '.'],
    ];
    for (const s of steps) {
      const err = run(s);
      if (err) return { error: err };
    }
    return { bin };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const INT_NAME = /^u?int(8|16|32|64)?$/;

/** Our description in sdkreflect's shape. */
function describe(t: GoType): TypeDesc {
  switch (t.kind) {
    case 'bool':
    case 'string':
      return { name: t.name, kind: t.kind };
    case 'int':
    case 'uint':
      return { name: t.name, kind: INT_NAME.test(t.name) ? t.name : `${t.kind}${t.bits}` };
    case 'float':
      return { name: t.name, kind: `float${t.bits}` };
    case 'bytes':
      return { name: t.name, kind: 'slice', elem: { name: 'uint8', kind: 'uint8' } };
    case 'time':
      return { name: t.name, kind: 'struct' };
    case 'slice':
      return { name: t.name, kind: 'slice', elem: describe(t.elem) };
    case 'map':
      return { name: t.name, kind: 'map', key: describe(t.key), elem: describe(t.elem) };
    case 'ptr':
      return { name: t.name, kind: 'ptr', elem: describe(t.elem) };
    case 'struct':
      return { name: t.name, kind: 'struct', fields: t.fields.map(([n, f]) => [n, describe(f)] as const) };
    case 'any':
      return { name: t.name, kind: 'interface' };
  }
}

if (goVersion() === null) {
  console.error('SKIPPED: RPC method table against the SDK (Go reflection) did not run: no `go` on PATH');
} else {
  const ours = Object.fromEntries(Object.entries(RPC_METHODS).map(([k, m]) => [k, { args: describe(m.request), reply: describe(m.response) }]));
  for (const sdk of SDKS) {
    test(`RPC_METHODS matches packer-plugin-sdk ${sdk}'s servers (methods, argument and reply types)`, () => {
      const b = build(sdk);
      if ('error' in b) return assert.unreachable(`building sdkreflect against ${sdk}: ${b.error}`);
      const r = spawnSync(b.bin, [], { encoding: 'utf8', timeout: 60_000 });
      assert.is(r.status, 0, r.stderr);
      const got = JSON.parse(r.stdout) as Reflected;
      assert.is(got.sdk, sdk, 'the module graph selected another SDK version');
      assert.equal(Object.keys(ours).sort(), Object.keys(got.methods).sort(), 'method sets differ');
      const bad: string[] = [];
      for (const k of Object.keys(ours)) {
        const theirs = got.methods[k];
        if (theirs && JSON.stringify(ours[k]) !== JSON.stringify(theirs)) bad.push(`${k}: ours ${JSON.stringify(ours[k])}\n  SDK ${JSON.stringify(theirs)}`);
      }
      assert.equal(bad, [], bad.join('\n'));
    });
  }
}

test.run();
