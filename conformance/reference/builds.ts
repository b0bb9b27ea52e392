/**
 * The whole-build differential: an interop build (conformance/interop/builds.ts) run by our host's
 * `runBuild` against real Packer's `packer build` of the same template (cmd/reference's build case
 * sets, recorded by the relay: one session per plugin process, and the files the build left in
 * its TESTER_WORKDIR).
 *
 * Compared, per plugin process in start order (builder, provisioners, post-processor steps): every
 * call either side makes, its arguments and answer, with host-replay.ts's comparator and
 * normalisation (documented nondeterminism: Go map order, progress-tracker ids, PACKER_RUN_UUID,
 * broker stream ids, ConfigSpec payloads compared decoded); the protocol; whether the build
 * succeeded; the files in the work directory (path and contents).
 *
 * Taken from the template or the recording because our host has no HCL: the source's type and name
 * (the template's `source` labels) and each block's config as Packer's HCL decoding made it (the
 * cty value of its first Prepare/Configure).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { decodeTranscript } from '../../codecs/transcript/index.js';
import { CtyConfig, type AnyValue } from '../../codecs/rpc/index.js';
import { marshalCtyJSON } from '../../codecs/cty/json.js';
import { typeToJSON } from '../../codecs/cty/canonical.js';
import type { ComponentKind } from '../../codecs/protocol/describe.js';
import { runBuild, processGroupsLeft, type BuildComponent, type BuildDescription } from '../../host/build.js';
import type { RpcTrace } from '../../host/rpc-client.js';
import { goHostRequests } from '../interop/go-requests.js';
import { abortWhenFileAppears } from '../interop/builds.js';
import { compareSessions, configsOf, fromOurs, fromRecorded, templateSources } from './host-replay.js';
import type { RecordedSession } from './differential.js';

/** A build case of results.json (cmd/reference buildCaseSets). */
export interface ReferenceBuildCase {
  id: string;
  /** The interop build's id. */
  build: string;
  template: string;
  exitCode: number;
  outputTail: string;
  /** TESTER_WORKDIR's files after `packer build` (path -> contents); absent when the build had none. */
  workFiles?: Record<string, string>;
  /** `packer build` got its one SIGINT (a cancelled build's cancel point appeared). */
  interrupted?: boolean;
}

export interface BuildComparison {
  matched: boolean;
  differences: string[];
}

const CONFIG_METHOD: Partial<Record<ComponentKind, string>> = {
  builder: 'Builder.Prepare',
  provisioner: 'Provisioner.Prepare',
  'post-processor': 'PostProcessor.Configure',
};

/** A recorded config argument (a cty value: the SDK's cty JSON bytes, or decoded) as the build description's go-cty JSON. */
function ctyJson(v: AnyValue | undefined): unknown {
  if (v instanceof Uint8Array) return JSON.parse(new TextDecoder().decode(v));
  if (v instanceof CtyConfig) return { value: JSON.parse(new TextDecoder().decode(marshalCtyJSON(v.value, v.value.type))), type: typeToJSON(v.value.type) };
  return undefined;
}

/** Every regular file under root: path relative to root -> contents. */
function filesUnder(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[relative(root, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

/**
 * Runs `describe(work)` through runBuild with the template's source labels and Packer's configs,
 * and compares it with the recorded Packer run. With `cancelAt` (a file under the work directory),
 * our build is cancelled (its AbortSignal) when that file appears, as Packer got its SIGINT then.
 * Never throws.
 */
export async function compareBuildWithPacker(
  c: ReferenceBuildCase,
  recorded: readonly RecordedSession[],
  describe: (work: string) => BuildDescription,
  workDir: string,
  cancelAt?: string,
): Promise<BuildComparison> {
  const differences: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'build-diff-'));
  try {
    if (cancelAt !== undefined && !c.interrupted) differences.push('Packer was not interrupted: its run is no cancelled build');
    const d = describe(work);
    const src = templateSources(c.template)[0];
    if (src) {
      d.sourceType = src.type;
      d.name = src.name;
    }
    // each block's config as Packer's HCL decoding made it
    const ours: Array<{ kind: ComponentKind; c: BuildComponent }> = [
      { kind: 'builder', c: d.builder },
      ...(d.provisioners ?? []).map((p) => ({ kind: 'provisioner' as const, c: p })),
      ...(d.postProcessors ?? []).flat().map((p) => ({ kind: 'post-processor' as const, c: p })),
    ];
    const bytes = new Map(recorded.map((s) => [s.id, new Uint8Array(readFileSync(join(workDir, s.file)))]));
    const byKind = (k: string) => recorded.filter((s) => s.kind === k);
    for (const kind of ['builder', 'provisioner', 'post-processor'] as const) {
      const mine = ours.filter((x) => x.kind === kind);
      const theirs = byKind(kind);
      mine.forEach((x, i) => {
        const s = theirs[i];
        const cfg = s ? ctyJson(configsOf(goHostRequests(bytes.get(s.id)!), CONFIG_METHOD[kind]!)[0]?.[1]) : undefined;
        if (cfg !== undefined) x.c.config = cfg;
      });
    }

    const traces: Array<{ kind: ComponentKind; calls: RpcTrace[] }> = [];
    const abort = new AbortController();
    const stop = cancelAt !== undefined ? abortWhenFileAppears(join(work, cancelAt), abort) : () => {};
    const result = await runBuild(d, {
      signal: abort.signal,
      traceSession: (kind) => {
        const calls: RpcTrace[] = [];
        traces.push({ kind, calls });
        return (t) => calls.push(t);
      },
    }).finally(stop);
    if (cancelAt !== undefined && !abort.signal.aborted) differences.push(`our build was not cancelled: ${cancelAt} never appeared`);
    const left = await processGroupsLeft(result.pids);
    if (left.length) differences.push(`our plugin process groups still running: ${left.join(',')}`);

    const kinds = (xs: ReadonlyArray<{ kind: string }>) => xs.map((x) => x.kind).join(',');
    if (kinds(traces) !== kinds(recorded)) differences.push(`plugin processes: ours ${kinds(traces)} vs Packer's ${kinds(recorded)}`);
    for (let i = 0; i < Math.min(traces.length, recorded.length); i++) {
      const s = recorded[i]!;
      if (result.protocol !== s.protocol) differences.push(`${s.kind} ${i}: protocol ${result.protocol} vs Packer's ${s.protocol}`);
      const mine = [...traces[i]!.calls].sort((a, b) => a.order - b.order).map((t) => fromOurs(t, s.protocol));
      const theirs = decodeTranscript(bytes.get(s.id)!).calls.map((x) => fromRecorded(x, s.protocol));
      for (const diff of compareSessions(mine, theirs)) differences.push(`${s.kind} ${s.component} (process ${i}): ${diff}`);
    }
    const packerOk = c.exitCode === 0;
    if (packerOk !== (result.error === null))
      differences.push(
        `outcome: ours ${result.error ? `failed (${result.error.message})` : 'succeeded'} vs Packer's exit ${c.exitCode}${packerOk ? '' : ` (${lastError(c.outputTail)})`}`,
      );
    if (d.env?.['TESTER_WORKDIR'] !== undefined) {
      const mine = filesUnder(work);
      const theirs = c.workFiles ?? {};
      for (const p of new Set([...Object.keys(mine), ...Object.keys(theirs)]))
        if (mine[p] !== theirs[p]) differences.push(`work file ${p}: ours ${JSON.stringify(mine[p] ?? null)} vs Packer's ${JSON.stringify(theirs[p] ?? null)}`);
    }
  } catch (e) {
    differences.push(`the differential failed: ${(e as Error).message}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { matched: differences.length === 0, differences };
}

/** Packer's first `* error` line (or its last non-empty line). */
function lastError(out: string): string {
  const lines = out.split('\n').map((l) => l.trim());
  return (lines.find((l) => l.startsWith('* ')) ?? lines.filter(Boolean).pop() ?? '').slice(0, 300);
}
