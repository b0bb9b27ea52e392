/**
 * Stack headroom: every decode and canonicalisation path handles MAX_DEPTH (1000) levels with
 * half of Node's default stack. Runs testing/stack-child.js in a child `node --stack-size=500`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_VECTORS_DIR } from './corpus.js';

test('depth-999 and depth-1000 inputs of every nesting shape under --stack-size=500', () => {
  const child = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'stack-child.js');
  const r = spawnSync(process.execPath, ['--stack-size=500', child, DEFAULT_VECTORS_DIR], { encoding: 'utf8', timeout: 300_000 });
  assert.is(r.status, 0, `child exited ${r.status} ${r.signal ?? ''}: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ran: number; problems: string[] };
  assert.ok(out.ran >= 16, `only ${out.ran} inputs ran`);
  assert.equal(out.problems, [], out.problems.join('\n'));
});

test.run();
