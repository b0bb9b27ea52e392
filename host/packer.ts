/**
 * The session real Packer (HCL2 templates, v1.12.0 … v1.16.0) plays with each plugin component,
 * as read from Packer's source (hcl2template/types.source.go, types.build.provisioners.go,
 * types.build.post-processor.go, types.hcl_provisioner.go, types.hcl_post-processor.go,
 * types.datasource.go, types.packer_config.go, packer/build.go, command/build.go, main.go) and
 * recorded from real Packer (conformance/reference):
 *
 * - every ConfigSpec comes from `decodeHCL2Spec`, which Packer runs once to prepare a component
 *   and once more after a successful Prepare/Configure: ConfigSpec, Prepare, ConfigSpec;
 * - a datasource: ConfigSpec, Configure(config), ConfigSpec, Execute; OutputSpec is only asked by
 *   `packer validate` without executing datasources, never by a build;
 * - a builder: ConfigSpec, Prepare(packerVariables, config), ConfigSpec, Run;
 * - a provisioner: ConfigSpec, Prepare(packerVariables, config, nil), ConfigSpec when the build
 *   is set up, then at Provision time once more ConfigSpec, Prepare(…, config evaluated with the
 *   builder's hook data as `build.*`, nil), Provision(hook data). The third argument is the
 *   block's `override` for this source: nil under HCL2 unless the template sets one;
 * - a post-processor: ConfigSpec, Configure(packerVariables, config), ConfigSpec, then at
 *   PostProcess time: the input artifact's State("generated_data"), ConfigSpec, Configure(…),
 *   PostProcess;
 * - the Packer-variables map (`packerVariables`): packer_build_name (the source's name),
 *   packer_builder_type (the source's type, i.e. the *builder's* type for provisioners and
 *   post-processors too), packer_core_version, packer_debug, packer_force, packer_on_error,
 *   all strings; plus `packer_sensitive_variables` ([]string) for provisioners from v1.14 and for
 *   post-processors from v1.16;
 * - a provisioner's `timeout` is Packer's (a Go duration, `parseGoDuration`): it cancels the
 *   Provision call after that long and is never sent to the plugin;
 * - after a build, for every artifact kept: String, BuilderId, Id, String, Files (command/build.go
 *   prints them); the builder's artifact is destroyed (Destroy) when a post-processor ran and
 *   nobody keeps it (a failed Destroy breaks Packer's client for that artifact: nothing follows);
 * - Ui.Ask has no terminal under a host without one: the answer is the error `no available tty`;
 * - plugins run with PACKER_RUN_UUID (a random UUID per Packer run) in their environment, and
 *   `describe` runs without the magic cookie (Packer's plain exec of `PLUGIN describe`).
 */
import { randomUUID } from 'node:crypto';
import { GoMap, type AnyValue } from '../codecs/rpc/index.js';
import type { ObjectSpec } from '../codecs/hclspec/model.js';
import { pluginEnvironment, runDescribe, withoutCookie, type DescribeResult } from './process.js';
import type { ComponentKind } from '../codecs/protocol/describe.js';
import { HostError } from './errors.js';
import type {
  ArtifactClient,
  BuilderClient,
  DatasourceClient,
  ExecuteResult,
  HostArtifact,
  LongCallOptions,
  PostProcessResult,
  PostProcessorClient,
  PrepareResult,
  ProvisionerClient,
} from './components.js';
import type { ConfigArg } from './payloads.js';
import type { RpcService } from './rpc-server.js';
import type { HostUi } from './ui.js';

/** What Packer's run gives every component: its version, flags and run id. */
export interface PackerRun {
  /** Packer's version as `FormattedVersion` prints it, e.g. `1.16.0`. */
  version: string;
  /** PACKER_RUN_UUID of this run (default: a random UUID, as main.go makes it). */
  runUuid?: string;
  /** `-debug` (packer_debug). */
  debug?: boolean;
  /** `-force` (packer_force). */
  force?: boolean;
  /** `-on-error` (packer_on_error; "" when not given). */
  onError?: string;
  /** Names of the template's sensitive input variables (packer_sensitive_variables). */
  sensitiveVariables?: string[];
}

/** The source (builder block) a component belongs to: `source "TYPE" "NAME"`. */
export interface PackerSource {
  type: string;
  name: string;
}

const versionParts = (v: string): number[] =>
  v
    .replace(/^v/, '')
    .split(/[.-]/)
    .slice(0, 3)
    .map((x) => Number.parseInt(x, 10) || 0);

/** a >= b for Packer versions (`1.16.0`, `v1.12.0`). */
export function versionAtLeast(a: string, b: string): boolean {
  const x = versionParts(a);
  const y = versionParts(b);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return true;
}

/**
 * Since which Packer version a component kind also gets `packer_sensitive_variables`: read in
 * v1.12.0 (no kind), v1.14.3 and v1.15.0 (provisioners), v1.16.0 (provisioners and
 * post-processors); v1.13.x and v1.14.0–2 are not served in full by the module proxy, unchecked.
 */
const SENSITIVE_VARIABLES_SINCE: Partial<Record<ComponentKind, string>> = { provisioner: '1.14.0', 'post-processor': '1.16.0' };

/** The Packer-variables map Packer passes first to Prepare/Configure of a builder, provisioner or post-processor. */
export function packerVariables(run: PackerRun, kind: ComponentKind, source: PackerSource): GoMap {
  const entries: Array<readonly [AnyValue, AnyValue]> = [
    ['packer_build_name', source.name],
    ['packer_builder_type', source.type],
    ['packer_core_version', run.version.replace(/^v/, '')],
    ['packer_debug', String(run.debug ?? false)],
    ['packer_force', String(run.force ?? false)],
    ['packer_on_error', run.onError ?? ''],
  ];
  const since = SENSITIVE_VARIABLES_SINCE[kind];
  if (since && versionAtLeast(run.version, since)) entries.push(['packer_sensitive_variables', [...(run.sensitiveVariables ?? [])]]);
  return new GoMap(entries);
}

/** The environment Packer starts a plugin with: its own (with PACKER_RUN_UUID) plus the cookie and port range. */
export function packerPluginEnvironment(runUuid: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return pluginEnvironment({ ...base, PACKER_RUN_UUID: runUuid });
}

/** The environment of `PLUGIN describe`: Packer's own (PACKER_RUN_UUID set), no magic cookie. */
export function packerDescribeEnvironment(runUuid: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return withoutCookie({ ...base, PACKER_RUN_UUID: runUuid });
}

/** A fresh run id, as Packer's main.go makes one (uuid.GenerateUUID: 8-4-4-4-12 lower-case hex). */
export const newRunUuid = (): string => randomUUID();

/** Runs `PLUGIN describe` as Packer does (no cookie, PACKER_RUN_UUID set). */
export function describeAsPacker(binary: string, runUuid: string, timeoutMs = 30_000): Promise<DescribeResult> {
  return runDescribe(binary, timeoutMs, packerDescribeEnvironment(runUuid));
}

// ---- the Ui ----

/** The error text of Ui.Ask when Packer has no terminal (the SDK's BasicUi without a TTY). */
export const NO_TTY = 'no available tty';

/**
 * The Ui as Packer serves it: every call goes to `ui`; Ask fails with `no available tty` unless
 * `terminal` is set (then `ui.ask` answers, as Packer reading a line from its TTY).
 */
export function packerUi(ui: HostUi, options: { terminal?: boolean } = {}): HostUi {
  if (options.terminal) return ui;
  const out: HostUi = { ...bindAll(ui) };
  out.ask = () => {
    throw new Error(NO_TTY);
  };
  return out;
}

function bindAll(ui: HostUi): HostUi {
  const o: HostUi = {};
  const src = ui as Record<string, unknown>;
  for (const k of ['say', 'message', 'error', 'machine', 'trackProgress'] as const) {
    const f = src[k];
    if (typeof f === 'function') (o as Record<string, unknown>)[k] = (f as (...a: unknown[]) => unknown).bind(ui);
  }
  return o;
}

// ---- durations ----

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/**
 * Go's time.ParseDuration: `[-+]` then one or more `NUMBER UNIT` (`1h30m`, `1.5s`, `300ms`; `0`
 * alone). Returns nanoseconds; a HostError `payload` names what Go would refuse.
 */
export function parseGoDuration(s: string): bigint {
  const bad = (): never => {
    throw new HostError('payload', `time: invalid duration ${JSON.stringify(s)}`);
  };
  let rest = s;
  let neg = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') bad();
  let total = 0n;
  const re = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== '') {
    const m = re.exec(rest);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) {
      if (m === null && /^[\d.]+$/.test(rest)) throw new HostError('payload', `time: missing unit in duration ${JSON.stringify(s)}`);
      return bad();
    }
    const unit = UNIT_NS[m[3]!]!;
    const frac = m[2] ?? '';
    total += BigInt(m[1] || '0') * unit + (frac === '' ? 0n : (BigInt(frac) * unit) / 10n ** BigInt(frac.length));
    if (total > 9_223_372_036_854_775_807n) throw new HostError('payload', `time: invalid duration ${JSON.stringify(s)}`);
    rest = rest.slice(m[0].length);
  }
  return neg ? -total : total;
}

// ---- components, as Packer drives them ----

export interface PackerPrepared<T> {
  /** The spec of the first ConfigSpec (Packer decodes the block with it). */
  spec: ObjectSpec;
  result: T;
  /** Whether Prepare/Configure succeeded (then ConfigSpec was asked a second time). */
  ok: boolean;
}

/** Builder: ConfigSpec, Prepare(packerVariables, config), and on success ConfigSpec again. */
export async function prepareBuilderAsPacker(b: BuilderClient, vars: GoMap, config: ConfigArg): Promise<PackerPrepared<PrepareResult>> {
  const spec = await b.configSpec();
  const result = await b.prepare([vars, config]);
  const ok = result.error === null;
  if (ok) await b.configSpec();
  return { spec, result, ok };
}

/** The cleanup/one-shot form of a provisioner's Prepare: ConfigSpec, Prepare(vars, config, override), and on success ConfigSpec. */
export async function prepareProvisionerAsPacker(
  p: ProvisionerClient,
  vars: GoMap,
  config: ConfigArg,
  override: AnyValue = null,
): Promise<PackerPrepared<null>> {
  const spec = await p.configSpec();
  await p.prepare([vars, config, override]);
  await p.configSpec();
  return { spec, result: null, ok: true };
}

export interface PackerProvision {
  vars: GoMap;
  /** The provisioner's config evaluated with the builder's hook data as `build.*`. */
  config: ConfigArg;
  override?: AnyValue;
  /** The builder's hook data (Hook.Run's Data). */
  generatedData: ReadonlyMap<string, AnyValue>;
  ui: HostUi;
  communicator: RpcService | null;
  /** The block's `timeout` (a Go duration): Provision is cancelled after it. Never sent to the plugin. */
  timeout?: string;
  signal?: AbortSignal;
  callTimeoutMs?: number;
}

/** At Provision time (HCL2Provisioner.Provision): ConfigSpec, Prepare(vars, config, override), Provision. */
export async function provisionAsPacker(p: ProvisionerClient, o: PackerProvision): Promise<void> {
  const timeoutNs = o.timeout ? parseGoDuration(o.timeout) : 0n;
  await p.configSpec();
  await p.prepare([o.vars, o.config, o.override ?? null]);
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) abort.abort();
  const timer = timeoutNs > 0n ? setTimeout(() => abort.abort(), Number(timeoutNs / 1_000_000n)) : undefined;
  try {
    const opts: LongCallOptions = { signal: abort.signal };
    if (o.callTimeoutMs !== undefined) opts.timeoutMs = o.callTimeoutMs;
    await p.provision(o.ui, o.generatedData, o.communicator, opts);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
  }
}

/** Post-processor setup: ConfigSpec, Configure(vars, config), and on success ConfigSpec. */
export async function preparePostProcessorAsPacker(pp: PostProcessorClient, vars: GoMap, config: ConfigArg): Promise<PackerPrepared<null>> {
  const spec = await pp.configSpec();
  await pp.configure([vars, config]);
  await pp.configSpec();
  return { spec, result: null, ok: true };
}

export interface PackerPostProcess {
  vars: GoMap;
  /** The post-processor's config evaluated with the artifact's generated data as `build.*`. */
  config: ConfigArg;
  /** The input artifact (the builder's, served to the post-processor). */
  artifact: HostArtifact;
  ui: HostUi;
  callTimeoutMs?: number;
}

/**
 * At PostProcess time (HCL2PostProcessor.PostProcess): the input artifact's
 * State("generated_data") is read by the caller (it lives with the builder), then ConfigSpec,
 * Configure(vars, config), PostProcess.
 */
export async function postProcessAsPacker(pp: PostProcessorClient, o: PackerPostProcess): Promise<PostProcessResult> {
  await pp.configSpec();
  await pp.configure([o.vars, o.config]);
  return pp.postProcess(o.ui, o.artifact, o.callTimeoutMs !== undefined ? { timeoutMs: o.callTimeoutMs } : {});
}

/** Datasource: ConfigSpec, Configure(config), ConfigSpec, Execute. No OutputSpec. */
export async function executeDatasourceAsPacker(ds: DatasourceClient, config: ConfigArg): Promise<{ spec: ObjectSpec; value: ExecuteResult }> {
  const spec = await ds.configSpec();
  await ds.configure([config]);
  await ds.configSpec();
  return { spec, value: await ds.execute() };
}

/** What command/build.go asks of every artifact a build returned, in its order. */
export interface ArtifactReport {
  string: string;
  builderId: string;
  id: string;
  files: string[];
}

/** String, BuilderId, Id, String, Files: the calls `packer build` makes to print an artifact. */
export async function reportArtifactAsPacker(a: ArtifactClient): Promise<ArtifactReport> {
  const string = await a.string();
  const builderId = await a.builderId();
  const id = await a.id();
  await a.string();
  const files = await a.files();
  return { string, builderId, id, files };
}

/**
 * The builder's artifact when a post-processor ran and nobody keeps it (CoreBuild.Run): Destroy.
 * Returns Destroy's error text. When Destroy fails, Packer asks Files for its error text, but
 * that call never reaches the plugin: Packer's artifact client decodes the `*BasicError` answer
 * into an `error` interface, which ugorji refuses ("reflect.Set: value of type
 * map[interface {}]interface {} is not assignable to type error"), and net/rpc then shuts that
 * client down (recorded from real Packer 1.12.0). So no call follows a failed Destroy here either.
 */
export async function destroyArtifactAsPacker(a: ArtifactClient): Promise<string | null> {
  return a.destroy();
}
