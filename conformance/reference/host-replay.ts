/**
 * The session differential: one plugin session real Packer drove (recorded by the relay in the
 * transcript record format of vectors/README.md) against our TypeScript host driving the same
 * plugin build through Packer's session (host/packer.ts).
 *
 * What our host decides, and is compared: which calls it makes on every stream, in which order,
 * with which arguments — the Packer-variables map, the nil override of a provisioner's Prepare,
 * ConfigSpec before and after Prepare/Configure, no OutputSpec, the calls on artifacts, the
 * answers of the Ui it serves (Ask: `no available tty`), the environment (PACKER_RUN_UUID) — and
 * what the plugin then does in return (its calls to our Ui/Hook/Artifact, every answer).
 *
 * What comes from the recording because in Packer it comes from elsewhere (another plugin
 * process, or HCL evaluation, which we do not have): the config values (the cty JSON of each
 * Prepare/Configure, as Packer's HCL decoding made them), which template source a process
 * belongs to (packer_build_name/packer_builder_type name one of the template's sources), the
 * builder hook data a provisioner gets, the answers of an artifact served to a post-processor
 * (Packer proxies them from the builder), the error Packer answers a Hook.Run with, and whether
 * the build got as far as a provisioner's Provision or a post-processor's PostProcess at all
 * (that depends on the builder: e.g. Packer refuses a `time.Time` in its generated data before
 * it configures the post-processor again).
 *
 * Documented nondeterminism, not compared: Go map order (canonical `$map` comparison), ConfigSpec
 * / Execute payload bytes (compared decoded, canonically: gob writes a map in random order),
 * progress-tracker ids (random), PACKER_RUN_UUID values (random per run), broker stream ids.
 *
 * Traffic Packer proxies between two plugins (the calls it makes on a builder's hook stream: the
 * provisioners' Ui output and Communicator use; the Communicator it serves a provisioner) is made
 * by our host with host/communicator.ts, with the data (stdin, uploads, command output, exit
 * status, errors) taken from the recording.
 */
import { readFileSync, existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { decodeTranscript, type TranscriptCall, type TranscriptModel } from '../../codecs/transcript/index.js';
import { messageToCanonical, GoMap, type AnyValue, type RpcMessage } from '../../codecs/rpc/index.js';
import { methodKey } from '../../codecs/rpc/messages.js';
import { specToCanonical } from '../../codecs/hclspec/canonical.js';
import { valueToCanonical } from '../../codecs/cty/canonical.js';
import type { ComponentKind } from '../../codecs/protocol/describe.js';
import type { WireProtocol } from '../../codecs/protocol/choose.js';
import {
  HostError,
  RecordingUi,
  decodeSpecPayload,
  decodeValuePayload,
  startSession,
  packerVariables,
  packerPluginEnvironment,
  packerUi,
  newRunUuid,
  prepareBuilderAsPacker,
  prepareProvisionerAsPacker,
  provisionAsPacker,
  preparePostProcessorAsPacker,
  postProcessAsPacker,
  executeDatasourceAsPacker,
  reportArtifactAsPacker,
  destroyArtifactAsPacker,
  type ArtifactClient,
  type HostArtifact,
  type HostHook,
  type PluginSession,
  type RpcTrace,
  type RpcClient,
} from '../../host/index.js';
import { CommunicatorClient, communicatorService, type HostCommunicator, type UploadFileInfo } from '../../host/communicator.js';
import { canonicalDiff } from '../runner/compare.js';
import { goHostRequests, type GoRequest } from '../interop/go-requests.js';
import { loadPlugins, repoRoot } from '../interop/plugins.js';

/** The fields of a recorded session (conformance/reference: RecordedSession) the replay needs. */
export interface RecordedSessionInput {
  id: string;
  /** `v1.12.0` / `v1.16.0`. */
  packer: string;
  /** plugins.json build name, e.g. `tester-sdk0.6.4`. */
  build: string;
  kind: string;
  component: string;
  protocol: WireProtocol;
  /** The arguments Packer started the plugin with. */
  args: string[];
  /** The whole HCL2 template of the run. */
  template: string;
  /** The transcript, relative to `workDir`. */
  file: string;
}

export interface ReplayContext {
  workDir: string;
  /** Path of a plugin build's binary (default: conformance/.work/bin/plugins.json). */
  binaryOf?: (build: string) => string | undefined;
  /** Added to the replayed plugin's environment (the recorded case's TESTER_* settings). */
  pluginEnv?: Record<string, string>;
}

export interface ReplayResult {
  id: string;
  matched: boolean;
  differences: string[];
}

type Json = unknown;

export interface NormCall {
  caller: 'host' | 'plugin';
  method: string;
  request: Json;
  response: Json;
  error: string;
}

const RUN_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Replaces what is random per run: PACKER_RUN_UUID values (anywhere, also inside a text such as a Ui message), tracker ids are dropped by the caller. */
function scrub(j: Json): Json {
  if (typeof j === 'string') return j.replace(RUN_UUID, '<run-uuid>');
  if (Array.isArray(j)) return j.map(scrub);
  if (j && typeof j === 'object') return Object.fromEntries(Object.entries(j as Record<string, Json>).map(([k, v]) => [k, scrub(v)]));
  return j;
}

const bodyJson = (m: RpcMessage): Json => scrub((messageToCanonical(m) as { body: Json }).body);
const normMethod = (m: string): string => methodKey(m) ?? m;

function payloadView(method: string, body: unknown, mode: WireProtocol): Json {
  const b = body as Record<string, unknown> | null;
  try {
    if (/\.(ConfigSpec|OutputSpec)$/.test(method)) {
      const bytes = b?.[method.endsWith('OutputSpec') ? 'OutputSpec' : 'ConfigSpec'];
      if (bytes instanceof Uint8Array) return { decodedSpec: specToCanonical(decodeSpecPayload(bytes, mode)) };
    }
    if (method === 'Datasource.Execute') {
      const bytes = b?.['Value'];
      if (bytes instanceof Uint8Array) return { decodedValue: valueToCanonical(decodeValuePayload(bytes, mode), { withPrec: mode === 'gob' }) };
    }
  } catch (e) {
    return { undecodable: (e as Error).message };
  }
  return undefined;
}

function normalise(caller: 'host' | 'plugin', req: RpcMessage, res: RpcMessage | null, error: string, mode: WireProtocol): NormCall {
  const method = normMethod(req.header.serviceMethod);
  let response: Json = res ? bodyJson(res) : null;
  const view = res ? payloadView(method, res.body, mode) : undefined;
  if (view !== undefined) response = view;
  if (method === 'Ui.NewTrackProgress') response = '<tracker id>';
  let request = bodyJson(req);
  // the id of a stream each side chooses with its own broker counter
  if (/\.(Run|PostProcess)$/.test(method) && typeof request === 'object') request = '<stream id>';
  if (method === 'Provisioner.Provision' || method === 'Hook.Run' || method.startsWith('Communicator.')) request = withoutStreamId(request);
  return { caller, method, request, response, error };
}

function withoutStreamId(j: Json): Json {
  if (!j || typeof j !== 'object' || Array.isArray(j)) return j;
  const o = { ...(j as Record<string, Json>) };
  for (const k of Object.keys(o)) if (/Stream(Id|ID)$/.test(k)) delete o[k];
  return o;
}

export function fromRecorded(c: TranscriptCall, mode: WireProtocol): NormCall {
  return normalise(c.caller, c.request as RpcMessage, c.response as RpcMessage | null, c.response ? c.response.header.error : '(no answer)', mode);
}

export function fromOurs(t: RpcTrace, mode: WireProtocol): NormCall {
  return normalise(t.caller, t.request as RpcMessage, t.response as RpcMessage | null, t.response ? t.response.header.error : '(no answer)', mode);
}

/**
 * Calls without an Artifact.Files right after an Artifact.Destroy (Packer calls Files there only
 * when Destroy failed, for its error text). Packer's msgpack client cannot decode that Destroy's
 * error, and whether the Files call still reaches the wire depends on a race inside Packer's
 * net/rpc client: recordings of real Packer show both.
 */
function withoutRacyFiles(calls: NormCall[]): NormCall[] {
  return calls.filter((c, i) => !(c.method === 'Artifact.Files' && i > 0 && calls[i - 1]!.method === 'Artifact.Destroy'));
}

/** Compares the two sessions per caller, in order; returns the differences in words. */
export function compareSessions(ours: NormCall[], recorded: NormCall[]): string[] {
  const out: string[] = [];
  for (const caller of ['host', 'plugin'] as const) {
    const r = withoutRacyFiles(recorded.filter((x) => x.caller === caller));
    const m = withoutRacyFiles(ours.filter((x) => x.caller === caller));
    if (r.length !== m.length)
      out.push(`${caller} calls: ours ${m.length} (${m.map((x) => x.method).join(', ')}) vs Packer's ${r.length} (${r.map((x) => x.method).join(', ')})`);
    for (let i = 0; i < Math.min(r.length, m.length); i++) {
      const a = m[i]!;
      const b = r[i]!;
      const where = `${caller} call ${i} ${b.method}`;
      if (a.method !== b.method) {
        out.push(`${where}: ours is ${a.method}`);
        break;
      }
      if (a.error !== b.error) out.push(`${where}: error ${JSON.stringify(a.error)} vs Packer's ${JSON.stringify(b.error)}`);
      const dq = canonicalDiff(a.request, b.request);
      if (dq) out.push(`${where} request: ${dq}`);
      if (a.error === '' && b.error === '') {
        const dr = canonicalDiff(a.response, b.response);
        if (dr) out.push(`${where} answer: ${dr}`);
      }
    }
  }
  return out;
}

// ---- what the recording supplies ----

/** The host's stream-0 requests of the recording, Configs kept as the bytes Packer sent. */
export function configsOf(requests: GoRequest[], method: string): AnyValue[][] {
  return requests.filter((r) => r.serviceMethod === method).map((r) => ((r.body as { Configs: AnyValue[] | null }).Configs ?? []) as AnyValue[]);
}

/** `source "TYPE" "NAME"` blocks of an HCL2 template (our own reader: just the block labels). */
export function templateSources(template: string): Array<{ type: string; name: string }> {
  const out: Array<{ type: string; name: string }> = [];
  for (const m of template.matchAll(/^\s*source\s+"([^"]+)"\s+"([^"]+)"\s*\{/gm)) out.push({ type: m[1]!, name: m[2]! });
  return out;
}

const str = (m: AnyValue | undefined, k: string): string | undefined => (m instanceof GoMap ? (m.get(k) as string | undefined) : undefined);

/** Which of the template's sources the process belongs to, by the map Packer sent first. */
function sourceOf(recordedVars: AnyValue | undefined, template: string): { type: string; name: string } | string {
  const type = str(recordedVars, 'packer_builder_type');
  const name = str(recordedVars, 'packer_build_name');
  if (type === undefined || name === undefined) return 'the recording has no Packer-variables map to tell the source';
  const s = templateSources(template).find((x) => x.type === type && x.name === name);
  return s ?? `source "${type}" "${name}" is not in the template`;
}

/** An artifact served to a post-processor, answering as the recording says (Packer proxies the builder's). */
function recordedArtifact(calls: TranscriptCall[]): HostArtifact {
  const answers = calls.filter((c) => c.caller === 'plugin' && c.request.header.serviceMethod.startsWith('Artifact.'));
  const answer = (method: string, arg?: string): AnyValue => {
    const c = answers.find((x) => x.request.header.serviceMethod === method && (arg === undefined || x.request.body === arg));
    return (c?.response?.body ?? null) as AnyValue;
  };
  return {
    builderId: () => answer('Artifact.BuilderId') as string,
    id: () => answer('Artifact.Id') as string,
    string: () => answer('Artifact.String') as string,
    files: () => (answer('Artifact.Files') as string[] | null) ?? [],
    state: (name) => answer('Artifact.State', name),
    destroy: () => {
      const e = answer('Artifact.Destroy');
      return e instanceof GoMap ? String(e.get('Message') ?? '') : null;
    },
  };
}

function binaryFor(build: string, ctx: ReplayContext): string | undefined {
  if (ctx.binaryOf) return ctx.binaryOf(build);
  const got = loadPlugins();
  if (typeof got === 'string') return undefined;
  return got.builds.find((b) => b.name === build)?.path;
}

const swallow = async <T>(p: Promise<T>): Promise<T | HostError> => {
  try {
    return await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
};

/**
 * Drives our host through Packer's session for the recorded process and compares. Never throws:
 * a failure to replay is a difference.
 */
export async function replayWithOurHost(s: RecordedSessionInput, ctx: ReplayContext): Promise<ReplayResult> {
  const differences: string[] = [];
  const file = isAbsolute(s.file) ? s.file : join(ctx.workDir, s.file);
  let recorded: TranscriptCall[];
  let model: TranscriptModel;
  let requests: GoRequest[];
  try {
    const bytes = new Uint8Array(readFileSync(file));
    model = decodeTranscript(bytes);
    recorded = model.calls;
    requests = goHostRequests(bytes);
  } catch (e) {
    return { id: s.id, matched: false, differences: [`reading the recording ${file}: ${(e as Error).message}`] };
  }
  const binary = binaryFor(s.build, ctx);
  if (!binary || !existsSync(binary)) return { id: s.id, matched: false, differences: [`no binary for plugin build ${s.build}`] };
  const kind = s.kind as ComponentKind;
  // Packer's arguments, from `start` on (a recorded argv may begin with the program's path)
  const startIdx = s.args.indexOf('start');
  const args = startIdx < 0 ? s.args : s.args.slice(startIdx);
  if (startIdx < 0 || args[1] !== kind) differences.push(`Packer's start arguments ${JSON.stringify(s.args)} do not start a ${kind}`);

  const traces: RpcTrace[] = [];
  const runUuid = newRunUuid();
  const run = { version: s.packer, runUuid };
  let session: PluginSession | undefined;
  try {
    session = await startSession(
      binary,
      args,
      {
        protocol: s.protocol,
        env: packerPluginEnvironment(runUuid, { ...process.env, ...ctx.pluginEnv }),
        callTimeoutMs: 30_000,
        sessionTimeoutMs: 120_000,
        trace: (t) => traces.push(t),
      },
      { kind, component: s.component },
    );
    await drive(kind, s, session, run, requests, model, differences);
  } catch (e) {
    differences.push(`our session failed: ${(e as Error).message}`);
  } finally {
    await session?.close();
  }
  const ours = [...traces].sort((a, b) => a.order - b.order).map((t) => fromOurs(t, s.protocol));
  const theirs = recorded.map((c) => fromRecorded(c, s.protocol));
  differences.push(...compareSessions(ours, theirs));
  return { id: s.id, matched: differences.length === 0, differences };
}

async function drive(
  kind: ComponentKind,
  s: RecordedSessionInput,
  session: PluginSession,
  run: { version: string; runUuid: string },
  requests: GoRequest[],
  model: TranscriptModel,
  differences: string[],
): Promise<void> {
  const recorded = model.calls;
  const hostCalls = recorded.filter((c) => c.caller === 'host').map((c) => c.request.header.serviceMethod);
  const ui = packerUi(new RecordingUi());
  switch (kind) {
    case 'datasource': {
      const cfg = configsOf(requests, 'Datasource.Configure')[0];
      if (!cfg) return void differences.push('the recording has no Datasource.Configure: nothing to configure with');
      await swallow(executeDatasourceAsPacker(session.datasource(), cfg[0] ?? null));
      return;
    }
    case 'builder': {
      const cfg = configsOf(requests, 'Builder.Prepare')[0];
      if (!cfg) return void differences.push('the recording has no Builder.Prepare');
      const source = sourceOf(cfg[0], s.template);
      if (typeof source === 'string') return void differences.push(source);
      const b = session.builder();
      const prep = await swallow(prepareBuilderAsPacker(b, packerVariables(run, 'builder', source), cfg[1] ?? null));
      if (prep instanceof HostError || !prep.ok) return;
      const hookRun = recorded.find((c) => c.caller === 'plugin' && c.request.header.serviceMethod === 'Hook.Run');
      const hook: HostHook = {
        run: async (_name, _data, plugin) => {
          // Packer's hook runs the provisioners (other processes); what reaches this plugin is
          // their Ui output and Communicator use, proxied: replay those calls as recorded.
          const recordedStream = Number((hookRun?.request.body as { StreamId?: unknown } | null)?.StreamId ?? -1);
          await replayHookStream(model, recordedStream, plugin.rpc, session);
          const err = hookRun?.response?.header.error ?? '';
          if (err) throw new Error(err);
        },
      };
      const artifact = await swallow(b.run(ui, hook, { timeoutMs: 60_000 }));
      if (artifact instanceof HostError || artifact === null) return;
      await finishBuilderArtifact(artifact, s.template, recorded);
      return;
    }
    case 'provisioner': {
      const cfgs = configsOf(requests, 'Provisioner.Prepare');
      if (!cfgs[0]) return void differences.push('the recording has no Provisioner.Prepare');
      const source = sourceOf(cfgs[0][0], s.template);
      if (typeof source === 'string') return void differences.push(source);
      const p = session.provisioner();
      const vars = packerVariables(run, 'provisioner', source);
      const prep = await swallow(prepareProvisionerAsPacker(p, vars, cfgs[0][1] ?? null));
      if (prep instanceof HostError) return;
      const provision = requests.find((r) => r.serviceMethod === 'Provisioner.Provision');
      if (!provision) return;
      const generated = (provision.body as { GeneratedData?: AnyValue }).GeneratedData;
      const entries: Array<readonly [unknown, AnyValue]> =
        generated instanceof GoMap ? generated.entries : generated instanceof Map ? [...(generated as Map<unknown, AnyValue>)] : [];
      const data = new Map<string, AnyValue>(entries.map(([k, v]) => [String(k), v]));
      await swallow(
        provisionAsPacker(p, {
          vars,
          config: cfgs[1]?.[1] ?? cfgs[0][1] ?? null,
          override: null,
          generatedData: data,
          ui,
          communicator: communicatorService(session, recordedCommunicator(model)),
          callTimeoutMs: 60_000,
        }),
      );
      return;
    }
    case 'post-processor': {
      const cfgs = configsOf(requests, 'PostProcessor.Configure');
      if (!cfgs[0]) return void differences.push('the recording has no PostProcessor.Configure');
      const source = sourceOf(cfgs[0][0], s.template);
      if (typeof source === 'string') return void differences.push(source);
      const pp = session.postProcessor();
      const vars = packerVariables(run, 'post-processor', source);
      const prep = await swallow(preparePostProcessorAsPacker(pp, vars, cfgs[0][1] ?? null));
      if (prep instanceof HostError || !hostCalls.includes('PostProcessor.PostProcess')) return;
      const r = await swallow(
        postProcessAsPacker(pp, { vars, config: cfgs[1]?.[1] ?? cfgs[0][1] ?? null, artifact: recordedArtifact(recorded), ui, callTimeoutMs: 60_000 }),
      );
      if (r instanceof HostError || !r.artifact) return;
      await reportArtifactAsPacker(r.artifact);
      return;
    }
  }
}

/**
 * The builder's artifact after Run (CoreBuild.Run, command/build.go): without post-processors it
 * is reported; with them, Packer reads its State("generated_data") for each post-processor, the
 * post-processor's own calls reach it through Packer (taken from the recording), and unless a
 * post-processor keeps it, it is destroyed (Files when Destroy fails).
 */
async function finishBuilderArtifact(a: ArtifactClient, template: string, recorded: TranscriptCall[]): Promise<void> {
  const hasPostProcessors = /^\s*post-processors?\s+("|\{)/m.test(template);
  if (!hasPostProcessors) {
    await swallow(reportArtifactAsPacker(a));
    return;
  }
  // The recorded host calls on the artifact stream: ours start with State, the proxied ones follow.
  const onArtifact = recorded.filter((c) => c.caller === 'host' && c.request.header.serviceMethod.startsWith('Artifact.'));
  const firstState = onArtifact.findIndex((c) => c.request.header.serviceMethod === 'Artifact.State' && c.request.body === 'generated_data');
  await swallow(a.state('generated_data'));
  const destroyAt = onArtifact.findIndex((c) => c.request.header.serviceMethod === 'Artifact.Destroy');
  const proxied = onArtifact.slice(firstState + 1, destroyAt < 0 ? onArtifact.length : destroyAt);
  for (const c of proxied) await swallow(a.rpc.callDynamic(c.request.header.serviceMethod, c.request.body));
  if (destroyAt >= 0) await swallow(destroyArtifactAsPacker(a));
}

// ---- Communicator traffic, from the recording ----

const bodyOf = (c: TranscriptCall): Record<string, unknown> => (c.request.body ?? {}) as Record<string, unknown>;
const idOf = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);

/** The bytes `side` sent on the logical stream with broker id `id` (a Communicator data stream). */
function streamBytes(model: TranscriptModel, id: number, side: 'host' | 'plugin'): Uint8Array {
  if (id <= 0) return new Uint8Array(0);
  const st = model.streams.find((x) => x.brokerId === id && x.kind !== 'rpc');
  return st ? st.raw[side] : new Uint8Array(0);
}

/**
 * The Communicator Packer served to a provisioner, answering as the recording says (in Packer it
 * is the builder's communicator, proxied): stdout/stderr/download bytes Packer wrote, the exit
 * status of the gob CommandFinished, and each call's error.
 */
function recordedCommunicator(model: TranscriptModel): HostCommunicator {
  const calls = model.calls.filter((c) => c.caller === 'plugin' && c.request.header.serviceMethod.startsWith('Communicator.'));
  const used = new Set<TranscriptCall>();
  const next = (method: string): TranscriptCall | undefined => {
    const c = calls.find((x) => !used.has(x) && x.request.header.serviceMethod === method);
    if (c) used.add(c);
    return c;
  };
  const fail = (c: TranscriptCall | undefined) => {
    const e = c?.response?.header.error ?? '';
    if (e) throw new Error(e);
  };
  return {
    start: async () => {
      const c = next('Communicator.Start');
      fail(c);
      const a = c ? bodyOf(c) : {};
      const res = model.streams.find((x) => x.brokerId === idOf(a['ResponseStreamId']));
      return {
        stdout: streamBytes(model, idOf(a['StdoutStreamId']), 'host'),
        stderr: streamBytes(model, idOf(a['StderrStreamId']), 'host'),
        exitStatus: idOf(res?.commandFinished?.ExitStatus),
      };
    },
    upload: async () => fail(next('Communicator.Upload')),
    download: async () => {
      const c = next('Communicator.Download');
      fail(c);
      return c ? streamBytes(model, idOf(bodyOf(c)['WriterStreamId']), 'host') : new Uint8Array(0);
    },
    uploadDir: async () => fail(next('Communicator.UploadDir')),
    downloadDir: async () => fail(next('Communicator.DownloadDir')),
  };
}

/**
 * The calls Packer made on a builder's hook stream (the provisioners' Ui output and Communicator
 * use, proxied), made again by our host on its hook stream with the same data.
 */
async function replayHookStream(model: TranscriptModel, recordedStream: number, rpc: RpcClient, session: PluginSession): Promise<void> {
  const comm = new CommunicatorClient(rpc, session);
  for (const c of model.calls.filter((x) => x.caller === 'host' && x.stream === recordedStream)) {
    const m = c.request.header.serviceMethod;
    const a = bodyOf(c);
    const op = async (): Promise<unknown> => {
      switch (m) {
        case 'Communicator.Start': {
          const stdinId = idOf(a['StdinStreamId']);
          return comm.start(String(a['Command']), stdinId > 0 ? streamBytes(model, stdinId, 'host') : null, {
            stdout: idOf(a['StdoutStreamId']) > 0,
            stderr: idOf(a['StderrStreamId']) > 0,
          });
        }
        case 'Communicator.Upload':
          return comm.upload(String(a['Path']), streamBytes(model, idOf(a['ReaderStreamId']), 'host'), (a['FileInfo'] ?? null) as UploadFileInfo);
        case 'Communicator.Download':
          return comm.download(String(a['Path']));
        default:
          return rpc.callDynamic(m, c.request.body);
      }
    };
    await swallow(op());
  }
}

/** plugins.json of this checkout (for callers outside the interop runner). */
export const defaultBinDir = (): string => resolve(repoRoot, 'conformance/.work/bin');
