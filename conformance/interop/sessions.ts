/**
 * Live interop sessions: our TypeScript host (host/) against a real plugin binary, each
 * checked against what the Go harness recorded for the same plugin build, mode and component.
 *
 * A session starts one component (one process, as Packer does) and plays the Go capture host's
 * script for it (conformance/cmd/host: ConfigSpec, Prepare/Configure with the very config bytes
 * the Go host sent, then Run / PostProcess / OutputSpec + Execute as the script's label says).
 * Checks:
 * - ConfigSpec / OutputSpec decoded per mode equal the gob-spec / proto-spec vector (canonical
 *   JSON, compared semantically);
 * - an Execute value equals the gob-value / msgpack-value vector (decoded and, where Go's bytes
 *   were the same on every run, byte for byte);
 * - every call of the session (both directions: ours to the plugin, the plugin's to the Ui,
 *   Hook and Artifact we serve) matches the Go host's transcript of the same session: method,
 *   error text, request and answer bodies (canonical), in order per caller.
 */
import type { ComponentKind } from '../../codecs/protocol/describe.js';
import type { WireProtocol } from '../../codecs/protocol/choose.js';
import { specToCanonical } from '../../codecs/hclspec/canonical.js';
import { valueToCanonical } from '../../codecs/cty/canonical.js';
import { messageToCanonical, type RpcMessage } from '../../codecs/rpc/index.js';
import { methodKey } from '../../codecs/rpc/messages.js';
import {
  HostError,
  RecordingUi,
  pluginEnvironment,
  startComponent,
  decodeSpecPayload,
  decodeValuePayload,
  type ArtifactClient,
  type HostHook,
  type PluginSession,
  type RpcTrace,
} from '../../host/index.js';
import { canonicalDiff, bytesEqual } from '../runner/compare.js';
import type { PluginBuild } from './plugins.js';
import type { TranscriptCall, Vector, VectorIndex } from './vectors.js';
import { goConfigs, goHostArtifact, goHostRequests, type GoRequest } from './go-requests.js';

export interface SessionPlan {
  id: string;
  build: PluginBuild;
  mode: WireProtocol;
  kind: ComponentKind;
  component: string;
  /** The Go host's script label: run, cancel, prepare-error, no-artifact, prepare, configure, caseNN-name; `spec` = ConfigSpec only. */
  label: string;
  /** Go's transcript of this very session on this build, when the harness kept one. */
  transcript?: Vector;
  /** The requests the Go host sent (from this build's transcript or another build's of the same session). */
  goRequests?: GoRequest[];
  /** The Execute value vector of this case on this build. */
  value?: Vector;
  /** Go's reference for this session could not be read. */
  planError?: string;
}

export interface SessionResult {
  id: string;
  mode: WireProtocol;
  passed: boolean;
  checks: number;
  failures: string[];
  ms: number;
  /** How many times the session was run again after a Go panic in the plugin (see runSession). */
  retries?: number;
}

type Json = unknown;

/** The Go capture host's hook: says so through the plugin's Ui (it also drives the communicator, which we do not). */
const goHostHook: HostHook = {
  async run(name, _data, plugin) {
    await plugin.ui.say('host hook: ' + name);
  },
};

const componentKey = (p: SessionPlan) => `${p.kind}/${p.component}`;

/**
 * A Hook.Run request with the hook data's PackerRunUUID (the SDK copies PACKER_RUN_UUID, random
 * per run, into a builder's hook data) replaced by a placeholder.
 */
function withoutRunUuid(request: Json): Json {
  const o = request as { Data?: { $map?: Array<[unknown, unknown]> } } | null;
  const entries = o?.Data?.$map;
  if (!Array.isArray(entries)) return request;
  return { ...o, Data: { $map: entries.map(([k, v]) => [k, k === 'PackerRunUUID' ? '<run uuid>' : v]) } };
}

class Checker {
  checks = 0;
  readonly failures: string[] = [];
  check(ok: boolean, what: string): void {
    this.checks++;
    if (!ok) this.failures.push(what);
  }
  same(ours: Json, go: Json, what: string): void {
    const d = canonicalDiff(ours, go);
    this.check(d === null, `${what}: ${d}`);
  }
}

async function useArtifact(a: ArtifactClient): Promise<void> {
  // The Go host's order: BuilderId, Id, Files, String, four States, Destroy.
  await a.builderId();
  await a.id();
  await a.files();
  await a.string();
  for (const k of ['generated_data', 'string', 'number', 'missing']) await a.state(k);
  await a.destroy();
  a.close();
}

const swallow = async (p: Promise<unknown>): Promise<HostError | null> => {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
};

/** Plays the Go host's script for the plan's kind and label. */
async function script(plan: SessionPlan, s: PluginSession, index: VectorIndex, c: Checker): Promise<void> {
  const key = componentKey(plan);
  const comp =
    plan.kind === 'builder' ? s.builder() : plan.kind === 'datasource' ? s.datasource() : plan.kind === 'provisioner' ? s.provisioner() : s.postProcessor();

  // ConfigSpec: decode and compare with Go's vector when Go produced one.
  let specBytes: Uint8Array | undefined;
  const specErr = await swallow(comp.configSpecBytes().then((b) => (specBytes = b)));
  const specVector = index.spec(plan.build.plugin, plan.build.sdkVersion, plan.mode, key, 'ConfigSpec');
  if (specBytes) {
    const spec = decodeSpecPayload(specBytes, plan.mode);
    if (specVector) c.same(specToCanonical(spec), index.expect(specVector), `ConfigSpec vs ${specVector.id}`);
  } else if (specVector) c.check(false, `ConfigSpec failed (${specErr?.message}) but Go read ${specVector.id}`);
  if (!plan.goRequests) {
    // a spec-only session needs a reference to mean anything
    c.check(specVector !== undefined || plan.transcript !== undefined, `no Go vector or transcript for ${key} ${plan.mode}`);
    return;
  }

  const configs = (m: string) => goConfigs(plan.goRequests!, m) ?? [];
  switch (plan.kind) {
    case 'builder': {
      const b = s.builder();
      let failed = false;
      const prep = await b.prepare(configs('Builder.Prepare')).catch((e: unknown) => {
        failed = true;
        if (!(e instanceof HostError)) throw e;
        return null;
      });
      if (failed || prep?.error || !['run', 'cancel', 'no-artifact'].includes(plan.label)) return;
      const ui = new RecordingUi('yes');
      const abort = new AbortController();
      if (plan.label === 'cancel') ui.onEvent = (e) => e.kind === 'say' && e.text.includes('waiting for cancel') && abort.abort();
      let artifact: ArtifactClient | null = null;
      const runErr = await swallow(b.run(ui, goHostHook, { signal: abort.signal, timeoutMs: 30_000 }).then((a) => (artifact = a)));
      if (plan.label === 'cancel')
        c.check(runErr !== null && abort.signal.aborted, `cancel: Run should fail after Cancel (got ${runErr?.message ?? 'success'})`);
      if (artifact) await useArtifact(artifact);
      return;
    }
    case 'provisioner':
      // Go's script then runs Provision, which needs a served Communicator; we stop after Prepare.
      await swallow(s.provisioner().prepare(configs('Provisioner.Prepare')));
      return;
    case 'post-processor': {
      const pp = s.postProcessor();
      const err = await swallow(pp.configure(configs('PostProcessor.Configure')));
      if (err || plan.label !== 'run') return;
      const r = await pp.postProcess(new RecordingUi('yes'), goHostArtifact, { timeoutMs: 30_000 });
      if (r.artifact) await useArtifact(r.artifact);
      return;
    }
    case 'datasource': {
      const ds = s.datasource();
      const confErr = await swallow(ds.configure(configs('Datasource.Configure')));
      let outBytes: Uint8Array | undefined;
      await swallow(ds.outputSpecBytes().then((b) => (outBytes = b)));
      const outVector = index.spec(plan.build.plugin, plan.build.sdkVersion, plan.mode, key, 'OutputSpec');
      if (outBytes && outVector)
        c.same(specToCanonical(decodeSpecPayload(outBytes, plan.mode, 'OutputSpec')), index.expect(outVector), `OutputSpec vs ${outVector.id}`);
      if (confErr || !plan.label.startsWith('case')) return;
      let valueBytes: Uint8Array | undefined;
      const execErr = await swallow(ds.executeBytes().then((b) => (valueBytes = b)));
      if (plan.value) {
        if (!valueBytes) return c.check(false, `Execute failed (${execErr?.message}) but Go has ${plan.value.id}`);
        // Only msgpack bytes depend on the value alone; a gob stream's type ids depend on what the
        // process encoded before (in Go's random map order), so gob is compared decoded.
        if (plan.value.byteExact && plan.mode === 'protobuf') {
          const at = bytesEqual(valueBytes, index.bytes(plan.value));
          c.check(at < 0, `Execute value bytes differ from ${plan.value.id} at byte ${at}`);
        }
        let value;
        try {
          value = decodeValuePayload(valueBytes, plan.mode);
        } catch (e) {
          return c.check(false, `Execute value: ${(e as Error).message}`);
        }
        c.same(valueToCanonical(value, { withPrec: plan.mode === 'gob' }), index.expect(plan.value), `Execute value vs ${plan.value.id}`);
      }
      return;
    }
  }
}

// ---- comparing the whole session with Go's transcript ----

interface NormCall {
  caller: 'host' | 'plugin';
  method: string;
  request: Json;
  response: Json;
  error: string;
}

/** Answers whose bytes are compared elsewhere (payload vectors) or are random. */
const SKIP_RESPONSE = /\.(ConfigSpec|OutputSpec|Execute)$|^Ui\.NewTrackProgress$/;

const normMethod = (m: string): string => methodKey(m) ?? m;

/**
 * Error texts must be equal, except where Go's random map order picks which part of a value
 * fails first:
 * - a spec the plugin cannot convert to protobuf: ToProto walks the spec's map, so which refused
 *   attribute the text names varies; only the text before the first attribute name must agree;
 * - a value gob cannot encode (an unknown or a dynamic type inside an object): when the first
 *   one met sits in a set, set.Set's GobEncode wraps the error once more ("error encoding
 *   set.Set: "), and each cty.Type level it sits under adds "error encoding cty.Type: ".
 */
function sameError(method: string, ours: string, go: string): boolean {
  if (ours === go) return true;
  const unwrapSet = (t: string) =>
    t
      .split('error encoding set.Set: ')
      .join('')
      .replace(/(error encoding cty\.Type: )+/g, 'error encoding cty.Type: ');
  if (method === 'Datasource.Execute' && ours.startsWith('error encoding cty.Value: ') && unwrapSet(ours) === unwrapSet(go)) return true;
  if (!/\.(ConfigSpec|OutputSpec)$/.test(method) || ours === '' || go === '') return false;
  const cut = (t: string) => t.split('attribute "')[0];
  return cut(ours) === cut(go);
}

const bodyJson = (m: RpcMessage): Json => (messageToCanonical(m) as { body: Json }).body;

function fromTrace(t: RpcTrace): NormCall {
  return {
    caller: t.caller,
    method: normMethod(t.request.header.serviceMethod),
    request: bodyJson(t.request),
    response: t.response ? bodyJson(t.response) : null,
    error: t.response ? t.response.header.error : `(no answer: ${t.error?.code})`,
  };
}

function fromGo(c: TranscriptCall): NormCall {
  return { caller: c.caller, method: normMethod(c.serviceMethod), request: c.request, response: c.response, error: c.hasResponse ? c.error : '(no answer)' };
}

/** Go calls our script does not make. */
function goCallsWeMake(plan: SessionPlan, calls: TranscriptCall[]): TranscriptCall[] {
  return calls.filter((c) => {
    if (c.serviceMethod.startsWith('Communicator.')) return false; // the Go host's hook drove the plugin's communicator
    if (plan.kind === 'provisioner') return c.stream === 0 && c.caller === 'host' && c.serviceMethod !== 'Provisioner.Provision';
    return true;
  });
}

function compareWithTranscript(plan: SessionPlan, ours: RpcTrace[], index: VectorIndex, c: Checker): void {
  if (!plan.transcript) return;
  const go = goCallsWeMake(plan, index.calls(plan.transcript)).map(fromGo);
  const mine = [...ours].sort((a, b) => a.order - b.order).map(fromTrace);
  for (const caller of ['host', 'plugin'] as const) {
    const g = go.filter((x) => x.caller === caller);
    const m = mine.filter((x) => x.caller === caller);
    c.check(
      g.length === m.length,
      `${caller} calls: ${m.length} (${m.map((x) => x.method).join(', ')}) vs Go's ${g.length} (${g.map((x) => x.method).join(', ')}) in ${plan.transcript.id}`,
    );
    for (let i = 0; i < Math.min(g.length, m.length); i++) {
      const a = m[i]!;
      const b = g[i]!;
      const where = `${caller} call ${i} ${b.method}`;
      c.check(a.method === b.method, `${where}: we saw ${a.method}`);
      if (a.method !== b.method) break;
      c.check(sameError(a.method, a.error, b.error), `${where}: error ${JSON.stringify(a.error)} vs Go's ${JSON.stringify(b.error)}`);
      // Prepare/Configure carry Go's own config bytes; comparing them checks our cty JSON reading.
      if (a.method === 'Hook.Run') c.same(withoutRunUuid(a.request), withoutRunUuid(b.request), `${where} request`);
      else c.same(a.request, b.request, `${where} request`);
      if (a.error === '' && b.error === '' && !SKIP_RESPONSE.test(a.method)) c.same(a.response, b.response, `${where} answer`);
    }
  }
}

/**
 * Runs a session; runs it again (up to 3 times in all) when the plugin died of a Go panic in the
 * SDK's rpc.ToProto: SDK v0.6.x panics on a BlockListSpec with a nil Nested (it formats
 * `reflect.TypeOf(nil).String()`) when its random map walk reaches that attribute before a
 * refused one (the Go harness happened to record the refusal), so that crash is Go's, not ours.
 */
export async function runSession(plan: SessionPlan, index: VectorIndex): Promise<SessionResult> {
  if (plan.planError) return { id: plan.id, mode: plan.mode, passed: false, checks: 1, failures: [plan.planError], ms: 0 };
  let r: SessionResult & { goPanic?: boolean };
  let attempts = 0;
  do {
    r = await runSessionOnce(plan, index);
    attempts++;
  } while (!r.passed && r.goPanic && attempts < 3);
  const out: SessionResult = { id: r.id, mode: r.mode, passed: r.passed, checks: r.checks, failures: r.failures, ms: r.ms };
  if (attempts > 1) out.retries = attempts - 1;
  return out;
}

async function runSessionOnce(plan: SessionPlan, index: VectorIndex): Promise<SessionResult & { goPanic?: boolean }> {
  const t0 = Date.now();
  const c = new Checker();
  const traces: RpcTrace[] = [];
  let session: PluginSession | undefined;
  try {
    session = await startComponent(plan.build.path, plan.kind, plan.component, {
      protocol: plan.mode,
      // as the Go capture host (cmd/host pluginEnv): the tester's artifacts carry every Go type
      env: { ...pluginEnvironment(), TESTER_GENERATED_DATA: 'all' },
      callTimeoutMs: 30_000,
      sessionTimeoutMs: 90_000,
      handshakeTimeoutMs: 30_000,
      trace: (t) => traces.push(t),
    });
    await script(plan, session, index, c);
  } catch (e) {
    c.check(false, `session failed: ${(e as Error).message}`);
  } finally {
    await session?.close();
  }
  if (session) c.check(session.process.exitStatus !== null, 'plugin process still running after close');
  try {
    compareWithTranscript(plan, traces, index, c);
  } catch (e) {
    c.check(false, `reading Go's transcript: ${(e as Error).message}`);
  }
  const stderr = session?.process.stderr() ?? '';
  const goPanic = /panic: /.test(stderr) && /packer-plugin-sdk@[^/]+\/rpc\.ToProto|rpc\.ToProto\(/.test(stderr);
  return { id: plan.id, mode: plan.mode, passed: c.failures.length === 0, checks: c.checks, failures: c.failures, ms: Date.now() - t0, goPanic };
}

// ---- planning ----

/** The Go host's session labels per component (conformance/cmd/host/capture.go planFor). */
function goLabels(index: VectorIndex, b: PluginBuild, mode: WireProtocol, key: string): string[] {
  return [...new Set(index.transcripts(b.plugin, b.sdkVersion, mode, key).map((v) => String(v.context['session'])))];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function planSessions(build: PluginBuild, components: Array<{ kind: ComponentKind; name: string }>, index: VectorIndex): SessionPlan[] {
  const plans: SessionPlan[] = [];
  const modes: WireProtocol[] = build.protocolV2 ? ['gob', 'protobuf'] : ['gob'];
  const requestsCache = new Map<string, GoRequest[]>();
  let planError: string | undefined;
  const requestsOf = (v: Vector): GoRequest[] => {
    let r = requestsCache.get(v.id);
    if (!r) {
      try {
        r = goHostRequests(index.bytes(v));
      } catch (e) {
        planError = `reading Go's requests from ${v.id}: ${(e as Error).message}`;
        r = [];
      }
      requestsCache.set(v.id, r);
    }
    return r;
  };
  const push = (p: SessionPlan) => {
    if (planError) p.planError = planError;
    planError = undefined;
    plans.push(p);
  };
  for (const mode of modes) {
    for (const { kind, name } of components) {
      const key = `${kind}/${name}`;
      const base = { build, mode, kind, component: name };
      const id = (label: string) => `${build.name} ${mode} ${key} ${label}`;
      const labels = goLabels(index, build, mode, key);
      if (labels.length === 0) {
        plans.push({ ...base, id: id('spec'), label: 'spec' });
        continue;
      }
      for (const label of labels) {
        const transcript = index.transcripts(build.plugin, build.sdkVersion, mode, key).find((v) => v.context['session'] === label)!;
        push({ ...base, id: id(label), label, transcript, goRequests: requestsOf(transcript) });
      }
      // Execute cases with a value vector but no transcript on this build: Go's config for the
      // case from another build's transcript of the same session (the config does not depend on
      // the SDK version).
      if (kind === 'datasource') {
        for (const v of index.executeValues(build.plugin, build.sdkVersion, mode).filter((x) => x.context['component'] === key)) {
          const label = `case${pad2(Number(v.context['case']))}-${String(v.context['caseName'])}`;
          const existing = plans.find((p) => p.mode === mode && p.kind === kind && p.component === name && p.label === label);
          if (existing) {
            existing.value = v;
            continue;
          }
          const other = index.transcriptsFor(build.plugin, mode, key, label)[0];
          if (!other) continue;
          push({ ...base, id: id(label), label, goRequests: requestsOf(other), value: v });
        }
      }
    }
  }
  return plans;
}
