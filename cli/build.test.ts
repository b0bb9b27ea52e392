/**
 * `packer-wire build FILE.json`: usage errors always; with the tester plugin (when the harness
 * has built it) a build prints the Ui as Packer does (`==> NAME: …`, `    NAME: …`, post-processors
 * under `NAME (TYPE)`) and its artifacts, and SIGINT mid-provision cancels it (exit 1, every
 * plugin process group gone).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packerUiLine } from './build.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const mainJs = resolve(here, 'main.js');
const binDir = process.env['PACKER_WIRE_PLUGIN_BIN'] ?? resolve(root, 'conformance/.work/bin');

test('usage errors exit 2, an unreadable description exits 1', () => {
  assert.is(spawnSync(process.execPath, [mainJs, 'build'], { encoding: 'utf8' }).status, 2);
  assert.is(spawnSync(process.execPath, [mainJs, 'build', 'x.json', '--bogus'], { encoding: 'utf8' }).status, 2);
  const r = spawnSync(process.execPath, [mainJs, 'build', '/nonexistent/build.json'], { encoding: 'utf8' });
  assert.is(r.status, 1);
  assert.match(r.stderr, /cannot read \/nonexistent\/build.json/);
});

test("Packer's TargetedUI lines: every line of a text prefixed, Message indented, Machine not printed", () => {
  assert.equal(packerUiLine({ target: 'b', kind: 'say', text: 'one\ntwo' }), { stream: 'stdout', text: '==> b: one\n==> b: two\n' });
  assert.equal(packerUiLine({ target: 'b', kind: 'message', text: 'm' }), { stream: 'stdout', text: '    b: m\n' });
  assert.equal(packerUiLine({ target: 'b (x)', kind: 'error', text: 'e' }), { stream: 'stderr', text: '==> b (x): e\n' });
  assert.is(packerUiLine({ target: 'b', kind: 'machine', text: 'a,b' }), null);
});

/** Processes (Linux /proc) whose environment names `dir` as TESTER_WORKDIR or whose cwd is `dir`. */
function buildProcesses(dir: string): number[] {
  if (!existsSync('/proc/self/environ')) return [];
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const env = readFileSync(`/proc/${e}/environ`, 'latin1');
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${e}/cwd`);
      } catch {
        /* not ours to see */
      }
      if (env.split('\0').includes(`TESTER_WORKDIR=${dir}`) || cwd === dir) out.push(Number(e));
    } catch {
      /* gone, or not ours */
    }
  }
  return out;
}

const list = resolve(binDir, 'plugins.json');
const tester = existsSync(list)
  ? (JSON.parse(readFileSync(list, 'utf8')) as Array<{ name: string; path: string }>).find((b) => b.name === 'tester-sdk0.6.4' && existsSync(b.path))
  : undefined;
const obj = (attrs: Record<string, string>) => ({ value: attrs, type: ['object', Object.fromEntries(Object.keys(attrs).map((k) => [k, 'string']))] });

if (!tester) {
  console.error(`SKIPPED: cli/build.test.ts: no tester-sdk0.6.4 in ${binDir} (run conformance/scripts/build-plugins.sh)`);
} else {
  const description = (command: string, env: Record<string, string>) => ({
    name: 'tester.cli',
    env: { PACKER_FORCE_GOB: '1', TESTER_GENERATED_DATA: 'plain', ...env },
    builder: { plugin: tester.path, type: '-packer-default-plugin-name-', config: obj({ str: 'cli' }) },
    provisioners: [{ plugin: tester.path, type: 'tester', config: obj({ command }) }],
    postProcessors: [[{ plugin: tester.path, type: 'tester', config: obj({ destination: 'out.img' }) }]],
  });

  test('a build prints the Ui as Packer does, then its artifacts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-build-'));
    try {
      const file = join(dir, 'build.json');
      writeFileSync(file, JSON.stringify(description('echo cli', {})));
      const r = spawnSync(process.execPath, [mainJs, 'build', file], { encoding: 'utf8', timeout: 120_000 });
      assert.is(r.status, 0, r.stderr);
      const out = r.stdout.split('\n');
      for (const line of [
        '==> tester.cli: tester: building',
        '    tester.cli: tester: message with ünïcødé ✓',
        '==> tester.cli: tester: command exited 0; stdout "plugin stdout for: echo cli\\n"; stderr "plugin stderr\\n"',
        '==> tester.cli: Running post-processor: tester',
        '==> tester.cli (tester): tester: post-processing tester-123 from packer-wire.tester',
        '--> tester.cli: tester artifact tester-123-processed',
        '--> tester.cli: tester artifact tester-123',
      ])
        assert.ok(out.includes(line), `missing ${JSON.stringify(line)} in\n${r.stdout}`);
      assert.ok(r.stderr.split('\n').includes('==> tester.cli: tester: an error line'), r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('SIGINT mid-provision cancels the build; every plugin process group is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-build-'));
    try {
      const file = join(dir, 'build.json');
      writeFileSync(file, JSON.stringify(description('sleep 30', { TESTER_WORKDIR: dir })));
      const child = spawn(process.execPath, [mainJs, 'build', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('tester: provisioning with')) setTimeout(() => child.kill('SIGINT'), 500);
      });
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      const t0 = performance.now();
      const code = await new Promise<number | null>((res) => child.on('close', res));
      assert.is(code, 1, err);
      assert.ok(performance.now() - t0 < 25_000, 'ended before the sleep');
      assert.match(err, "Build 'tester.cli' errored after");
      assert.match(err, 'build cancelled');
      // No process of this build is left: the plugins had TESTER_WORKDIR=dir in their
      // environment, the command ran with dir as its working directory.
      let left = buildProcesses(dir);
      for (let i = 0; i < 40 && left.length; i++) {
        await new Promise((res) => setTimeout(res, 50));
        left = buildProcesses(dir);
      }
      assert.equal(left, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
