/**
 * The whole-build differential (builds.ts): interop's local-mode build and its cancelled build must
 * equal real Packer's recorded `packer build` of the same template (the cancelled one interrupted
 * by one SIGINT), and a recording changed in its outcome, its files, its plugin processes or its
 * interruption must not. Needs the reference run's recordings
 * (conformance/.work/reference/results.json from `npm run reference`) and the plugin builds;
 * without them it prints SKIPPED and passes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareBuildWithPacker, type ReferenceBuildCase } from './builds.js';
import type { RecordedSession } from './differential.js';
import { buildCases } from '../interop/builds.js';
import { loadPlugins, repoRoot } from '../interop/plugins.js';

const work = resolve(repoRoot, 'conformance/.work/reference');
const file = resolve(work, 'results.json');
const results = existsSync(file)
  ? (JSON.parse(readFileSync(file, 'utf8')) as { cases: Array<ReferenceBuildCase & { build?: string }>; sessions: RecordedSession[] })
  : null;
const plugins = loadPlugins();
const path = (name: string) => (typeof plugins === 'string' ? undefined : plugins.builds.find((b) => b.name === name)?.path);
const v2 = path('tester-sdk0.6.4');
const v1 = path('tester-sdk0.4.0');
const ID = 'gob: local commands, upload and download in a work directory';
const ref = results?.cases.find((c) => c.build === ID);

if (!ref || !v2 || !v1) {
  console.log(
    `SKIPPED: conformance/reference/builds.test.ts: ${ref ? 'no tester-sdk0.6.4/0.4.0 build' : `no recorded Packer build "${ID}" in ${file} (npm run reference)`}`,
  );
} else {
  const c = buildCases(v2, v1).find((x) => x.id === ID)!;
  const sessions = results!.sessions.filter((s) => s.case === ref.id);

  test("interop's local-mode build equals Packer's: every call per process, the outcome, the files", async () => {
    const r = await compareBuildWithPacker(ref, sessions, (w) => c.describe(w), work);
    assert.equal(r.differences, []);
    assert.ok(r.matched);
    assert.is(ref.workFiles?.['tmp/tester/download.txt'], 'STDIN DATA\n');
  });

  test('a recording with another outcome, other files or fewer processes is a difference', async () => {
    const failed = await compareBuildWithPacker({ ...ref, exitCode: 1 }, sessions, (w) => c.describe(w), work);
    assert.ok(
      failed.differences.some((d) => d.startsWith('outcome: ours succeeded')),
      failed.differences.join('\n'),
    );
    const files = await compareBuildWithPacker(
      { ...ref, workFiles: { ...ref.workFiles, 'tmp/tester/upload.txt': 'other' } },
      sessions,
      (w) => c.describe(w),
      work,
    );
    assert.ok(
      files.differences.some((d) => d.startsWith('work file tmp/tester/upload.txt')),
      files.differences.join('\n'),
    );
    const fewer = await compareBuildWithPacker(
      ref,
      sessions.filter((s) => s.kind === 'builder'),
      (w) => c.describe(w),
      work,
    );
    assert.ok(
      fewer.differences.some((d) => d.startsWith('plugin processes: ours builder,provisioner')),
      fewer.differences.join('\n'),
    );
  });

  const CANCEL_ID = 'gob: cancelled mid-provision';
  const cancelRef = results?.cases.find((x) => x.build === CANCEL_ID);
  const failingRef = results?.cases.find((x) => x.build === 'gob: a failing provisioner fails the build');
  if (cancelRef && failingRef) {
    const cancel = buildCases(v2, v1).find((x) => x.id === CANCEL_ID)!;
    const cancelSessions = results!.sessions.filter((s) => s.case === cancelRef.id);

    test("a cancelled build equals Packer's interrupted run: Builder.Cancel, Hook.Cancel, Provisioner.Cancel, the marker upload", async () => {
      assert.ok(cancelRef.interrupted, 'Packer got its SIGINT');
      const methods = cancelSessions.flatMap((s) => s.methods ?? []);
      for (const m of ['host:Builder.Cancel', 'plugin:Hook.Cancel', 'host:Provisioner.Cancel', 'plugin:Communicator.Upload'])
        assert.ok(methods.includes(m), `${m} in ${methods.join(' ')}`);
      const r = await compareBuildWithPacker(cancelRef, cancelSessions, (w) => cancel.describe(w), work, cancel.cancelAt);
      assert.equal(r.differences, []);
    });

    test('a cancelled build against a run Packer was not interrupted in is a difference, and so is another recording', async () => {
      const notInterrupted = await compareBuildWithPacker(
        { ...cancelRef, interrupted: false },
        cancelSessions,
        (w) => cancel.describe(w),
        work,
        cancel.cancelAt,
      );
      assert.ok(notInterrupted.differences.includes('Packer was not interrupted: its run is no cancelled build'), notInterrupted.differences.join('\n'));
      const other = await compareBuildWithPacker(
        { ...failingRef, interrupted: true },
        results!.sessions.filter((s) => s.case === failingRef.id),
        (w) => cancel.describe(w),
        work,
        cancel.cancelAt,
      );
      // the failing build's config (`exit 3`, taken from that recording) never reaches the cancel point
      assert.not.ok(other.matched);
      assert.ok(other.differences.includes('our build was not cancelled: started never appeared'), other.differences.join('\n'));
    });
  }
}

test.run();
