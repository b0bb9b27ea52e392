/** The README's examples run as they are written (they import the package by its name). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = (file: string) => spawnSync(process.execPath, [`examples/${file}`], { cwd: root, encoding: 'utf8', timeout: 60_000 });

test('decode-configspec.mjs: both modes agree, re-encoding matches Go length, truncation is a WireError', () => {
  const r = run('decode-configspec.mjs');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /docker builder: (\d+) attributes \(gob\), \1 \(protobuf\)/);
  const m = /protobuf re-encoding: (\d+) bytes \(Go sent (\d+)\)/.exec(r.stdout);
  assert.ok(m && m[1] === m[2], r.stdout);
  assert.match(r.stdout, /truncated input: protobuf error at byte \d+: /);
});

test('cty-values.mjs: arbitrary-precision number and normalised set survive msgpack', () => {
  const r = run('cty-values.mjs');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /"\$number":"12345678901234567890.5"/);
  assert.match(r.stdout, /"tags":\["a","b"\]\}\}/);
});

test('live-plugin.mjs: runs against the tester plugin, or says SKIPPED', () => {
  const r = run('live-plugin.mjs');
  assert.is(r.status, 0, r.stderr);
  if (/^SKIPPED/m.test(r.stdout)) {
    console.error(`SKIPPED: examples/live-plugin.mjs: ${r.stdout.trim()}`);
    return;
  }
  assert.match(r.stdout, /^gob: output spec has \d+ attributes; Execute ->/m);
  assert.match(r.stdout, /^protobuf: OutputSpec refused by the plugin: /m);
});

test.run();
