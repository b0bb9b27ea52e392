/**
 * `packer-wire build FILE.json`: usage errors always; with the tester plugin (when the harness
 * has built it) a build prints the Ui and the summary as Packer v1.16.0 does (`==> NAME: …`,
 * `    NAME: …`, post-processors under `NAME (TYPE)`, the artifacts or the errors; everything on
 * stdout), and SIGINT mid-provision cancels it as Packer's Ctrl-C (exit 1, a second SIGINT
 * ignored, every plugin process gone).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packerDuration, packerUiLine } from './build.js';
import { CANCEL_COMMAND } from '../conformance/interop/builds.js';

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
  assert.is(packerUiLine({ target: 'b', kind: 'say', text: 'one\ntwo' }), '==> b: one\n==> b: two\n');
  assert.is(packerUiLine({ target: 'b', kind: 'message', text: 'm' }), '    b: m\n');
  assert.is(packerUiLine({ target: 'b (x)', kind: 'error', text: 'e' }), '==> b (x): e\n');
  assert.is(packerUiLine({ target: 'b', kind: 'machine', text: 'a,b' }), null);
});

test("durations as Packer prints them (Go's durafmt, first two units)", () => {
  // the first four as real Packer v1.16.0 printed them in recorded runs
  assert.is(packerDuration(45.797), '45 milliseconds 797 microseconds');
  assert.is(packerDuration(4016.2), '4 seconds 16 milliseconds');
  assert.is(packerDuration(30520.9), '30 seconds 520 milliseconds');
  assert.is(packerDuration(118.003), '118 milliseconds 3 microseconds');
  assert.is(packerDuration(1000), '1 second');
  assert.is(packerDuration(61_001), '1 minute 1 second');
  assert.is(packerDuration(3_600_000 + 120_000 + 5), '1 hour 2 minutes');
  assert.is(packerDuration(0.001), '1 microsecond');
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
    env: { PACKER_FORCE_GOB: '1', ...env },
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
      assert.is(r.stderr, '');
      const out = r.stdout.split('\n');
      for (const line of [
        '==> tester.cli: tester: building',
        '    tester.cli: tester: message with ünïcødé ✓',
        '==> tester.cli: tester: an error line',
        '==> tester.cli: tester: command exited 0; stdout "plugin stdout for: echo cli\\n"; stderr "plugin stderr\\n"',
        '==> tester.cli: Running post-processor:  (type tester)',
        '==> tester.cli (tester): tester: post-processing tester-123 from packer-wire.tester',
      ])
        assert.ok(out.includes(line), `missing ${JSON.stringify(line)} in\n${r.stdout}`);
      // the summary as Packer v1.16.0 prints it (a recorded run), durations aside
      const tail = r.stdout.slice(r.stdout.indexOf("Build 'tester.cli' finished")).replace(/after [^.\n]*/g, 'after D');
      assert.is(
        tail,
        "Build 'tester.cli' finished after D.\n\n==> Wait completed after D\n\n==> Builds finished. The artifacts of successful builds are:\n" +
          '--> tester.cli: tester artifact tester-123\n--> tester.cli: tester artifact tester-123-processed\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a failing build: Packer's error summary", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-build-'));
    try {
      const file = join(dir, 'build.json');
      writeFileSync(file, JSON.stringify({ ...description('exit 3', { TESTER_WORKDIR: dir }), postProcessors: [] }));
      const r = spawnSync(process.execPath, [mainJs, 'build', file], { encoding: 'utf8', timeout: 120_000 });
      assert.is(r.status, 1, r.stdout);
      const tail = r.stdout.slice(r.stdout.indexOf("Build 'tester.cli' errored")).replace(/after [^:\n]*/g, 'after D');
      const err = 'Error provisioning: tester: command "exit 3" exited 3';
      assert.is(
        tail,
        `Build 'tester.cli' errored after D: ${err}\n\n==> Wait completed after D\n\n==> Some builds didn't complete successfully and had errors:\n` +
          `--> tester.cli: ${err}\n\n==> Builds finished but no artifacts were created.\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /**
   * Runs the CLI on a build whose provisioner runs `command` in `dir`, sends `signals` times
   * `signal` (500 ms apart) once the command has written `dir/started`; the exit code, stdout, how long.
   */
  async function interrupted(
    dir: string,
    command: string,
    signals: number,
    signal: NodeJS.Signals = 'SIGINT',
  ): Promise<{ code: number | null; out: string; ms: number }> {
    const file = join(dir, 'build.json');
    writeFileSync(file, JSON.stringify(description(command, { TESTER_WORKDIR: dir })));
    const child = spawn(process.execPath, [mainJs, 'build', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const t0 = performance.now();
    const poll = setInterval(() => {
      if (!existsSync(join(dir, 'started'))) return;
      clearInterval(poll);
      for (let i = 0; i < signals; i++) setTimeout(() => child.kill(signal), i * 500);
    }, 20);
    const code = await new Promise<number | null>((res) => child.on('close', res));
    clearInterval(poll);
    return { code, out, ms: performance.now() - t0 };
  }

  /** No process of the build is left: the plugins had TESTER_WORKDIR=dir in their environment, the command ran in dir. */
  async function nothingLeft(dir: string): Promise<void> {
    let left = buildProcesses(dir);
    for (let i = 0; i < 40 && left.length; i++) {
      await new Promise((res) => setTimeout(res, 50));
      left = buildProcesses(dir);
    }
    assert.equal(left, []);
  }

  test('SIGINT mid-provision: cancelled as Packer cancels (the provisioner stops its command), exit 1, every plugin process gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-build-'));
    try {
      const r = await interrupted(dir, CANCEL_COMMAND, 1);
      assert.is(r.code, 1, r.out);
      assert.ok(r.ms < 25_000, 'ended long before the command would have');
      const tail = r.out.slice(r.out.indexOf('Cancelling build')).replace(/(errored|completed) after [^:\n]*/g, '$1 after D');
      // as Packer v1.16.0 printed the same build (conformance/reference's cancelled builds)
      assert.is(
        tail,
        'Cancelling build after receiving interrupt\n==> tester.cli: tester: hook failed: tester: provision cancelled (the command exited 0)\n' +
          "Build 'tester.cli' errored after D: Error provisioning: tester: provision cancelled (the command exited 0)\n\n" +
          '==> Wait completed after D\nCleanly cancelled builds after being interrupted.\n',
      );
      assert.is(readFileSync(join(dir, 'cancelled'), 'utf8'), 'cancelled\n');
      await nothingLeft(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('SIGTERM cancels the same way (Packer v1.16.0: `Cancelling build after receiving terminated`)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-build-'));
    try {
      const r = await interrupted(dir, CANCEL_COMMAND, 1, 'SIGTERM');
      assert.is(r.code, 1, r.out);
      assert.match(r.out, 'Cancelling build after receiving terminated\n');
      assert.match(r.out, 'Cleanly cancelled builds after being interrupted.\n');
      await nothingLeft(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a second SIGINT is ignored, as Packer's: the build still waits for its cleanup", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-build-'));
    try {
      // the command does not watch the cancel marker: the cancelled provisioner waits ~3 s for it
      const r = await interrupted(dir, 'touch started && sleep 3', 2);
      assert.is(r.code, 1, r.out);
      assert.ok(r.ms > 2500, `waited for the command (${r.ms} ms)`);
      assert.is(r.out.split('Cancelling build after receiving interrupt').length, 2, r.out);
      assert.match(r.out, "Build 'tester.cli' errored after");
      assert.match(r.out, 'Cleanly cancelled builds after being interrupted.\n');
      await nothingLeft(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test.run();
