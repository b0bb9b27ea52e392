/**
 * A whole build as `packer build` runs one source (packer/build.go CoreBuild.Prepare/Run,
 * packer/provisioner.go ProvisionHook, hcl2template's HCL2Provisioner/HCL2PostProcessor),
 * with every component in its own plugin process:
 *
 * 1. The protocol for the whole plugin set, as Packer chooses it (`describe` of every plugin
 *    binary, then `chooseProtocol`); `PACKER_FORCE_GOB` in the build's environment counts.
 * 2. Prepare: the builder (ConfigSpec, Prepare, ConfigSpec), each provisioner (ConfigSpec,
 *    Prepare(vars, config, nil), ConfigSpec), each post-processor (ConfigSpec, Configure,
 *    ConfigSpec), in template order (packer.ts).
 * 3. Builder.Run with the Ui (target: the build's name) and the Hook. `Hook.Run("packer_provision")`
 *    runs every provisioner in order (ConfigSpec, Prepare, Provision) with the builder's
 *    Communicator proxied to it (communicator-proxy.ts) and the Ui of the hook stream (the
 *    builder's, as Packer passes it on); the first failure is the hook's error. Every other hook
 *    name (e.g. `packer_cleanup_provision` with no error-cleanup provisioner) is answered with
 *    success, as Packer's DispatchHook with no hook for that name.
 * 4. Post-processor chains: each chain starts from the builder's artifact; for each step the
 *    input's State("generated_data") is read, then ConfigSpec, Configure, PostProcess; the
 *    returned artifact is the next step's input. Keep: the plugin's answer unless the template
 *    sets `keep_input_artifact` (a forced keep wins over `false`). The first step's keep keeps the
 *    builder's artifact; a later step's input is kept (reported) or destroyed. A failing step ends
 *    its chain with `Post-processor failed: …`; a nil artifact ends it silently.
 * 5. The builder's artifact is destroyed when post-processors ran and none kept it; every kept
 *    artifact is reported (String, BuilderId, Id, String, Files), the builder's first.
 *    Post-processor Ui: `Running post-processor: NAME (type TYPE)` on the build's target (just
 *    `TYPE` when the block's name is its type), then the step's own target `BUILD (TYPE)`.
 *
 * Cancel, as Packer's (recorded: conformance/reference, the cancelled builds): the AbortSignal
 * sends Builder.Cancel only; the builder's own Hook.Cancel (its Run context cancelled) cancels the
 * hook's context and so sends Provisioner.Cancel to the running provisioner; the build then ends
 * as the builder's Run ends (its error), with no post-processor. Every plugin process is stopped
 * before `runBuild` settles. A plugin that dies gives its
 * HostError (`exited`) as the build's error.
 */
import { readFileSync } from 'node:fs';
import { unmarshalCtyJSON } from '../codecs/cty/json.js';
import { T } from '../codecs/cty/types.js';
import type { CtyValue } from '../codecs/cty/values.js';
import { chooseProtocol, type WireProtocol } from '../codecs/protocol/choose.js';
import type { ComponentKind } from '../codecs/protocol/describe.js';
import { GoFloat, GoInt, GoMap, GoTime, GoUint, type AnyValue } from '../codecs/rpc/index.js';
import { HostError, RpcRemoteError, asHostError } from './errors.js';
import type { ArtifactClient, HostArtifact, HostHook } from './components.js';
import { proxiedCommunicator } from './communicator-proxy.js';
import {
  describeAsPacker,
  destroyArtifactAsPacker,
  newRunUuid,
  packerPluginEnvironment,
  packerUi,
  packerVariables,
  postProcessAsPacker,
  prepareBuilderAsPacker,
  preparePostProcessorAsPacker,
  prepareProvisionerAsPacker,
  provisionAsPacker,
  reportArtifactAsPacker,
  type ArtifactReport,
  type PackerRun,
  type PackerSource,
} from './packer.js';
import { startComponent, type PluginSession, type SessionOptions } from './session.js';
import type { HostUi, RemoteUi } from './ui.js';
import type { RpcClient, RpcTrace } from './rpc-client.js';

/** One component of a build: a plugin binary, the component's name in it, its config. */
export interface BuildComponent {
  /** Path of the plugin binary. */
  plugin: string;
  /** The component's name inside the plugin (`start KIND NAME`). */
  type: string;
  /** The block's config as go-cty JSON with its type: `{"value": …, "type": …}` (what the SDK sends). */
  config: unknown;
}

export interface BuildProvisioner extends BuildComponent {
  /** Packer's own `timeout` (a Go duration); never sent to the plugin. */
  timeout?: string;
}

export interface BuildPostProcessor extends BuildComponent {
  /** `keep_input_artifact`; unset: the post-processor's own answer. */
  keepInputArtifact?: boolean;
  /** The block's type in the template (`post-processor "TYPE"`, e.g. `t064-chain`); default `type`. */
  templateType?: string;
  /** The block's `name`; default: none (Packer prints `Running post-processor:  (type TYPE)`). */
  blockName?: string;
}

/** What `packer build` gets from a template with one source. */
export interface BuildDescription {
  /** The source's name (`source "TYPE" "NAME"`; packer_build_name); default `build`. */
  name?: string;
  /** The source's type in the template (`source "TYPE" …`; packer_builder_type), e.g. the plugin's accessor `t064`; default `builder.type`. */
  sourceType?: string;
  /** The Packer version played (variables, internal components); default 1.16.0. */
  packerVersion?: string;
  builder: BuildComponent;
  provisioners?: BuildProvisioner[];
  /** Each chain in order; each step in order. */
  postProcessors?: BuildPostProcessor[][];
  /** Added to the plugins' environment (and read for PACKER_FORCE_GOB). */
  env?: Record<string, string>;
  /** Skip Packer's choice: use this protocol. */
  protocol?: WireProtocol;
}

/** A Ui call with the target Packer prints before it (`==> target: text`). */
export interface BuildUiEvent {
  target: string;
  kind: 'say' | 'message' | 'error' | 'machine';
  text: string;
}

export interface BuildOptions {
  signal?: AbortSignal;
  /** Told about every Ui call of every component, with the target Packer prints. */
  onUi?: (e: BuildUiEvent) => void;
  /** Options for each plugin session (protocol and env are the build's). */
  session?: Omit<Partial<SessionOptions>, 'protocol' | 'env'>;
  /** Told about every call the proxied communicator forwards. */
  onCommunicatorCall?: (method: string, detail: string) => void;
  /** Told about every plugin process the build starts. */
  onPluginStart?: (kind: ComponentKind, pid: number) => void;
  /** A trace for each plugin session, in start order (`session.trace` sees every session's calls). */
  traceSession?: (kind: ComponentKind, type: string) => ((t: RpcTrace) => void) | undefined;
}

export interface BuildResult {
  protocol: WireProtocol;
  /** The artifacts kept, in the order Packer lists them. */
  artifacts: ArtifactReport[];
  /** The build's error (the builder's, a failed provision's, a dead plugin's HostError), or null. */
  error: Error | null;
  /** Post-processor and destroy errors, as Packer lists them after the build. */
  errors: string[];
  /** Every plugin process the build started, with its pid (all ended when runBuild settles). */
  pids: number[];
}

/** Reads a build description file (JSON). */
export function readBuildDescription(path: string): BuildDescription {
  const d = JSON.parse(readFileSync(path, 'utf8')) as BuildDescription;
  if (!d || typeof d !== 'object' || !d.builder) throw new HostError('payload', `${path}: a build description needs a "builder"`);
  return d;
}

/** The block's config as the cty value the SDK's client would send. */
export function configValue(config: unknown, what: string): CtyValue {
  try {
    return unmarshalCtyJSON(new TextEncoder().encode(JSON.stringify(config ?? null)), T.DynamicPseudoType);
  } catch (e) {
    throw new HostError('payload', `${what}: config is not go-cty JSON with its type ({"value":…,"type":…}): ${(e as Error).message}`, { cause: e });
  }
}

/** The protocol Packer would use with these plugins (describe each, then chooseProtocol). */
export async function buildProtocol(d: BuildDescription, runUuid: string): Promise<WireProtocol> {
  if (d.protocol) return d.protocol;
  const binaries = [d.builder.plugin, ...(d.provisioners ?? []).map((p) => p.plugin), ...(d.postProcessors ?? []).flat().map((p) => p.plugin)];
  const plugins = [];
  for (const b of [...new Set(binaries)]) {
    const { description } = await describeAsPacker(b, runUuid);
    plugins.push({
      name: b
        .split('/')
        .pop()!
        .replace(/^packer-plugin-/, '')
        .replace(/_.*$/, ''),
      description,
    });
  }
  return chooseProtocol(d.packerVersion ?? '1.16.0', plugins, { ...process.env, ...(d.env ?? {}) }).protocol;
}

/** A Ui that tells `onUi` with a fixed target; Ask has no terminal (Packer's rule). */
function targetedUi(target: string, onUi: BuildOptions['onUi']): HostUi {
  const tell = (kind: BuildUiEvent['kind'], text: string) => onUi?.({ target, kind, text });
  return packerUi({
    say: (t) => tell('say', t),
    message: (t) => tell('message', t),
    error: (t) => tell('error', t),
    machine: (c, args) => tell('machine', [c, ...args].join(',')),
  });
}

/** The Ui a provisioner gets: the one the builder served on its hook stream (Packer passes it on). */
function forwardedUi(remote: RemoteUi): HostUi {
  return {
    say: (t) => remote.say(t),
    message: (t) => remote.message(t),
    error: (t) => remote.error(t),
    machine: (c, args) => remote.machine(c, ...args),
    ask: (q) => remote.ask(q),
  };
}

/** An artifact a plugin serves, served on to the next post-processor. */
function forwardedArtifact(a: ArtifactClient): HostArtifact {
  return {
    builderId: () => a.builderId(),
    id: () => a.id(),
    string: () => a.string(),
    files: () => a.files(),
    state: (n) => a.state(n),
    destroy: () => a.destroy(),
  };
}

const toMap = (data: AnyValue): Map<string, AnyValue> => {
  const m = new Map<string, AnyValue>();
  if (data instanceof GoMap) for (const [k, v] of data.entries) m.set(String(k), v);
  else if (data instanceof Map) for (const [k, v] of data as Map<unknown, AnyValue>) m.set(String(k), v);
  return m;
};

function killGroupLeftovers(pid: number | undefined): void {
  if (pid === undefined || process.platform === 'win32') return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* the group is empty */
  }
}

const groupGone = (pid: number): boolean => {
  try {
    process.kill(-pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

/**
 * The plugin process groups among `pids` (BuildResult.pids) that still have a process, after
 * waiting up to `waitMs` (SIGKILL is delivered and orphans reaped asynchronously). Unix only.
 */
export async function processGroupsLeft(pids: readonly number[], waitMs = 2000): Promise<number[]> {
  for (const end = performance.now() + waitMs; !pids.every(groupGone) && performance.now() < end; ) await new Promise((r) => setTimeout(r, 50));
  return pids.filter((p) => !groupGone(p));
}

/**
 * Packer's HCL2PostProcessor.PostProcess: every value of the input artifact's generated_data (as
 * the SDK's msgpack decodes it into interface{}) becomes a `build.*` variable through
 * hcl2template.ConvertPluginConfigValueToHCLValue, which takes bool, string, int64, uint64,
 * float64 and []uint8 (and typed slices msgpack never gives) and fails the post-processor on anything else, before it is configured
 * again. The Go type (%T) of an unhandled value, or null. Packer walks a Go map, so which of
 * several unhandled values it names is random; we name the first.
 */
export function unhandledBuildVar(data: AnyValue): string | null {
  if (!(data instanceof GoMap)) return null;
  for (const [, v] of data.entries) {
    if (typeof v === 'boolean' || typeof v === 'string' || v instanceof GoInt || v instanceof GoUint || v instanceof Uint8Array) continue;
    if (v instanceof GoFloat) continue; // ugorji decodes either width into float64
    if (v === null) return '<nil>';
    if (v instanceof GoTime) return 'time.Time';
    if (v instanceof GoMap) return 'map[interface {}]interface {}';
    if (Array.isArray(v)) return '[]interface {}';
    return v.constructor.name;
  }
  return null;
}

/**
 * The build's error as Packer prints it after `Build 'NAME' errored after …:` — the plugin's own
 * text for a builder's or provisioner's failure (not our call context), the MultiError of
 * post-processor and destroy errors.
 */
export function buildErrorText(e: Error): string {
  if (e instanceof HostError && (e.code === 'remote' || e.code === 'shutdown') && e.cause !== undefined) return messageOf(e.cause);
  return messageOf(e);
}

const messageOf = (e: unknown): string => (e instanceof RpcRemoteError ? e.remoteMessage : e instanceof Error ? e.message : String(e));

/** Runs the build; never rejects for a build failure (see `error`), always ends every plugin. */
export async function runBuild(d: BuildDescription, o: BuildOptions = {}): Promise<BuildResult> {
  const runUuid = newRunUuid();
  const run: PackerRun = { version: d.packerVersion ?? '1.16.0', runUuid };
  const name = d.name ?? 'build';
  const source: PackerSource = { type: d.sourceType ?? d.builder.type, name };
  const sessions: PluginSession[] = [];
  const result: BuildResult = { protocol: 'gob', artifacts: [], error: null, errors: [], pids: [] };
  const env = packerPluginEnvironment(runUuid, { ...process.env, ...(d.env ?? {}) });
  const start = async (c: BuildComponent, kind: ComponentKind): Promise<PluginSession> => {
    const trace = o.traceSession?.(kind, c.type);
    const s = await startComponent(c.plugin, kind, c.type, { ...(o.session ?? {}), ...(trace ? { trace } : {}), protocol: result.protocol, env });
    sessions.push(s);
    if (s.process.pid !== undefined) {
      result.pids.push(s.process.pid);
      o.onPluginStart?.(kind, s.process.pid);
    }
    return s;
  };
  try {
    result.protocol = await buildProtocol(d, runUuid);
    if (o.signal?.aborted) throw new HostError('shutdown', 'build cancelled');

    // ---- prepare, in template order ----
    const builderSession = await start(d.builder, 'builder');
    const builder = builderSession.builder();
    const prepared = await prepareBuilderAsPacker(builder, packerVariables(run, 'builder', source), configValue(d.builder.config, 'builder'));
    if (!prepared.ok) throw new HostError('remote', prepared.result.error ?? 'builder prepare failed');
    const provisioners: Array<{ p: BuildProvisioner; s: PluginSession; vars: GoMap; config: CtyValue }> = [];
    for (const [i, p] of (d.provisioners ?? []).entries()) {
      const s = await start(p, 'provisioner');
      const vars = packerVariables(run, 'provisioner', source);
      const config = configValue(p.config, `provisioner ${i}`);
      await prepareProvisionerAsPacker(s.provisioner(), vars, config);
      provisioners.push({ p, s, vars, config });
    }
    const chains = [];
    for (const [i, chain] of (d.postProcessors ?? []).entries()) {
      const steps = [];
      for (const [j, pp] of chain.entries()) {
        const s = await start(pp, 'post-processor');
        const vars = packerVariables(run, 'post-processor', source);
        const config = configValue(pp.config, `post-processor ${i}.${j}`);
        await preparePostProcessorAsPacker(s.postProcessor(), vars, config);
        steps.push({ pp, s, vars, config });
      }
      chains.push(steps);
    }

    // ---- run, with the provision hook ----
    let pluginFailure: HostError | undefined;
    // The SDK's HookServer: one context for every Hook.Run of the builder, made by the first Run;
    // the builder's Hook.Cancel (sent when its own Run context is cancelled) cancels it, and so
    // the running provisioner (Provisioner.Cancel). A Cancel before any Run does nothing.
    let hookContext: AbortController | undefined;
    const hook: HostHook = {
      run: async (hookName, data, plugin) => {
        hookContext ??= new AbortController();
        if (hookName !== 'packer_provision') return;
        for (const { p, s, vars, config } of provisioners) {
          await provisionOne(p, s, vars, config, data, plugin, hookContext.signal);
        }
      },
      cancel: () => hookContext?.abort(),
    };
    /** One provisioner at Provision time; its error goes to the builder with the plugin's own text (as Packer's hook server returns it). */
    const provisionOne = async (
      p: BuildProvisioner,
      s: PluginSession,
      vars: GoMap,
      config: CtyValue,
      data: AnyValue,
      plugin: { ui: RemoteUi; rpc: RpcClient },
      signal: AbortSignal,
    ): Promise<void> => {
      const ui = forwardedUi(plugin.ui);
      try {
        const communicator = proxiedCommunicator(s, builderSession, plugin.rpc, o.onCommunicatorCall ? { onCall: o.onCommunicatorCall } : {});
        await provisionAsPacker(s.provisioner(), {
          vars,
          config,
          generatedData: toMap(data),
          ui,
          communicator,
          ...(p.timeout ? { timeout: p.timeout } : {}),
          signal,
          callTimeoutMs: 24 * 3600 * 1000,
        });
      } catch (e) {
        // A provisioner that died (or went past a limit) is the build's error, typed, whatever
        // the builder makes of the hook's failure.
        if (e instanceof HostError && e.code !== 'remote' && e.code !== 'shutdown') pluginFailure ??= e;
        throw new Error(messageOf(e));
      }
    };
    let builderArtifact: ArtifactClient | null;
    try {
      builderArtifact = await builder.run(targetedUi(name, o.onUi), hook, { timeoutMs: 24 * 3600 * 1000, ...(o.signal ? { signal: o.signal } : {}) });
    } catch (e) {
      throw pluginFailure ?? e;
    }
    // CoreBuild.Run: a cancelled build skips its post-processors, with the context's error
    if (o.signal?.aborted) throw new HostError('shutdown', 'context canceled');
    if (!builderArtifact) return result;

    // ---- post-processors ----
    const kept: ArtifactClient[] = [];
    let keepOriginal = chains.length === 0;
    for (const steps of chains) {
      let prior: ArtifactClient = builderArtifact;
      let chainDone = false;
      for (const [i, { pp, s, vars, config }] of steps.entries()) {
        const ppType = pp.templateType ?? pp.type;
        const ppName = pp.blockName ?? '';
        const ui = targetedUi(`${name} (${ppType})`, o.onUi);
        targetedUi(name, o.onUi).say?.(ppName === ppType ? `Running post-processor: ${ppType}` : `Running post-processor: ${ppName} (type ${ppType})`);
        const unhandled = unhandledBuildVar(await prior.state('generated_data'));
        if (unhandled !== null) {
          result.errors.push(`Post-processor failed: unhandled buildvar type: ${unhandled}`);
          chainDone = true;
          break;
        }
        let r;
        try {
          r = await postProcessAsPacker(s.postProcessor(), { vars, config, artifact: forwardedArtifact(prior), ui, callTimeoutMs: 24 * 3600 * 1000 });
        } catch (e) {
          result.errors.push(`Post-processor failed: ${messageOf(e)}`);
          chainDone = true;
          break;
        }
        if (r.error !== null) {
          result.errors.push(`Post-processor failed: ${r.error}`);
          chainDone = true;
          break;
        }
        if (!r.artifact) {
          chainDone = true;
          break;
        }
        let keep = r.keep;
        if (pp.keepInputArtifact !== undefined && !(r.keep && pp.keepInputArtifact === false && r.forceOverride)) keep = pp.keepInputArtifact;
        if (i === 0) {
          if (keep) keepOriginal = true;
        } else if (keep) {
          kept.push(prior);
        } else {
          const err = await destroyArtifactAsPacker(prior);
          if (err !== null) result.errors.push(`Failed cleaning up prior artifact: ${err}; pp is ${ppType}`);
        }
        prior = r.artifact;
      }
      if (!chainDone) kept.push(prior);
    }
    // CoreBuild.Run: the builder's artifact, when kept, comes first
    if (keepOriginal) kept.unshift(builderArtifact);
    else {
      const err = await destroyArtifactAsPacker(builderArtifact);
      // Packer's msgpack rpc client cannot decode the plugin's *BasicError into the reply's `error`
      // (`reading body msgpack decode error [pos N]: reflect.Set: …`, recorded) and its client for
      // that artifact is dead after it: Files is never sent and gives nil. We keep the plugin's
      // own text (host/README.md, deliberate differences) but, like Packer, send no Files.
      if (err !== null) result.errors.push(`Error destroying builder artifact: ${err}; bad artifact: []string(nil)`);
    }
    // command/build.go: a build with errors is reported as errored (the SDK's MultiError), its
    // artifacts are not listed.
    if (result.errors.length) {
      result.error = new HostError('remote', `${result.errors.length} error(s) occurred:\n\n${result.errors.map((e) => `* ${e}`).join('\n')}`);
      return result;
    }
    for (const a of kept) result.artifacts.push(await reportArtifactAsPacker(a));
    return result;
  } catch (e) {
    result.error = o.signal?.aborted ? new HostError('shutdown', `build cancelled: ${messageOf(e)}`, { cause: e }) : asHostError(e, 'remote', 'build');
    return result;
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
    // A plugin that exited by itself may leave children in its process group (a command its
    // communicator started): end them too, so nothing of the build outlives it.
    for (const s of sessions) killGroupLeftovers(s.process.pid);
  }
}
