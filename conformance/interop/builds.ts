/**
 * Whole builds (host/build.ts) with the tester plugin, in both protocols, the protocol chosen as
 * Packer chooses it (`PACKER_FORCE_GOB=1` for gob with a protocol-v2 plugin; the SDK v0.4.0
 * build, which has no protocol v2, gives gob by itself): the builder's communicator proxied to the
 * provisioner (Start, Upload, Download, UploadDir, DownloadDir), the tester's local mode
 * (commands and files inside a temporary directory), a 2-step post-processor chain, a cancel
 * mid-provision (every plugin process group gone afterwards) and a failing provisioner.
 *
 * `matchedPacker` counts builds whose whole session equals real Packer's `packer build` of the same
 * template (conformance/reference/builds.ts: the recordings of `npm run reference`'s build case
 * sets, conformance/.work/reference/results.json): every call per plugin process, the outcome, the
 * files in the work directory. Each difference is listed in `differences`; builds Packer does not
 * run here are named in `notes`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { processGroupsLeft, runBuild, type BuildDescription, type BuildResult, type BuildUiEvent } from '../../host/build.js';
import { repoRoot, type PluginBuild } from './plugins.js';
import { compareBuildWithPacker, type ReferenceBuildCase } from '../reference/builds.js';
import type { RecordedSession } from '../reference/differential.js';

export interface BuildsSummary {
  total: number;
  passed: number;
  failed: number;
  matchedPacker: number;
  byProtocol: Record<'gob' | 'protobuf', number>;
  failures: Array<{ build: string; failures: string[] }>;
  /** Each difference between a build and real Packer's run of the same template. */
  differences: Array<{ build: string; difference: string }>;
  notes: string[];
}

const DEFAULT_NAME = '-packer-default-plugin-name-';

const stringObject = (attrs: Record<string, string>) => ({ value: attrs, type: ['object', Object.fromEntries(Object.keys(attrs).map((k) => [k, 'string']))] });

interface Observed {
  result: BuildResult;
  ui: BuildUiEvent[];
  calls: string[];
  work: string;
}

interface BuildCase {
  id: string;
  protocol: 'gob' | 'protobuf';
  plugin: string;
  describe(work: string): BuildDescription;
  /** Cancel the build (once) when this file appears in the work directory (CANCEL_POINT). */
  cancelAt?: string;
  check(o: Observed): string[];
}

/**
 * The cancelled builds' provisioner command (cmd/reference's CancelCommand, which real Packer
 * runs): it writes CANCEL_POINT, then waits (at most 30 s) for the tester provisioner's cancel
 * marker, which a cancelled provisioner uploads.
 */
export const CANCEL_COMMAND = 'touch started && i=0 && while [ ! -e cancelled ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done';
/** The file whose appearance is the moment of the cancel (Packer gets its SIGINT then). */
export const CANCEL_POINT = 'started';

/** Aborts `abort` once `file` exists (polled); the function returned stops the polling. */
export function abortWhenFileAppears(file: string, abort: AbortController): () => void {
  const timer = setInterval(() => {
    if (existsSync(file)) {
      clearInterval(timer);
      abort.abort();
    }
  }, 20);
  return () => clearInterval(timer);
}

const expect = (ok: boolean, what: string, out: string[]): void => {
  if (!ok) out.push(what);
};
const said = (o: Observed, text: string): boolean => o.ui.some((e) => e.text === text);
const fileIs = (path: string, want: string): boolean => {
  try {
    return readFileSync(path, 'utf8') === want;
  } catch {
    return false;
  }
};

const FORWARDED = ['Start', 'Upload', 'Upload', 'Download', 'UploadDir', 'DownloadDir'];

export function buildCases(v2: string, v1: string): BuildCase[] {
  const out: BuildCase[] = [];
  const base = (plugin: string, env: Record<string, string>, parts: Partial<BuildDescription>): BuildDescription => ({
    name: 'tester.interop',
    env,
    builder: { plugin, type: DEFAULT_NAME, config: stringObject({ str: 'interop' }) },
    ...parts,
  });
  for (const protocol of ['gob', 'protobuf'] as const) {
    const env: Record<string, string> = { PACKER_FORCE_GOB: protocol === 'gob' ? '1' : '' };
    out.push({
      id: `${protocol}: builder communicator proxied to the provisioner`,
      protocol,
      plugin: v2,
      describe: () => base(v2, env, { provisioners: [{ plugin: v2, type: 'tester', config: stringObject({ command: 'echo interop' }) }] }),
      check: (o) => {
        const f: string[] = [];
        expect(JSON.stringify(o.calls) === JSON.stringify(FORWARDED), `forwarded calls ${o.calls.join(',')}`, f);
        expect(
          said(o, 'tester: command exited 0; stdout "plugin stdout for: echo interop\\n"; stderr "plugin stderr\\n"'),
          'command output through the proxy',
          f,
        );
        expect(said(o, 'tester: downloaded "plugin file contents of /tmp/tester/download.txt"'), 'download through the proxy', f);
        expect(said(o, 'tester: download dir failed: tester: DownloadDir is not supported'), "the builder's DownloadDir error", f);
        return f;
      },
    });
    out.push({
      id: `${protocol}: local commands, upload and download in a work directory`,
      protocol,
      plugin: v2,
      describe: (work) =>
        base(
          v2,
          { ...env, TESTER_WORKDIR: work },
          { provisioners: [{ plugin: v2, type: 'tester', config: stringObject({ command: 'mkdir -p tmp/tester && tr a-z A-Z > tmp/tester/download.txt' }) }] },
        ),
      check: (o) => {
        const f: string[] = [];
        expect(fileIs(join(o.work, 'tmp/tester/upload.txt'), 'uploaded contents'), 'uploaded file on disk', f);
        expect(fileIs(join(o.work, 'tmp/tester/download.txt'), 'STDIN DATA\n'), "the command's file on disk (stdin passed)", f);
        expect(said(o, 'tester: downloaded "STDIN DATA\\n"'), 'downloaded result', f);
        return f;
      },
    });
    out.push({
      id: `${protocol}: cancelled mid-provision`,
      protocol,
      plugin: v2,
      cancelAt: CANCEL_POINT,
      describe: (work) =>
        base(v2, { ...env, TESTER_WORKDIR: work }, { provisioners: [{ plugin: v2, type: 'tester', config: stringObject({ command: CANCEL_COMMAND }) }] }),
      check: (o) => {
        const f: string[] = [];
        expect((o.result.error as { code?: string } | null)?.code === 'shutdown', `cancelled (got ${o.result.error?.message})`, f);
        expect(o.result.error?.message.includes('tester: provision cancelled') === true, `the provisioner saw the cancel (got ${o.result.error?.message})`, f);
        expect(fileIs(join(o.work, 'cancelled'), 'cancelled\n'), "the provisioner's cancel marker on disk", f);
        expect(o.result.pids.length === 2, `two plugin processes (got ${o.result.pids.length})`, f);
        return f;
      },
    });
    out.push({
      id: `${protocol}: a failing provisioner fails the build`,
      protocol,
      plugin: v2,
      describe: (work) =>
        base(v2, { ...env, TESTER_WORKDIR: work }, { provisioners: [{ plugin: v2, type: 'tester', config: stringObject({ command: 'exit 3' }) }] }),
      check: (o) => {
        const f: string[] = [];
        expect(
          o.result.error?.message.includes('Error provisioning: tester: command "exit 3" exited 3') === true,
          `build error (got ${o.result.error?.message})`,
          f,
        );
        expect(o.result.artifacts.length === 0, 'no artifact', f);
        return f;
      },
    });
  }
  for (const protocol of ['gob', 'protobuf'] as const) {
    out.push({
      id: `${protocol}: 2-step post-processor chain`,
      protocol,
      plugin: v2,
      describe: () =>
        base(
          v2,
          { PACKER_FORCE_GOB: protocol === 'gob' ? '1' : '' },
          {
            postProcessors: [
              [
                { plugin: v2, type: 'chain', config: stringObject({ destination: 'first.out' }) },
                { plugin: v2, type: 'chain', config: stringObject({ destination: 'second.out' }), keepInputArtifact: true },
              ],
            ],
          },
        ),
      check: (o) => {
        const f: string[] = [];
        const ids = o.result.artifacts.map((a) => a.id).join(',');
        expect(ids === 'tester-123,tester-123-processed,tester-123-processed-processed', `artifacts ${ids}`, f);
        expect(said(o, 'tester: post-processing tester-123-processed from packer-wire.tester'), "second step got the first step's artifact", f);
        return f;
      },
    });
  }
  out.push({
    id: 'gob (chosen: SDK v0.4.0 has no protocol v2): provisioner and chain',
    protocol: 'gob',
    plugin: v1,
    describe: (work) =>
      base(
        v1,
        { TESTER_WORKDIR: work },
        {
          provisioners: [{ plugin: v1, type: 'tester', config: stringObject({ command: 'mkdir -p tmp/tester && cat > tmp/tester/download.txt' }) }],
          postProcessors: [[{ plugin: v1, type: 'tester', config: stringObject({ destination: 'only.out' }) }]],
        },
      ),
    check: (o) => {
      const f: string[] = [];
      expect(fileIs(join(o.work, 'tmp/tester/download.txt'), 'stdin data\n'), "the command's file on disk", f);
      expect(said(o, 'tester: downloaded "stdin data\\n"'), 'downloaded result', f);
      const ids = o.result.artifacts.map((a) => a.id).join(',');
      expect(ids === 'tester-123,tester-123-processed', `artifacts ${ids}`, f);
      return f;
    },
  });
  return out;
}

async function runCase(c: BuildCase): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'interop-build-'));
  try {
    const ui: BuildUiEvent[] = [];
    const calls: string[] = [];
    const abort = new AbortController();
    const stop = c.cancelAt !== undefined ? abortWhenFileAppears(join(work, c.cancelAt), abort) : () => {};
    const result = await runBuild(c.describe(work), {
      signal: abort.signal,
      onUi: (e) => ui.push(e),
      onCommunicatorCall: (m) => calls.push(m),
    }).finally(stop);
    const f = c.check({ result, ui, calls, work });
    if (result.protocol !== c.protocol) f.push(`protocol ${result.protocol}, expected ${c.protocol}`);
    if (c.cancelAt === undefined && !c.id.includes('failing') && result.error) f.push(`build error: ${result.error.message}`);
    const left = await processGroupsLeft(result.pids);
    if (left.length) f.push(`plugin process groups still running: ${left.join(',')}`);
    return f;
  } catch (e) {
    return [`threw: ${(e as Error).message}`];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs every build case with the tester builds found (one at a time: each starts several plugins). */
export async function runBuilds(builds: readonly PluginBuild[], log: (l: string) => void): Promise<BuildsSummary> {
  const s: BuildsSummary = {
    total: 0,
    passed: 0,
    failed: 0,
    matchedPacker: 0,
    byProtocol: { gob: 0, protobuf: 0 },
    failures: [],
    differences: [],
    notes: [],
  };
  const v2 = builds.find((b) => b.name === 'tester-sdk0.6.4')?.path;
  const v1 = builds.find((b) => b.name === 'tester-sdk0.4.0')?.path;
  if (!v2 || !v1) {
    log('SKIPPED: interop builds: tester-sdk0.6.4 or tester-sdk0.4.0 not built');
    s.notes.push('skipped: tester-sdk0.6.4 or tester-sdk0.4.0 not built');
    return s;
  }
  const all = buildCases(v2, v1);
  for (const c of all) {
    const f = await runCase(c);
    s.total++;
    s.byProtocol[c.protocol]++;
    if (f.length === 0) s.passed++;
    else {
      s.failed++;
      s.failures.push({ build: c.id, failures: f });
    }
    log(`${f.length ? 'FAIL' : 'ok  '} build ${c.id}${f.length ? `\n     ${f.join('\n     ')}` : ''}`);
  }
  await compareWithPacker(all, s, log);
  return s;
}

const REFERENCE = resolve(repoRoot, 'conformance/.work/reference');

/** The differential against real Packer's recorded builds (`npm run reference` records them). */
async function compareWithPacker(all: readonly BuildCase[], s: BuildsSummary, log: (l: string) => void): Promise<void> {
  const file = resolve(REFERENCE, 'results.json');
  const results = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { cases: Array<ReferenceBuildCase & { build?: string }>; sessions: RecordedSession[] })
    : null;
  const refCases = (results?.cases ?? []).filter((c) => c.build);
  if (!refCases.length) {
    const why = `no recorded Packer builds in ${file} (npm run reference records them)`;
    log(`SKIPPED: builds against real Packer: ${why}`);
    s.notes.push(`matchedPacker is 0: ${why}`);
    return;
  }
  for (const c of all) {
    const ref = refCases.find((r) => r.build === c.id);
    if (!ref) {
      s.notes.push(`${c.id}: no recorded Packer build`);
      continue;
    }
    const sessions = results!.sessions.filter((x) => x.case === ref.id);
    const cmp = await compareBuildWithPacker(ref, sessions, (work) => c.describe(work), REFERENCE, c.cancelAt);
    if (cmp.matched) s.matchedPacker++;
    for (const d of cmp.differences) s.differences.push({ build: c.id, difference: d });
    log(`${cmp.matched ? 'same' : 'DIFF'} as Packer ${ref.id}: ${c.id}${cmp.differences.length ? `\n     ${cmp.differences.join('\n     ')}` : ''}`);
  }
}
